"""Find what a feedback text names (skills, tools, qualifications, the role) to personalise next steps."""

from __future__ import annotations

import re
from functools import cache

from ._resources import load_lines


# A skill name is a run of 1-3 "words" as written in data/skills.txt: letters and digits
# with inner . / - and trailing + or # ("C++", "C#", "Node.js", "CI/CD", ".NET").
_WORDISH = re.compile(r"(?<![\w+#])\.?[A-Za-z0-9](?:[A-Za-z0-9]|[./-](?=[A-Za-z0-9]))*[+#]*")
_MAX_WORDS = 3


@cache
def _skill_index() -> dict[tuple[str, ...], str]:
    """Lowercased word tuples of every skill, mapped to its canonical spelling."""
    index = {}
    for skill in load_lines("skills.txt"):
        words = tuple(w.lower() for w in _WORDISH.findall(skill))
        if 0 < len(words) <= _MAX_WORDS:
            index.setdefault(words, skill)
    return index


# Single-letter or very common words in the lexicon only count when written as a name.
_CASE_SENSITIVE = {"r", "go", "word", "english", "lean", "spring", "swift", "sage", "tax", "audit", "security"}


def find_skills(text: str) -> tuple[str, ...]:
    """Return the skills from ``data/skills.txt`` named in ``text``, in order of first mention.

    Matching is case-insensitive on whole words, longest name first ("Excel pivot
    tables" before "Excel"), except for short or ambiguous entries ("R", "Go",
    "Word", ...), which must appear with their capital letter.
    """
    index = _skill_index()
    words = _WORDISH.findall(text)
    lower = [w.lower() for w in words]
    seen: dict[str, None] = {}
    i = 0
    while i < len(words):
        for n in range(min(_MAX_WORDS, len(words) - i), 0, -1):
            name = index.get(tuple(lower[i : i + n]))
            if name is None:
                continue
            if n == 1 and lower[i] in _CASE_SENSITIVE and words[i][0] != name[0]:
                continue
            seen.setdefault(name, None)
            i += n - 1
            break
        i += 1
    return tuple(seen)


_ROLE_WORDS = r"(?:role|position|job|opening|vacancy|post|opportunity|req|requisition)"
# Title words: capitalised, no "." (it would run a title into the next sentence).
_TITLE = r"([A-Z][\w/&+-]*(?:[ \t]+(?:of|and|&|[A-Z0-9][\w/&+-]*)){0,6})"
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
    head = text[:5_000]  # the role is named near the top; long threads need not be scanned
    for pattern in _ROLE_PATTERNS:
        m = pattern.search(head)
        if m:
            title = m.group(1).strip(" .")
            if title and title.split()[0].lower() not in {"i", "we", "you", "this", "that", "it", "the"}:
                return title
    return None


def lexicon_entries(*, case_insensitive_only: bool = False) -> tuple[str, ...]:
    """Return the skill names of ``data/skills.txt``.

    With ``case_insensitive_only``, leave out the entries that only count when written
    with their capital letter ("R", "Go", "Word"): lowercased, they are ordinary words.
    """
    entries = load_lines("skills.txt")
    if case_insensitive_only:
        return tuple(e for e in entries if e.lower() not in _CASE_SENSITIVE)
    return entries
