"""Find what a feedback text names (skills, experience areas, which logistics reason..., the role) to personalise next steps."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from . import lexicon


def find_skills(text: str) -> tuple[str, ...]:
    """Return the skills from ``data/skills.txt`` named in ``text``, in order of first mention.

    Matching is case-insensitive on whole words, longest name first ("Excel pivot
    tables" before "Excel"), except for the names marked ``[case-sensitive]`` ("R", "Go",
    "Word", ...), which count only when written with their capital letter. See
    :meth:`jobfeedback.lexicon.SkillLexicon.find`.
    """
    return _find(lexicon.default_lexicon(), text)


@lru_cache(maxsize=64)  # one analysis searches the same text or evidence several times
def _find(lex: lexicon.SkillLexicon, text: str) -> tuple[str, ...]:
    return lex.find(text)


@cache
def _mentions() -> dict:
    from ._resources import load_json

    return load_json("mentions.json")


def _cue_pattern(cues) -> re.Pattern:
    # A cue matches from the start of a word; its end is free ("rambl" -> "rambling"). The
    # lookahead on the characters a cue can start with rejects most positions at once
    # (same matches; about twice as fast).
    cues = [c.strip() for c in cues]
    alternatives = sorted((re.escape(c).replace("'", "['\u2019]") for c in cues), key=len, reverse=True)
    firsts = "".join(sorted({re.escape(c[0]) for c in cues}))
    return re.compile(r"(?<!\w)(?=[" + firsts + "])(?:" + "|".join(alternatives) + ")", re.IGNORECASE)


def _needles(cues) -> tuple[str, ...] | None:
    """Lowercase text that every match of a cue contains (the cue up to any apostrophe), or
    None when a cue is not ASCII (then lowercasing is not case-insensitive matching)."""
    if not all(c.isascii() for c in cues):
        return None
    return tuple(c.strip().lower().split("'")[0] for c in cues)


@cache
def _aspect_patterns(theme: str) -> tuple[tuple[str, re.Pattern, tuple[str, ...] | None], ...]:
    aspects = _mentions()["aspects"].get(theme, {})
    return tuple((aspect, _cue_pattern(entry["cues"]), _needles(entry["cues"])) for aspect, entry in aspects.items())


def aspect_label(theme: str, aspect: str) -> str:
    """Return how a next step names ``aspect`` of ``theme`` ("pay", "the task brief"...)."""
    return _mentions()["aspects"][theme][aspect]["label"]


def find_aspects(text: str, theme: str) -> tuple[str, ...]:
    """Return which parts of ``theme`` the text names, first mentioned first.

    For logistics: ``salary``, ``location``, ``visa``, ``schedule``, ``role_closed``;
    for experience: ``overqualified``, ``leadership``, ``seniority``; and so on for each
    theme in ``data/mentions.json``. Pass the theme's evidence sentences to keep the
    search to what the theme was found in.
    """
    found = []
    # In ASCII text a cue can match only where its lowercase text is: a cheap test first.
    lower = text.lower() if text.isascii() else None
    for aspect, pattern, needles in _aspect_patterns(theme):
        if lower is not None and needles is not None and not any(n in lower for n in needles):
            continue
        m = pattern.search(text)
        if m:
            found.append((m.start(), aspect))
    return tuple(aspect for _, aspect in sorted(found))


@cache
def _area_patterns() -> tuple[re.Pattern, ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in _mentions()["area_patterns"])


def find_areas(text: str) -> tuple[str, ...]:
    """Return the experience areas or domains the text names ("enterprise sales", "paid social campaigns").

    Taken from phrases such as "experience in X", "background in X" or "more X
    experience"; named skills and vague words ("the role", "this field") are left out.
    """
    stop = set(_mentions()["area_stopwords"])
    skills = {s.lower() for s in find_skills(text)}
    found: dict[str, None] = {}
    for pattern in _area_patterns():
        for m in pattern.finditer(text):
            words = m.group("area").strip(" -/").split()
            while words and words[0].lower() in stop:
                words = words[1:]
            while words and words[-1].lower() in stop:
                words = words[:-1]
            area = " ".join(words)
            if area and area.lower() not in stop and area.lower() not in skills and not area[0].isdigit():
                found.setdefault(area, None)
    return tuple(found)


_CLAUSE = re.compile(r"[.!?;\n]+|,?\s\b(?:but|however|although|though|whereas|while)\b", re.IGNORECASE)


@cache
def _praise_and_criticism() -> tuple[re.Pattern, re.Pattern]:
    data = _mentions()
    return _cue_pattern(data["praise_cues"]), _cue_pattern(data["criticism_cues"])


def praised_skills(text: str) -> tuple[str, ...]:
    """Return the skills the text praises and does not fault in the same clause.

    "Your SQL skills impressed everyone, but ..." praises SQL: a next step must not
    ask the reader to close a gap in it.
    """
    praise, criticism = _praise_and_criticism()
    found: dict[str, None] = {}
    for clause in _CLAUSE.split(text):
        if praise.search(clause) and not criticism.search(clause):
            found.update(dict.fromkeys(find_skills(clause)))
    return tuple(found)


def gap_skills(text: str, evidence: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Return the skills named as missing: those in the evidence (else the text), less those praised."""
    named = find_skills(" ".join(evidence)) or find_skills(text)
    if not named:  # most texts name no skill: nothing to check for praise
        return ()
    praised = set(praised_skills(text))
    return tuple(s for s in named if s not in praised)


_GREETING = re.compile(r"^\s*(?:dear|hi|hello|hey)\s+(?P<who>[^\s,!:]+(?:\s+[^\s,!:]+)?)", re.IGNORECASE)


@cache
def _personal_cues() -> re.Pattern:
    return _cue_pattern(_mentions()["personal_cues"])


def is_personal(text: str) -> bool:
    """Return True when the text reads as a personal letter, not a form rejection.

    A letter is personal when it greets the reader by name, or when it speaks in a
    person's voice ("it was a real pleasure", "I'd be glad to keep in touch").
    """
    data = _mentions()
    m = _GREETING.match(text)
    if m and m.group("who").lower().split()[0] not in set(data["impersonal_greetings"]):
        return True
    return bool(_personal_cues().search(text))


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
