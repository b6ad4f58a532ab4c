"""Build datasets/feedback.jsonl: round 1 with its review applied, plus the round-2 passes.

Run from anywhere: ``python datasets/build.py``. It never writes or changes a text. It

1. keeps the round-1 records already in ``feedback.jsonl`` (their drafts are not in git;
   ids ``w*``/``t*``) and drops any round-2 records from an earlier build;
2. applies the review of round 1 (``rationales/existing_*.jsonl``): each labeled theme's
   rationale (exact substrings, stored as character spans), the message ``kind``, and the
   few label fixes the reviewers made under LABELING.md (the fix and its reason are kept in
   ``review_fix``);
3. appends every pass in ``passes/`` (written one by one, see ``WRITERS_BRIEF_2.md``) with
   ids ``<pass>-<line>``: passes ``p*`` are split train/dev 85/15 by a seeded hash of the id,
   passes ``x*`` form the ``realmix`` split (real base rates, never trained on).

Exact duplicate texts are dropped (first kept), and so are the lines listed in
``passes/EXCLUDED.txt`` (texts a writer wrote in another language). Lines that fail the checks of
``tools/check_pass.py`` are reported and left out.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "tools"))
from check_pass import THEMES, problems_in  # noqa: E402

DEV_SHARE = 0.15
ROUND2_PREFIXES = ("p", "x")


def _split_for(record_id: str) -> str:
    h = int(hashlib.sha256(f"jobfeedback-split:{record_id}".encode()).hexdigest()[:8], 16)
    return "dev" if h / 0xFFFFFFFF < DEV_SHARE else "train"


def _spans(text: str, substrings: list[str]) -> list[list[int]]:
    out = []
    for s in substrings:
        start = text.find(s)
        if start >= 0:
            out.append([start, start + len(s)])
    return out


def _apply_fix(r: dict, fix: dict) -> None:
    """Apply a reviewer's label fix, keeping the labels the writer gave in ``review_fix``.

    A record already fixed in an earlier build keeps its first ``from`` (the writer's labels).
    """
    before = r.get("review_fix", {}).get("from") or {"themes": r["themes"], "tone": r["tone"]}
    r["review_fix"] = {"from": before, "why": fix.get("why", "")}
    r["themes"] = sorted(set(fix.get("themes", r["themes"])), key=THEMES.index)
    r["tone"] = fix.get("tone", r["tone"])


def _apply_later_fixes(records: list[dict]) -> int:
    """Apply ``label_fixes.jsonl`` (later reviews of any record; one fix per line) and return
    how many were applied. A fix that names an unknown id is an error."""
    path = HERE / "label_fixes.jsonl"
    if not path.exists():
        return 0
    by_id = {r["id"]: r for r in records}
    n = 0
    for line in open(path, encoding="utf-8"):
        if not line.strip():
            continue
        fix = json.loads(line)
        r = by_id.get(fix["id"])
        if r is None:
            raise SystemExit(f"label_fixes.jsonl: unknown id {fix['id']}")
        if set(fix.get("themes", r["themes"])) != set(r["themes"]):
            raise SystemExit(f"label_fixes.jsonl: {fix['id']}: theme fixes need rationales; fix the pass line")
        _apply_fix(r, fix)
        n += 1
    return n


def main() -> int:
    records = [json.loads(line) for line in open(HERE / "feedback.jsonl", encoding="utf-8") if line.strip()]
    records = [r for r in records if not r["id"].startswith(ROUND2_PREFIXES)]
    reviews = {}
    for path in sorted((HERE / "rationales").glob("existing_*.jsonl")):
        for line in open(path, encoding="utf-8"):
            if line.strip():
                rec = json.loads(line)
                reviews[rec["id"]] = rec
    reviewed = fixed = 0
    for r in records:
        review = reviews.get(r["id"])
        if review is None:
            r.pop("rationales", None)
            continue
        reviewed += 1
        fix = review.get("fix")
        if fix:
            fixed += 1
            _apply_fix(r, fix)
        r["kind"] = review.get("kind", "rejection")
        r["rationales"] = {t: _spans(r["text"], review.get("rationales", {}).get(t, [])) for t in r["themes"]}
    seen = {" ".join(r["text"].lower().split()) for r in records}
    excluded = {
        line.split()[0]
        for line in open(HERE / "passes" / "EXCLUDED.txt", encoding="utf-8")
        if line.strip() and not line.startswith("#")
    }
    added, problems = 0, []
    for path in sorted((HERE / "passes").glob("*.jsonl")):
        stem = path.stem
        for lineno, line in enumerate(open(path, encoding="utf-8"), 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{path.name}:{lineno}: {exc}")
                continue
            bad = problems_in(rec)
            if bad:
                problems.append(f"{path.name}:{lineno}: {bad[0]}")
                continue
            rid = f"{stem}-{lineno:04d}"
            key = " ".join(rec["text"].lower().split())
            if key in seen or rid in excluded:
                continue
            seen.add(key)
            themes = sorted(set(rec["themes"]), key=THEMES.index)
            records.append(
                {
                    "id": rid,
                    "text": rec["text"],
                    "themes": themes,
                    "tone": rec["tone"],
                    "kind": rec["kind"],
                    "rationales": {t: _spans(rec["text"], rec["rationales"][t]) for t in themes},
                    "register": rec.get("register", "unknown"),
                    "field": rec.get("field", "unknown"),
                    "seniority": rec.get("seniority", "unknown"),
                    "country": rec.get("country", "unknown"),
                    "tool": rec.get("tool", "unknown"),
                    "hard": bool(rec.get("hard", False)),
                    "split": "realmix" if stem.startswith("x") else _split_for(rid),
                }
            )
            added += 1
    later = _apply_later_fixes(records)
    with open(HERE / "feedback.jsonl", "w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"round 1: {len(records) - added} records, {reviewed} reviewed, {fixed} label fixes")
    print(f"round 2: {added} records added; {len(problems)} lines left out")
    print(f"later reviews: {later} label fixes (label_fixes.jsonl)")
    for p in problems[:50]:
        print("  ", p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
