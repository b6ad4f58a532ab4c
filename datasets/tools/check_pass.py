"""Check a writing-pass file (datasets/passes/*.jsonl) and print its counts.

Usage: ``python datasets/tools/check_pass.py datasets/passes/p01.jsonl``

Every line must be a JSON object with a text, known themes, tone and kind, and a rationale
(an exact substring of the text) for every theme. Exits 1 and lists the bad lines otherwise.
"""

from __future__ import annotations

import collections
import json
import re
import sys

THEMES = (
    "skills_gap",
    "experience",
    "communication",
    "culture_fit",
    "interview_preparation",
    "logistics",
    "competition",
)
TONES = ("positive", "neutral", "negative", "mixed")
KINDS = ("rejection", "offer", "invitation", "other")


def problems_in(rec: dict) -> list[str]:
    """Return what is wrong with one record (empty when it is valid)."""
    out = []
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        return ["no text"]
    themes = rec.get("themes")
    if not isinstance(themes, list) or set(themes) - set(THEMES):
        out.append(f"bad themes {themes!r}")
        themes = []
    if rec.get("tone") not in TONES:
        out.append(f"bad tone {rec.get('tone')!r}")
    if rec.get("kind") not in KINDS:
        out.append(f"bad kind {rec.get('kind')!r}")
    rats = rec.get("rationales", {})
    if not isinstance(rats, dict):
        return out + ["rationales must be an object"]
    for theme in themes:
        spans = rats.get(theme)
        if not spans:
            out.append(f"no rationale for {theme}")
            continue
        for s in spans:
            if not isinstance(s, str) or not s.strip() or s not in text:
                out.append(f"rationale for {theme} is not an exact substring: {s!r}")
    for theme in set(rats) - set(themes):
        out.append(f"rationale for unlabeled theme {theme}")
    return out


def main(path: str) -> int:
    """Validate ``path`` and print counts; return a process exit code."""
    rows, bad = [], 0
    for lineno, line in enumerate(open(path, encoding="utf-8"), 1):
        if not line.strip():
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            print(f"{path}:{lineno}: invalid JSON: {exc}")
            bad += 1
            continue
        for p in problems_in(rec):
            print(f"{path}:{lineno}: {p}")
            bad += 1
        rows.append(rec)
    n = max(1, len(rows))
    words = sorted(len(r.get("text", "").split()) for r in rows)
    themes = collections.Counter(t for r in rows for t in r.get("themes", []))
    print(f"{len(rows)} examples, {bad} problems")
    print("themes:", {t: f"{themes[t]} ({100 * themes[t] / n:.0f}%)" for t in THEMES})
    print(
        "no theme:",
        sum(not r.get("themes") for r in rows),
        " 2+ themes:",
        sum(len(r.get("themes", [])) > 1 for r in rows),
    )
    print("tones:", dict(collections.Counter(r.get("tone") for r in rows)))
    print("kinds:", dict(collections.Counter(r.get("kind") for r in rows)))
    print("hard:", sum(bool(r.get("hard")) for r in rows))
    if words:
        print(
            f"words: median {words[len(words) // 2]}, <20: {sum(w < 20 for w in words)}, >150: {sum(w > 150 for w in words)}"
        )
    curly = sum(bool(re.search("[\u2019\u201c\u201d]", r.get("text", ""))) for r in rows)
    print(f"curly quotes in {curly} texts")
    names = collections.Counter(w for r in rows for w in set(re.findall(r"\b[A-Z][a-z]{3,}\b", r.get("text", ""))))
    print("most repeated capitalised words:", names.most_common(12))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
