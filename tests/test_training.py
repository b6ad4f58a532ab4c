"""Training from a JSONL file: train → save → load → identical predictions; metrics agree everywhere."""

from __future__ import annotations

import json

import numpy as np
import pytest
from tiny import tiny_records

from jobfeedback import Analyzer
from jobfeedback.dataset import load_dataset, writing_pass
from jobfeedback.errors import InputFileError
from jobfeedback.metrics import evaluate
from jobfeedback.training import train


@pytest.fixture
def tiny_jsonl(tmp_path):
    path = tmp_path / "feedback.jsonl"
    records = tiny_records()
    for r in records[:6]:
        r["split"] = "test"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


@pytest.mark.slow
def test_train_save_load_identical(tmp_path, tiny_jsonl):
    path = train(tmp_path / "model", data=tiny_jsonl, params={"n_features": 2**12, "cv": 3}, progress=False)
    analyzer = Analyzer.load(path, trusted=True)
    meta = json.loads((path / "meta.json").read_text())
    card = (path / "MODEL_CARD.md").read_text()
    test = [r for r in load_dataset(tiny_jsonl) if r["split"] == "test"]
    again = evaluate(analyzer, test)
    # meta.json, the model card and a fresh evaluation print the same numbers.
    assert again["macro_f1"] == pytest.approx(meta["metrics"]["test"]["macro_f1"])
    assert f"Theme macro-F1 {again['macro_f1']:.3f}" in card
    texts = [r["text"] for r in test]
    reloaded = Analyzer.load(path, trusted=True)
    assert [a.scores for a in analyzer.analyze_many(texts)] == [a.scores for a in reloaded.analyze_many(texts)]


def test_dataset_errors_name_the_line(tmp_path):
    bad = tmp_path / "feedback.jsonl"
    bad.write_text(
        '{"id": "a-1", "text": "x", "themes": ["nope"], "tone": "neutral", "register": "r", "split": "train"}\n'
    )
    with pytest.raises(InputFileError, match="E023.*:1:"):
        load_dataset(bad)
    bad.write_text("{broken\n")
    with pytest.raises(InputFileError, match="E021"):
        load_dataset(bad)
    bad.write_text('{"id": "a-1"}\n')
    with pytest.raises(InputFileError, match="E022"):
        load_dataset(bad)


def test_writing_pass_is_the_id_prefix():
    assert writing_pass({"id": "w12-0040"}) == "w12"
    assert writing_pass({"id": "pA-0001"}) == "pA"


def test_metrics_macro_ignores_absent_themes():
    from jobfeedback.metrics import theme_report

    Y = np.array([[1, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 1]])
    rep = theme_report(Y, Y.copy())
    assert rep["macro_f1"] == 1.0 and rep["micro_f1"] == 1.0


@pytest.mark.parametrize(("marks", "says"), [(True, "Praise marks (on)"), (False, "Praise marks (off)")])
def test_model_card_says_whether_praise_marks_are_on(marks, says):
    from jobfeedback.model_card import render_model_card
    from jobfeedback.model_dir import default_model_dir

    meta = json.loads((default_model_dir() / "meta.json").read_text())
    meta["params"]["praise_marks"] = marks
    assert says in " ".join(render_model_card(meta).split())


@pytest.mark.parametrize(
    ("marks", "clause", "says"),
    [(True, True, "clause praise (on)"), (True, False, "clause praise (off)"), (False, True, "clause praise (off)")],
)
def test_model_card_says_whether_clause_praise_is_on(marks, clause, says):
    from jobfeedback.model_card import render_model_card
    from jobfeedback.model_dir import default_model_dir

    meta = json.loads((default_model_dir() / "meta.json").read_text())
    meta["params"]["praise_marks"] = marks
    meta["params"]["clause_praise"] = clause
    assert says in " ".join(render_model_card(meta).split())
