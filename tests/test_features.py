"""The n-gram featurizer: praise marks (sentences of pure praise counted a second time)."""

from __future__ import annotations

import numpy as np
import pytest

from jobfeedback.features import NgramCounter
from jobfeedback.sentences import parse_texts


@pytest.mark.parametrize(
    ("text", "praise"),
    [
        ("Your experience is impressive.", True),
        ("Scorecard: SQL exercise excellent, the best of the week.", True),
        ("Your knowledge of payroll legislation was outstanding.", True),
        ("You were great, but you lacked management experience.", False),  # contrast
        ("Your SQL didn't impress us.", False),  # negation
        ("Your communication was poor.", False),  # criticism, no praise
        ("We regret that the position has closed.", False),  # nothing evaluative
    ],
)
def test_praise_sentences(text, praise):
    counter = NgramCounter().fit()
    assert counter.praise_sentences(parse_texts([text])).tolist() == [praise]


def test_praise_marks_add_praised_words_only_to_praise_sentences():
    texts = ["Your experience is impressive. Your SQL was weak."]
    parsed = parse_texts(texts)
    marked, _ = NgramCounter(n_features=2**16).fit().sentence_counts(parsed)
    plain, _ = NgramCounter(n_features=2**16, praise_marks=False).fit().sentence_counts(parsed)
    extra = (marked - plain).toarray()
    n_words = [4, 4]  # "your experience is impressive", "your sql was weak" (punctuation is a token too)
    assert extra[0].sum() >= n_words[0] and (extra >= 0).all()
    assert extra[1].sum() == 0  # the criticism sentence is unchanged


def test_no_praise_marks_reads_no_praise_words():
    counter = NgramCounter(praise_marks=False).fit()
    assert counter.praise_cues_ is None
    assert not counter.praise_sentences(parse_texts(["Your experience is impressive."])).any()


def test_fitted_counter_does_not_read_the_data_file_again(monkeypatch):
    from jobfeedback import _resources

    counter = NgramCounter(n_features=2**12).fit()
    parsed = parse_texts(["Your experience is impressive."])
    before = counter.sentence_counts(parsed)[0].toarray()

    def refuse(name):
        raise AssertionError(f"read {name} after fit")

    monkeypatch.setattr(_resources, "load_json", refuse)
    np.testing.assert_array_equal(counter.sentence_counts(parsed)[0].toarray(), before)


@pytest.mark.parametrize(
    ("text", "ruled_out"),
    [
        ("It was nothing to do with your experience.", True),
        ("Communication was not the issue.", True),
        ("We had no concerns about your technical skills.", True),
        ("Your SQL was weak.", False),
        ("Your experience is impressive.", False),
    ],
)
def test_ruled_out_sentences(text, ruled_out):
    counter = NgramCounter().fit()
    assert counter.ruled_out_sentences(parse_texts([text])).tolist() == [ruled_out]


def test_ruled_out_marks_add_words_only_to_sentences_that_rule_a_reason_out():
    parsed = parse_texts(["It was nothing to do with your experience. We need someone with more years."])
    marked, _ = NgramCounter(n_features=2**16, praise_marks=False).fit().sentence_counts(parsed)
    plain, _ = NgramCounter(n_features=2**16, praise_marks=False, ruled_out_marks=False).fit().sentence_counts(parsed)
    extra = (marked - plain).toarray()
    assert extra[0].sum() >= 7 and extra[1].sum() == 0 and (extra >= 0).all()
