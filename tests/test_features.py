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


def _extra_counts(text: str, **off) -> np.ndarray:
    """Per sentence, how many more counts clause praise adds to the praise marks alone."""
    parsed = parse_texts([text])
    marked, _ = NgramCounter(n_features=2**16).fit().sentence_counts(parsed)
    plain, _ = NgramCounter(n_features=2**16, clause_praise=False).fit().sentence_counts(parsed)
    return (marked - plain).toarray().sum(axis=1)


@pytest.mark.parametrize(
    ("text", "praised_clauses"),
    [
        ("Your SQL was great, but your Python was weak.", [True, False]),
        ("Great technical depth on Kubernetes; however, you were dismissive of the QA team.", [True, False]),
        ("Your Python was weak, but your SQL was excellent.", [False, True]),
        ("You were great, but you lacked management experience.", [True, False]),
        ("Your SQL was weak but not bad.", [False, False]),
        ("We had strong candidates, but not enough headcount.", [True, False]),
    ],
)
def test_clause_praise_reads_each_side_of_a_contrast(text, praised_clauses):
    counter = NgramCounter().fit()
    marks, clauses = counter._read_marks(parse_texts([text]))
    assert not marks[0, 0]  # the sentence as a whole is not pure praise
    assert clauses == {0: praised_clauses}


def test_clause_praise_marks_the_words_of_the_praised_clause_only():
    text = "Your SQL was great, but your Python was weak."
    parsed = parse_texts([text])
    counter = NgramCounter(n_features=2**16).fit()
    marked, _ = counter.sentence_counts(parsed)
    plain, _ = NgramCounter(n_features=2**16, clause_praise=False).fit().sentence_counts(parsed)
    extra = (marked - plain).toarray()[0]
    # "your sql <skill> was great ," are six tokens (a marker follows every skill name);
    # the clause from "but" on adds nothing.
    assert extra.sum() == 6 and (extra >= 0).all()
    # A sentence without a contrast word is read as before.
    assert _extra_counts("Your SQL was great.").tolist() == [0]
    assert _extra_counts("Your SQL was weak.").tolist() == [0]


def test_a_counter_fitted_before_clause_praise_reads_sentences_only():
    counter = NgramCounter(n_features=2**16).fit()
    del counter.clause_praise  # as unpickled from a model fitted before the parameter existed
    marks, clauses = counter._read_marks(parse_texts(["Your SQL was great, but your Python was weak."]))
    assert clauses == {} and not marks.any()
