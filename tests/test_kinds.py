"""What kind of message a text is: the rules of jobfeedback.kinds, measured."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jobfeedback.kinds import KINDS, kind_from_text

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = [
    json.loads(line)
    for line in (ROOT / "tests" / "data" / "kinds.jsonl").read_text("utf-8").splitlines()
    if line.strip()
]


@pytest.mark.parametrize("example", EXAMPLES, ids=[f"{e['kind']}-{i}" for i, e in enumerate(EXAMPLES)])
def test_hand_written_examples(example):
    assert kind_from_text(example["text"]) == example["kind"]


def test_every_kind_has_examples():
    assert {e["kind"] for e in EXAMPLES} == set(KINDS)


def test_texts_that_give_a_reason_stay_rejections():
    # Every text of the dataset is about an application; those labeled with a theme give a
    # reason it did not succeed. When written, 1 of 3,789 such texts was read otherwise
    # (an acknowledgement that goes on to fill the role).
    rows = [json.loads(line) for line in (ROOT / "datasets" / "feedback.jsonl").read_text("utf-8").splitlines()]
    with_reason = [r["text"] for r in rows if r["themes"]]
    misread = sum(kind_from_text(t) != "rejection" for t in with_reason)
    assert misread / len(with_reason) < 0.002


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Congratulations, we'd like to invite you to the final round.", "invitation"),
        ("We won't be making you an offer, but congratulations on reaching the last stage.", "rejection"),
        ("We\u2019re not able to offer you the role.", "rejection"),
        ("", "rejection"),
    ],
)
def test_precedence(text, kind):
    assert kind_from_text(text) == kind
