"""Find what a feedback text names (skills, tools, qualifications, the role) to personalise next steps."""

from __future__ import annotations

import re
from functools import cache

from ._resources import load_lines


@cache
def _skill_pattern() -> tuple[re.Pattern, dict[str, str]]:
    skills = load_lines("skills.txt")
    canonical = {s.lower(): s for s in skills}
    # Longest first, so "Excel pivot tables" wins over "Excel"; one alternation scans once.
    alternation = "|".join(re.escape(s) for s in sorted(canonical, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w+#.])(?:{alternation})(?![\w+#])", re.IGNORECASE)
    return pattern, canonical


# Single-letter or very common words in the lexicon only count when written as a name.
_CASE_SENSITIVE = {"r", "go", "word", "english", "lean", "spring", "swift", "sage", "tax", "audit", "security"}


def find_skills(text: str) -> tuple[str, ...]:
    """Return the skills from ``data/skills.txt`` named in ``text``, in order of first mention.

    Matching is case-insensitive on word boundaries, except for short or ambiguous
    entries ("R", "Go", "Word", ...), which must appear with their capital letter.
    """
    pattern, canonical = _skill_pattern()
    seen: dict[str, None] = {}
    for m in pattern.finditer(text):
        found = m.group(0)
        key = found.lower()
        name = canonical[key]
        if key in _CASE_SENSITIVE and found[0] != name[0]:
            continue
        seen.setdefault(name, None)
    return tuple(seen)


_ROLE_WORDS = r"(?:role|position|job|opening|vacancy|post|opportunity|req|requisition)"
_TITLE = r"([A-Z][\w/&+.-]*(?:[ \t]+(?:of|and|&|[A-Z0-9][\w/&+.-]*)){0,6})"
_ROLE_PATTERNS = (
    re.compile(rf"\b(?:for|as|to)[ \t]+(?:the|our|a|an|this)[ \t]+{_TITLE}[ \t]+{_ROLE_WORDS}\b"),
    re.compile(rf"\b{_ROLE_WORDS}[ \t]+(?:of|as)[ \t]+(?:an?[ \t]+)?{_TITLE}"),
    re.compile(rf"\b(?:the|our|your)[ \t]+{_TITLE}[ \t]+(?:role|position|vacancy|opening)\b"),
)


def find_role(text: str) -> str | None:
    """Return the job title the text names (e.g. "Senior Data Engineer"), or None.

    Only capitalised titles next to words like "role" or "position" are taken, so a
    sentence about "the role" in general does not produce a title.
    """
    head = text[:20_000]
    for pattern in _ROLE_PATTERNS:
        m = pattern.search(head)
        if m:
            title = m.group(1).strip(" .")
            if title and title.split()[0].lower() not in {"i", "we", "you", "this", "that", "it", "the"}:
                return title
    return None
