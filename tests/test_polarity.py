"""TextBlob's polarity and subjectivity, computed without importing TextBlob, are TextBlob's exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textblob import TextBlob

from jobfeedback.polarity import folding_keeps_polarity, polarity_subjectivity
from jobfeedback.typography import normalize_typography

# Words that exercise every branch of the scorer: lexicon words, negations, modifiers,
# "!", the sarcasm mark, emoticons, contractions, quotes and paragraph breaks.
PIECES = [
    "good",
    "great",
    "bad",
    "terrible",
    "very",
    "really",
    "extremely",
    "not",
    "never",
    "no",
    "n't",
    "isn't",
    "wasn't",
    "don't",
    "!",
    "!!",
    "?",
    ".",
    ",",
    "(",
    ")",
    "(!)",
    ":)",
    ":(",
    ":-D",
    "<3",
    "xD",
    ";-)",
    ":p",
    "'",
    '"',
    "“",
    "”",
    "’",
    "\n\n",
    "\n",
    "happy",
    "sad",
    "nice",
    "unfortunately",
    "best",
    "wish",
    "strong",
    "weak",
    "impressive",
    "poor",
    "excellent",
    "a",
    "the",
    "you",
    "your",
    "was",
    "is",
    "slightly",
    "quite",
    "too",
    "I'm",
    "we're",
    "they'll",
    "it's",
    "candidate",
    "role",
    "SQL",
    "Excel",
    "5",
    "2024",
]


@pytest.mark.slow
def test_equal_on_the_dataset_and_nasty_inputs():
    root = Path(__file__).resolve().parents[1]
    texts = [
        json.loads(line)["text"] for line in (root / "datasets" / "feedback.jsonl").read_text("utf-8").splitlines()
    ]
    texts += [
        json.loads(line).get("text", "")
        for line in (root / "tests" / "data" / "nasty.jsonl").read_text("utf-8").splitlines()
    ]
    for text in texts:
        blob = TextBlob(text).sentiment
        assert polarity_subjectivity(text) == (blob.polarity, blob.subjectivity), text[:80]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40), st.sampled_from([" ", "", "  "]))
def test_equal_on_random_word_sequences(pieces, sep):
    text = sep.join(pieces)
    blob = TextBlob(text).sentiment
    assert polarity_subjectivity(text) == (blob.polarity, blob.subjectivity)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_equal_on_arbitrary_text(text):
    blob = TextBlob(text).sentiment
    assert polarity_subjectivity(text) == (blob.polarity, blob.subjectivity)


@pytest.mark.parametrize("text", ["", "   ", "not good", "not bad at all!", "very very good!!", ":) (!)"])
def test_equal_on_small_cases(text):
    blob = TextBlob(text).sentiment
    assert polarity_subjectivity(text) == (blob.polarity, blob.subjectivity)


FOLD_PIECES = [
    *PIECES[:20],
    ":",
    ";",
    "=",
    "8",
    "x",
    "D",
    ")",
    "(",
    "-",
    "\u2013",
    "\u2014",
    "\u2212",
    "\u00a0",
    "\u3000",
    "\u2019",
    "\u201c",
    "\n",
    "\n\n",
]


def _same_when_folded(text: str) -> bool:
    return polarity_subjectivity(text) == polarity_subjectivity(normalize_typography(text)[0])


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(FOLD_PIECES), max_size=30), st.sampled_from([" ", "", "  "]))
def test_folding_keeps_polarity_only_when_it_does(pieces, sep):
    text = sep.join(pieces)
    if folding_keeps_polarity(text):
        assert _same_when_folded(text)


@pytest.mark.parametrize(
    "text, keeps",
    [
        ("Req closed \u2013 hiring freeze. Great candidate.", True),  # a lone dash between words
        ("great\u00a0work \u2014 thanks", True),  # an odd space and a lone dash
        ("plain ascii", True),
        ("didn\u2019t go well", False),  # a curly apostrophe changes TextBlob's reading
        ("state\u2013of\u2013the\u2013art", False),  # a dash inside a word
        ("nice : \u2013 ) ok", False),  # TextBlob would read ": - )" as an emoticon
        ("nice :  \n \u2013   ) ok", False),  # the same, with longer blank runs between
        (" \u2013 " * 500, True),  # many lone dashes
    ],
)
def test_folding_keeps_polarity_cases(text, keeps):
    assert folding_keeps_polarity(text) is keeps
    if keeps:
        assert _same_when_folded(text)
