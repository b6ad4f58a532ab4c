"""Training, saving and loading: reproducible, round-trips exactly, refuses unsafe files."""

from __future__ import annotations

import json

import joblib
import pytest

from jobfeedback import Analyzer
from jobfeedback.errors import ModelLoadError
from jobfeedback.model import FeedbackModel, FeedbackVectorizer, load_model, save_model

TINY = [
    ("Your SQL was weak and you could not write a join.", ["skills_gap"], "negative"),
    ("You lacked Python depth; the coding test score was below our bar.", ["skills_gap"], "negative"),
    ("We need someone with ten years of experience; you have three.", ["experience"], "neutral"),
    ("Your background is too junior for this senior role.", ["experience"], "neutral"),
    ("Your answers rambled and were hard to follow.", ["communication"], "negative"),
    ("You talked over the panel and did not listen.", ["communication"], "negative"),
    ("We felt you would not fit our collaborative team culture.", ["culture_fit"], "neutral"),
    ("You did not seem motivated by our mission.", ["culture_fit"], "negative"),
    ("You had not researched our product and arrived late.", ["interview_preparation"], "negative"),
    ("You gave no concrete examples and had not read the brief.", ["interview_preparation"], "negative"),
    ("Your salary expectations are above our budget.", ["logistics"], "neutral"),
    ("The role has been cancelled due to a hiring freeze.", ["logistics"], "neutral"),
    ("We offered the position to another candidate.", ["competition"], "neutral"),
    ("The role went to an internal candidate.", ["competition"], "neutral"),
    ("You were brilliant and we loved you, but we hired someone else.", ["competition"], "positive"),
    ("Great energy, but your Excel skills were weak.", ["skills_gap"], "mixed"),
    ("Thank you for applying. We will not progress your application.", [], "neutral"),
    ("We wish you the best in your search.", [], "neutral"),
    ("Impressive portfolio and lovely interview, truly.", [], "positive"),
    ("Strong candidate, but too junior and the answers were unclear.", ["experience", "communication"], "mixed"),
]


def _fit():
    # Each example three times: calibration needs several positives per theme in each fold.
    texts, themes, tones = zip(*(TINY * 3))
    return FeedbackModel(n_features=2**12, calibration_cv=3).fit(list(texts), list(themes), list(tones))


def test_training_is_reproducible():
    a, b = _fit(), _fit()
    texts = [t for t, _, _ in TINY] + ["Your Go code was weak.", "another candidate was chosen"]
    pa, ta = a.predict_scores(texts)
    pb, tb = b.predict_scores(texts)
    assert (pa == pb).all() and (ta == tb).all()


def test_overfit_save_load_same_predictions(tmp_path):
    model = _fit()
    texts = [t for t, _, _ in TINY]
    probs, _ = model.predict_scores(texts[:6])
    # It learned its training data: the labeled theme scores highest.
    assert [int(row.argmax()) for row in probs] == [0, 0, 1, 1, 2, 2]
    save_model(model, tmp_path / "m", {"note": "tiny"})
    loaded, meta = load_model(tmp_path / "m", trusted=True)
    assert meta["note"] == "tiny"
    p1, t1 = model.predict_scores(texts)
    p2, t2 = loaded.predict_scores(texts)
    assert (p1 == p2).all() and (t1 == t2).all()
    analyzer = Analyzer.load(tmp_path / "m", trusted=True)
    assert analyzer.analyze(texts[0]).scores == tuple(float(p) for p in p2[0])


def test_untrusted_directory_is_refused(tmp_path):
    save_model(_fit(), tmp_path / "m")
    with pytest.raises(ModelLoadError, match="E006"):
        Analyzer.load(tmp_path / "m")


def test_tampered_model_is_refused_before_unpickling(tmp_path, monkeypatch):
    path = save_model(_fit(), tmp_path / "m")
    with open(path / "model.joblib", "ab") as f:
        f.write(b"tampered")

    def must_not_run(*args, **kwargs):
        raise AssertionError("joblib.load was called on a tampered file")

    monkeypatch.setattr(joblib, "load", must_not_run)
    with pytest.raises(ModelLoadError, match="E007"):
        Analyzer.load(path, trusted=True)


def test_foreign_pickle_without_meta_is_refused(tmp_path):
    (tmp_path / "x").mkdir()
    joblib.dump({"not": "a model"}, tmp_path / "x" / "model.joblib")
    with pytest.raises(ModelLoadError, match="E002"):
        Analyzer.load(tmp_path / "x", trusted=True)


def test_version_mismatch_is_a_clear_error(tmp_path):
    path = save_model(_fit(), tmp_path / "m")
    meta = json.loads((path / "meta.json").read_text())
    meta["versions"]["scikit-learn"] = "0.24.2"
    (path / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(ModelLoadError, match="E008"):
        Analyzer.load(path, trusted=True)


def test_missing_directory(tmp_path):
    with pytest.raises(ModelLoadError, match="E001"):
        Analyzer.load(tmp_path / "nope", trusted=True)


def test_fit_validates_labels():
    with pytest.raises(ValueError, match="Unknown theme"):
        FeedbackModel().fit(["a"], [["nope"]], ["neutral"])
    with pytest.raises(ValueError, match="Unknown tone"):
        FeedbackModel().fit(["a"], [[]], ["happy"])


def test_vectorizer_follows_sklearn_conventions():
    from sklearn.base import clone

    vec = FeedbackVectorizer(n_features=2**10)
    assert clone(vec).get_params() == vec.get_params()
    X = vec.fit_transform(["Your SQL was weak", "We hired someone else"])
    assert X.shape == (2, 2**10)


def test_shipped_model_meta():
    from jobfeedback.analyzer import default_model_dir

    meta = json.loads((default_model_dir() / "meta.json").read_text())
    for key in ("themes", "thresholds", "versions", "training_data", "metrics", "model_sha256"):
        assert key in meta
    assert (default_model_dir() / "model.joblib").stat().st_size < 20 * 1024 * 1024


def test_fast_theme_probabilities_equal_the_pipeline():
    import numpy as np

    from jobfeedback.analyzer import default_analyzer

    model = default_analyzer().model
    X = model.features.transform(["Your SQL was weak.", "We hired someone else.", "", "Thanks!"])
    expected = model.themes_pipeline_.named_steps["classifier"].predict_proba(X)
    assert np.allclose(model.theme_probs(X), expected, rtol=0, atol=1e-12)
