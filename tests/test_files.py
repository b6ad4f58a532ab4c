"""Result files people read: plain-text evidence and steps in CSV, JSON kept in JSONL; a progress total."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from jobfeedback import Analysis, NextStep, Sentiment, ThemeHit
from jobfeedback.cli import main
from jobfeedback.files import count_rows, readable_evidence, readable_steps

TEXTS = [
    "Your SQL was weak.",
    "We went with another candidate.",
    "Congratulations, we are pleased to offer you the job.",
]


def test_readable_cells_have_one_item_per_line():
    a = Analysis(
        text="t",
        themes=(ThemeHit("skills_gap", 0.9, ("Your SQL\nwas weak.", "No Python.")),),
        sentiment=Sentiment("negative", 0.9, 0.0, 0.0),
        next_steps=(
            NextStep("skills_gap", "Practise SQL.", "Continue Your Job Search"),
            NextStep(None, "Say thanks.", "Stay Professional"),
        ),
    )
    assert readable_evidence(a) == 'skills_gap: "Your SQL was weak."\nskills_gap: "No Python."'
    assert (
        readable_steps(a) == "Practise SQL. (guide: Continue Your Job Search)\nSay thanks. (guide: Stay Professional)"
    )


def test_csv_output_is_plain_text_and_jsonl_keeps_json(tmp_path):
    src = tmp_path / "in.csv"
    pd.DataFrame({"t": TEXTS}).to_csv(src, index=False)
    assert (
        main(
            ["analyze", "--input", str(src), "--text-column", "t", "--output", str(tmp_path / "o.csv"), "--no-progress"]
        )
        == 0
    )
    assert (
        main(
            [
                "analyze",
                "--input",
                str(src),
                "--text-column",
                "t",
                "--output",
                str(tmp_path / "o.jsonl"),
                "--no-progress",
            ]
        )
        == 0
    )
    csv_out = pd.read_csv(tmp_path / "o.csv", keep_default_na=False)
    assert csv_out["kind"].tolist()[2] == "offer"
    for cell in csv_out["next_steps"]:
        assert not cell.startswith("[") and "(guide: " in cell
        assert len(cell.splitlines()) >= 1
    rows = [json.loads(line) for line in (tmp_path / "o.jsonl").read_text().splitlines()]
    assert isinstance(json.loads(rows[0]["next_steps"]), list)
    assert rows[2]["kind"] == "offer"


@pytest.mark.parametrize("ext", ["csv", "tsv", "jsonl", "parquet"])
def test_row_count_for_the_progress_bar(tmp_path, ext):
    df = pd.DataFrame({"t": ["one", "two,\nwith a line break", "three"]})
    path = tmp_path / f"in.{ext}"
    if ext in ("csv", "tsv"):
        df.to_csv(path, index=False, sep="\t" if ext == "tsv" else ",")
    elif ext == "jsonl":
        df.to_json(path, orient="records", lines=True)
    else:
        df.to_parquet(path, index=False)
    assert count_rows(path, "parquet" if ext == "parquet" else "jsonl" if ext == "jsonl" else "csv") == 3


def test_report_progress_bar_has_a_total(tmp_path, monkeypatch):
    import tqdm.auto

    totals = []
    real = tqdm.auto.tqdm

    def spy(*args, **kwargs):
        totals.append(kwargs.get("total"))
        return real(*args, **kwargs)

    monkeypatch.setattr(tqdm.auto, "tqdm", spy)
    src = tmp_path / "in.csv"
    pd.DataFrame({"t": TEXTS}).to_csv(src, index=False)
    assert main(["report", str(src), "--text-column", "t", "--output", str(tmp_path / "r.md")]) == 0
    assert totals == [3]
