"""Model directories: what is saved, and every way loading refuses a directory."""

from __future__ import annotations

import json

import joblib
import pytest
from tiny import tiny_model

from jobfeedback import Analyzer
from jobfeedback.errors import ModelLoadError
from jobfeedback.model_dir import default_model_dir, lexicon_sha256, read_meta, save_model


@pytest.fixture
def saved(tmp_path):
    return save_model(tiny_model(), tmp_path / "m")


def test_meta_records_versions_lexicon_and_hash(saved):
    meta = read_meta(saved)
    for key in ("themes", "tones", "thresholds", "params", "versions", "model_sha256", "lexicon_sha256"):
        assert key in meta
    assert meta["lexicon_sha256"] == lexicon_sha256()
    assert {"spacy", "scikit-learn", "numpy", "jobfeedback"} <= set(meta["versions"])


def test_untrusted_directory_is_refused(saved):
    with pytest.raises(ModelLoadError, match="E006"):
        Analyzer.load(saved)


def test_tampered_model_is_refused_before_unpickling(saved, monkeypatch):
    with open(saved / "model.joblib", "ab") as f:
        f.write(b"tampered")

    def must_not_run(*args, **kwargs):
        raise AssertionError("joblib.load was called on a tampered file")

    monkeypatch.setattr(joblib, "load", must_not_run)
    with pytest.raises(ModelLoadError, match="E007"):
        Analyzer.load(saved, trusted=True)


def test_foreign_pickle_without_meta_is_refused(tmp_path):
    (tmp_path / "x").mkdir()
    joblib.dump({"not": "a model"}, tmp_path / "x" / "model.joblib")
    with pytest.raises(ModelLoadError, match="E002"):
        Analyzer.load(tmp_path / "x", trusted=True)


def test_foreign_pickle_with_meta_is_refused(saved):
    joblib.dump({"not": "a model"}, saved / "model.joblib")
    from jobfeedback.model_dir import file_sha256

    meta = json.loads((saved / "meta.json").read_text())
    meta["model_sha256"] = file_sha256(saved / "model.joblib")
    (saved / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(ModelLoadError, match="E009"):
        Analyzer.load(saved, trusted=True)


@pytest.mark.parametrize(
    ("change", "code"),
    [
        (lambda m: m.__setitem__("format_version", 1), "E004"),
        (lambda m: m.__setitem__("themes", ["a"]), "E005"),
        (lambda m: m["versions"].__setitem__("scikit-learn", "0.24.2"), "E008"),
        (lambda m: m.pop("model_sha256"), "E011"),
    ],
)
def test_incompatible_meta_is_a_clear_error(saved, change, code):
    meta = json.loads((saved / "meta.json").read_text())
    change(meta)
    (saved / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(ModelLoadError, match=code):
        Analyzer.load(saved, trusted=True)


def test_invalid_meta_json(saved):
    (saved / "meta.json").write_text("{not json")
    with pytest.raises(ModelLoadError, match="E003"):
        Analyzer.load(saved, trusted=True)


def test_missing_directory(tmp_path):
    with pytest.raises(ModelLoadError, match="E001"):
        Analyzer.load(tmp_path / "nope", trusted=True)


@pytest.mark.model
def test_shipped_model_directory():
    meta = read_meta(default_model_dir())
    for key in ("thresholds", "versions", "training_data", "metrics", "model_sha256"):
        assert key in meta
    size = sum(p.stat().st_size for p in default_model_dir().iterdir())
    assert size < 20 * 1024 * 1024
