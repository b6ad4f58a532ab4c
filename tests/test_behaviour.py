"""Behavioural checks of the shipped model (CheckList-style, Ribeiro et al. 2020).

Each case in ``tests/data/behaviour*.jsonl`` states what a reader expects: a theme that must
be found (``has``), themes that must not (``lacks``: a praised skill, a reason ruled out, a
generic form letter) and optionally the tone. A model is a statistical thing, so the suite
asserts a pass rate per check type and lists every failing case; invariances (typography,
names) are asserted exactly.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

# behaviour.jsonl was written with the model; behaviour_heldout.jsonl by a separate writer who
# saw neither the training data nor the first file; behaviour_v2_dev.jsonl is half of 130 cases
# a third writer wrote without seeing the data, the model or the other files (the other half
# is kept out of the project, unseen, to measure the model on).
CASES = [
    json.loads(line)
    for name in ("behaviour.jsonl", "behaviour_heldout.jsonl", "behaviour_v2_dev.jsonl")
    for line in (Path(__file__).parent / "data" / name).open(encoding="utf-8")
]
MIN_PASS_RATE = 0.8


def _passes(case, analysis) -> bool:
    found = set(analysis.theme_names)
    if not set(case.get("has", ())) <= found or found & set(case.get("lacks", ())):
        return False
    return "tone" not in case or analysis.sentiment.label == case["tone"]


def test_behaviour_pass_rate(shipped_analyzer):
    results = shipped_analyzer.analyze_many([c["text"] for c in CASES])
    by_check = defaultdict(list)
    failures = []
    for case, a in zip(CASES, results, strict=True):
        ok = _passes(case, a)
        by_check[case["check"]].append(ok)
        if not ok:
            failures.append(f"{case['check']}: {case['text'][:60]!r} -> {a.theme_names} {a.sentiment.label}")
    rate = sum(map(sum, by_check.values())) / len(CASES)
    assert rate >= MIN_PASS_RATE, f"pass rate {rate:.2f}; failing:\n" + "\n".join(failures)


@pytest.mark.parametrize(
    "text",
    [
        "We can't offer you the role; your SQL wasn't strong enough and we've gone with another candidate.",
        "Hi Dana, thanks for your time. Unfortunately we've decided to move forward with other candidates.",
        "The hiring manager felt you didn't prepare - you hadn't read the brief.",
    ],
)
def test_typography_does_not_change_results(shipped_analyzer, text):
    variants = [
        text,
        text.replace("'", "\u2019"),
        text.replace(" - ", " \u2014 ").replace("'", "\u2019"),
        text.replace(" ", "\u00a0", 3),
    ]
    results = shipped_analyzer.analyze_many(variants)
    assert len({(a.theme_names, a.sentiment.label) for a in results}) == 1


@pytest.mark.parametrize("name", ["Dana", "Oluwaseun", "Bartholomew", "Mei-Ling", "José"])
def test_names_do_not_change_themes(shipped_analyzer, name):
    base = shipped_analyzer.analyze(
        "Hi Sam,\nThank you for interviewing. We went with a candidate with more experience in B2B sales."
    )
    other = shipped_analyzer.analyze(
        f"Hi {name},\nThank you for interviewing. We went with a candidate with more experience in B2B sales."
    )
    assert base.theme_names == other.theme_names
