"""Assemble datasets/feedback.jsonl from the writers' draft files (datasets/drafts/*.jsonl).

Run once per writing pass: ``python datasets/assemble.py``. It does not write or change
any text: it validates each draft line, gives it a stable id (draft file + line number),
and assigns the split. Train/dev drafts (w*.jsonl) are split 85/15 by a seeded hash of
the id; test drafts (t*.jsonl, written in a separate pass after the model existed) are
all "test". Exact duplicate texts are dropped (first kept).
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).parent
THEMES = {
    "skills_gap",
    "experience",
    "communication",
    "culture_fit",
    "interview_preparation",
    "logistics",
    "competition",
}
TONES = {"positive", "neutral", "negative", "mixed"}
DEV_SHARE = 0.15


def _split_for(record_id: str) -> str:
    h = int(hashlib.sha256(f"jobfeedback-split:{record_id}".encode()).hexdigest()[:8], 16)
    return "dev" if h / 0xFFFFFFFF < DEV_SHARE else "train"


def main() -> int:
    out, seen, problems = [], set(), []
    drafts = sorted((HERE / "drafts").glob("*.jsonl"))
    if not drafts:
        print("no drafts in datasets/drafts/ (they are not in git); feedback.jsonl left unchanged")
        return 1
    for draft in drafts:
        stem = draft.stem
        for lineno, line in enumerate(draft.read_text("utf-8").splitlines(), 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{draft.name}:{lineno}: {exc}")
                continue
            themes = rec.get("themes")
            if (
                not isinstance(rec.get("text"), str)
                or not isinstance(themes, list)
                or set(themes) - THEMES
                or rec.get("tone") not in TONES
            ):
                problems.append(f"{draft.name}:{lineno}: bad labels {themes!r} {rec.get('tone')!r}")
                continue
            key = " ".join(rec["text"].lower().split())
            if key in seen:
                continue
            seen.add(key)
            rid = f"{stem}-{lineno:04d}"
            out.append(
                {
                    "id": rid,
                    "text": rec["text"],
                    "themes": sorted(set(themes), key=sorted(THEMES).index),
                    "tone": rec["tone"],
                    "register": rec.get("register", "unknown"),
                    "field": rec.get("field", "unknown"),
                    "seniority": rec.get("seniority", "unknown"),
                    "hard": bool(rec.get("hard", False)),
                    "split": "test" if stem.startswith("t") else _split_for(rid),
                }
            )
    with open(HERE / "feedback.jsonl", "w", encoding="utf-8") as f:
        for rec in out:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    print(f"wrote {len(out)} records; {len(problems)} problems")
    for p in problems[:50]:
        print("  ", p)
    return 0


if __name__ == "__main__":
    sys.exit(main())
