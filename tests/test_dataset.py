"""The labeled dataset: schema, splits, near-duplicates and the composition quotas."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from jobfeedback import THEMES, TONES
from jobfeedback.taxonomy import KINDS

DATA = Path(__file__).resolve().parents[1] / "datasets" / "feedback.jsonl"


@pytest.fixture(scope="module")
def records():
    return [json.loads(line) for line in DATA.read_text("utf-8").splitlines() if line.strip()]


def test_schema_and_labels(records):
    for r in records:
        assert set(r) >= {"id", "text", "themes", "tone", "register", "split"}, r.get("id")
        assert isinstance(r["text"], str) and r["text"].strip()
        assert set(r["themes"]) <= set(THEMES), r["id"]
        assert len(set(r["themes"])) == len(r["themes"])
        assert r["tone"] in TONES
        assert r["split"] in ("train", "dev", "test", "realmix")
        assert r.get("kind", "rejection") in KINDS


def test_ids_unique(records):
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids))


def test_no_text_in_two_splits(records):
    splits: dict[str, set] = {}
    for r in records:
        splits.setdefault(" ".join(r["text"].lower().split()), set()).add(r["split"])
    assert all(len(s) == 1 for s in splits.values())


def _trigrams(text):
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


@pytest.mark.slow
def test_near_duplicates_under_five_percent(records):
    grams = [_trigrams(r["text"]) for r in records]
    index: dict[tuple, list[int]] = {}
    for i, g in enumerate(grams):
        for t in g:
            index.setdefault(t, []).append(i)
    near = set()
    for i, g in enumerate(grams):
        if not g:
            continue
        shared = Counter(j for t in g for j in index[t] if j > i)
        for j, n in shared.items():
            if n / len(g | grams[j]) >= 0.6:
                near.update((i, j))
    assert len(near) / len(records) < 0.05, f"{len(near)} examples have a near-duplicate"


def test_composition_quotas(records):
    n = len(records)
    assert n >= 2500
    registers = Counter(r["register"] for r in records)
    assert len(registers) >= 8
    assert max(registers.values()) / n <= 0.25, registers.most_common(3)
    fields = Counter(r.get("field") for r in records)
    assert len(fields) >= 15
    themes = Counter(t for r in records for t in r["themes"])
    assert all(themes[t] >= 250 for t in THEMES), themes
    tones = Counter(r["tone"] for r in records)
    assert all(tones[t] >= 250 for t in TONES), tones
    # Round 1 was written with 20 %+ multi-theme texts; later passes follow real mail, where
    # fewer texts give two reasons (17 % of the real dev set), so the floor is 15 %.
    assert sum(len(r["themes"]) >= 2 for r in records) / n >= 0.15
    assert sum(not r["themes"] for r in records) / n >= 0.12
    assert sum(bool(r.get("hard")) for r in records) / n >= 0.10
    words = [len(r["text"].split()) for r in records]
    assert min(words) <= 5 and max(words) >= 250
    assert {r.get("seniority") for r in records} >= {"intern", "entry", "mid", "senior", "lead", "executive"}


def test_test_split_uses_fields_not_in_round_one_training(records):
    # Round 1 kept the test split's fields of work out of train/dev; round-2 passes (other
    # writers, other voices, see DATASHEET.md) may share a field with it.
    round_one = [r for r in records if r["id"][0] in "wt"]
    train_fields = {r.get("field") for r in round_one if r["split"] != "test"}
    test_fields = {r.get("field") for r in round_one if r["split"] == "test"}
    assert test_fields and not (test_fields & train_fields)


def test_every_theme_has_a_rationale_inside_the_text(records):
    for r in records:
        rationales = r.get("rationales") or {}
        assert set(rationales) == set(r["themes"]), r["id"]
        for theme, spans in rationales.items():
            assert spans, (r["id"], theme)
            for start, end in spans:
                assert 0 <= start < end <= len(r["text"]), (r["id"], theme)
                assert r["text"][start:end].strip(), (r["id"], theme)


def test_every_example_has_a_kind(records):
    kinds = Counter(r.get("kind") for r in records)
    assert set(kinds) <= set(KINDS), kinds
    assert all(kinds[k] >= 50 for k in KINDS), kinds


def test_realmix_split_has_real_base_rates(records):
    realmix = [r for r in records if r["split"] == "realmix"]
    assert len(realmix) >= 300
    neutral = sum(r["tone"] == "neutral" for r in realmix) / len(realmix)
    no_reason_or_competition = sum(not r["themes"] or "competition" in r["themes"] for r in realmix) / len(realmix)
    assert neutral >= 0.6 and no_reason_or_competition >= 0.6


def test_review_fixes_keep_the_writers_labels(records):
    # A fixed record keeps the labels its writer gave; a "from" equal to the labels now would
    # mean the fix was recorded after it was applied (the writer's labels lost).
    fixed = [r for r in records if "review_fix" in r]
    assert len(fixed) >= 33
    for r in fixed:
        before = r["review_fix"]["from"]
        assert before["tone"] in TONES and set(before["themes"]) <= set(THEMES)
        assert (sorted(before["themes"]), before["tone"]) != (sorted(r["themes"]), r["tone"]), r["id"]
        assert r["review_fix"]["why"], r["id"]
