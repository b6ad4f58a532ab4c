"""The estimator: sklearn's contract, one prediction path, overfit → save → load → same predictions."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone
from tiny import TINY, tiny_model, tiny_records

from jobfeedback import Analyzer
from jobfeedback.classifier import Decision, FeedbackModel, as_parsed, consistent, rank_evidence
from jobfeedback.model_dir import load_model, save_model
from jobfeedback.taxonomy import THEMES


def test_init_only_stores_parameters():
    m = FeedbackModel(sentence_C=3.0, levels="sentence")
    assert clone(m).get_params() == m.get_params()
    assert not any(k.endswith("_") for k in vars(m))


def test_learned_state_ends_in_underscore():
    m = tiny_model()
    for attr in ("counter_", "sentence_coef_", "text_coef_", "stack_coef_", "thresholds_", "tones_", "kinds_"):
        assert hasattr(m, attr)
    assert m.thresholds_.shape == (len(THEMES),)


def test_overfits_its_training_data():
    m = tiny_model()
    texts = [t for t, *_ in TINY[:14]]
    probs = m.predict_proba(texts)
    assert probs.shape == (14, len(THEMES))
    assert [THEMES[int(row.argmax())] for row in probs] == [themes[0] for _, themes, *_ in TINY[:14]]


def test_bare_string_is_refused():
    with pytest.raises(ValueError, match="E101"):
        tiny_model().predict_proba("Your SQL was weak.")
    with pytest.raises(TypeError, match="E102"):
        as_parsed([1, 2])


def test_fit_validates_labels():
    with pytest.raises(ValueError, match="E103"):
        FeedbackModel().fit(["a", "b"], np.zeros((2, 3)))
    with pytest.raises(ValueError, match="E105"):
        FeedbackModel().fit(["a"], np.zeros((1, len(THEMES))), tones=["happy"])
    with pytest.raises(ValueError, match="E106"):
        FeedbackModel(levels="words").fit(["a"], np.zeros((1, len(THEMES))))


@pytest.mark.slow
def test_training_is_reproducible():
    from jobfeedback.training import fit_model

    a = fit_model(tiny_records(), {"n_features": 2**12, "cv": 3, "n_jobs": 1})
    b = fit_model(tiny_records(), {"n_features": 2**12, "cv": 3, "n_jobs": 2})
    texts = [t for t, *_ in TINY] + ["Your Go code was weak.", "another candidate was chosen"]
    assert np.array_equal(a.predict_proba(texts), b.predict_proba(texts))


def test_explain_scores_each_sentence():
    m = tiny_model()
    text = "Thank you for your time. Your SQL was weak and you could not write a join."
    (scores,) = m.explain([text])
    assert scores.shape == (2, len(THEMES))
    j = THEMES.index("skills_gap")
    assert rank_evidence(scores[:, j]) == [1]


def test_rank_evidence_keeps_strong_sentences_only():
    assert rank_evidence(np.array([0.1, 0.9, 0.6, 0.2])) == [1, 2]
    assert rank_evidence(np.array([0.3])) == [0]
    assert rank_evidence(np.array([])) == []


def test_save_load_same_predictions(tmp_path):
    model = tiny_model()
    texts = [t for t, *_ in TINY]
    save_model(model, tmp_path / "m", {"note": "tiny"})
    loaded, meta = load_model(tmp_path / "m", trusted=True)
    assert meta["note"] == "tiny" and "spacy" in meta["versions"]
    a, b = model.predict_parsed(as_parsed(texts)), loaded.predict_parsed(as_parsed(texts))
    assert np.array_equal(a.theme_probs, b.theme_probs) and np.array_equal(a.tone_probs, b.tone_probs)
    analyzer = Analyzer.load(tmp_path / "m", trusted=True)
    assert analyzer.analyze(texts[0]).scores == tuple(float(p) for p in b.theme_probs[0])


def test_model_does_not_read_the_lexicon_after_fit(monkeypatch):
    from jobfeedback import lexicon

    m = tiny_model()
    before = m.predict_proba(["Your Terraform was weak."])
    monkeypatch.setattr(lexicon, "default_lexicon", lambda: lexicon.SkillLexicon(()))
    assert np.array_equal(m.predict_proba(["Your Terraform was weak."]), before)


def test_one_prediction_path_for_spans_and_texts():
    from jobfeedback.spacy_component import span_scores

    analyzer = Analyzer(tiny_model())
    text = "Hi Sam,\n\nThanks for your time.   Your SQL was weak.\n\nBest,\nAlex"
    assert tuple(span_scores(analyzer, text).values()) == analyzer.analyze(text).scores


def test_tone_reads_polarity_and_subjectivity_unless_switched_off():
    from jobfeedback.training import fit_model

    with_polarity = tiny_model()
    assert with_polarity.tone_.coef_.shape[1] == 2**12 + 2
    without = fit_model(tiny_records(), {"n_features": 2**12, "cv": 3, "n_jobs": 1, "tone_polarity": 0.0})
    assert without.tone_.coef_.shape[1] == 2**12
    texts = ["The team loved your portfolio.", "Your answers were vague and unprepared."]
    # The polarity inputs change the tone probabilities, not the themes.
    np.testing.assert_array_equal(with_polarity.predict_proba(texts), without.predict_proba(texts))


def test_tone_polarity_ignores_typography():
    from jobfeedback.classifier import text_polarity

    plain, curly = as_parsed(
        ["Your answers weren't good - it's a poor fit.", "Your answers weren\u2019t good \u2014 it\u2019s a poor fit."]
    )
    np.testing.assert_array_equal(text_polarity([plain]), text_polarity([curly]))
    assert text_polarity([plain])[0, 0] != 0.0


def test_analysis_polarity_is_textblobs_unmodified():
    from jobfeedback.polarity import polarity_subjectivity

    texts = [
        "Great interview, but your SQL was weak.",
        "Great interview \u2014 but your SQL wasn\u2019t strong.",
        "Thanks!\n\n> On Mon, Jo wrote:\n> terrible awful news",
    ]
    for text, a in zip(texts, Analyzer(tiny_model()).analyze_many(texts), strict=True):
        assert (a.sentiment.polarity, a.sentiment.subjectivity) == polarity_subjectivity(text)


def test_estimator_decides_as_the_analyzer_reports():
    m = tiny_model()
    texts = [t for t, *_ in TINY] + ["Thanks, received.", "Great energy. Your Excel skills were weak."]
    analyses = Analyzer(m).analyze_many(texts)
    predicted = m.predict(texts)
    assert [a.sentiment.label for a in analyses] == m.predict_tone(texts)
    for row, a in zip(predicted, analyses, strict=True):
        assert {THEMES[j] for j in np.flatnonzero(row)} == set(a.theme_names)


def test_decide_empty_text_is_neutral_without_themes():
    m = tiny_model()
    parsed = as_parsed(["", "Your SQL was weak."])
    decisions = m.decide(m.predict_parsed(parsed), parsed)
    assert decisions[0] == Decision((), "neutral", 0.0)
    assert [t for t, _ in decisions[1].themes] == [THEMES[int(np.argmax(m.predict_proba(["Your SQL was weak."])))]]


@pytest.mark.parametrize(
    ("probs", "found", "expected"),
    [
        # praise + an improvement theme: mixed
        ({"positive": 0.2, "mixed": 0.3, "neutral": 0.4, "negative": 0.1}, [("skills_gap", 0.9)], "mixed"),
        # praise + other candidates only: positive
        ({"positive": 0.3, "mixed": 0.2, "neutral": 0.4, "negative": 0.1}, [("competition", 0.9)], "positive"),
        # no praise: the tone model chooses between neutral and negative
        ({"positive": 0.1, "mixed": 0.1, "neutral": 0.3, "negative": 0.5}, [("skills_gap", 0.9)], "negative"),
        ({"positive": 0.1, "mixed": 0.1, "neutral": 0.5, "negative": 0.3}, [], "neutral"),
        # the tone model's first choice is positive: a weak gap is dropped, so the tone is positive
        ({"positive": 0.7, "mixed": 0.1, "neutral": 0.1, "negative": 0.1}, [("skills_gap", 0.6)], "positive"),
        # ... a clear one is kept
        ({"positive": 0.7, "mixed": 0.1, "neutral": 0.1, "negative": 0.1}, [("skills_gap", 0.9)], "mixed"),
        # a model without tones
        ({}, [("skills_gap", 0.9)], "neutral"),
    ],
)
def test_tone_is_praise_times_shortcoming(probs, found, expected):
    tone, score, kept = consistent(probs, found)
    assert tone == expected
    if tone in ("positive", "mixed"):
        assert score == pytest.approx(probs["positive"] + probs["mixed"])
    assert set(kept) <= set(found)


def test_tone_reads_the_polarity_of_the_text_before_masking():
    from jobfeedback.classifier import text_polarity
    from jobfeedback.polarity import polarity_subjectivity

    text = "Hi Jo,\nThe team loved your portfolio.\n\nBest wishes,\nAl"
    (parsed,) = as_parsed([text])
    assert parsed.masked != text and parsed.text == text
    assert tuple(text_polarity([parsed])[0]) == polarity_subjectivity(text)


def test_analysis_reuses_the_models_polarity_when_typography_needs_no_folding(monkeypatch):
    from jobfeedback import analyzer as analyzer_module

    calls = []
    real = analyzer_module.polarity_subjectivity
    monkeypatch.setattr(analyzer_module, "polarity_subjectivity", lambda t: calls.append(t) or real(t))
    a = Analyzer(tiny_model())
    a.analyze_many(["Hi Jo,\nYour SQL was weak.\n\nBest,\nAl", "Your SQL wasn\u2019t strong."])
    assert calls == ["Your SQL wasn\u2019t strong."]


def test_praise_targets_label_cued_sentences_of_praising_texts():
    from jobfeedback.classifier import _praise_targets
    from jobfeedback.features import NgramCounter
    from jobfeedback.sentences import parse_texts

    texts = [
        "You were brilliant. We hired someone else.",  # positive: the cued sentence is praise
        "Great energy. Your Excel skills were weak.",  # mixed
        "Thank you for applying. We hired someone else.",  # neutral: no sentence is praise
        "We are delighted to offer you the job.",  # positive, one sentence without a cue
    ]
    parsed = parse_texts(texts)
    counter = NgramCounter(n_features=2**12).fit()
    _, sentence_doc = counter.sentence_counts(parsed)
    y, w = _praise_targets(parsed, ["positive", "mixed", "neutral", "positive"], sentence_doc, counter)
    assert y[:, 0].tolist() == [1, 0, 1, 0, 0, 0, 1]
    # The uncued sentences of praising texts are left out; every other sentence counts.
    assert w[:, 0].tolist() == [1, 0, 1, 0, 1, 1, 1]


def test_sentence_praise_is_one_more_tone_input_when_on():
    from jobfeedback.sentences import parse_texts
    from jobfeedback.training import fit_model

    off = tiny_model()
    assert off.praise_coef_ is None
    on = fit_model(tiny_records(), {"n_features": 2**12, "cv": 3, "n_jobs": 1, "sentence_praise": 1.0})
    assert on.praise_coef_ is not None and on.praise_coef_.shape == (2**12, 1)
    assert on.tone_.coef_.shape[1] == off.tone_.coef_.shape[1] + 1
    texts = ["You were brilliant. We hired someone else.", "The role has been cancelled."]
    probs = on.predict_parsed(parse_texts(texts)).tone_probs
    assert probs.shape == (2, len(on.tones_)) and np.allclose(probs.sum(axis=1), 1.0)
