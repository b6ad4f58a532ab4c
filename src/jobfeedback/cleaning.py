"""Mask email noise in a feedback text without moving a character.

Cleaning never rewrites the text: it *masks* noise (HTML tags, greetings, sign-offs,
signatures, quoted replies, legal footers) by replacing it with spaces of the same
length. Offsets into the masked text are offsets into the original, so every sentence
found later can be quoted from the original text as evidence.

Every pattern here runs in linear time: no nested quantifiers, no backtracking across
unbounded spans, line-by-line work only.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy is imported where it is used, not at import time
    import numpy as np

from .typography import normalize_typography

# Tags are bounded in length so that a stray "<" in a 1 MB text cannot make a regex scan
# the rest of the text from every position.
_TAG = re.compile(r"<(?:(/?)([A-Za-z][A-Za-z0-9]*)\b[^<>]{0,500}|!--[^<>]{0,2000}--)>")
# Tags that end a line of text in a rendered email: they become a line break.
_BLOCK_TAGS = frozenset(
    [
        "p",
        "br",
        "div",
        "li",
        "ul",
        "ol",
        "tr",
        "td",
        "th",
        "table",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "hr",
        "body",
        "html",
    ]
)
_HEADER_LINE = re.compile(r"^\s{0,20}(?:from|to|cc|bcc|subject|date|sent|reply-to):[ \t]", re.IGNORECASE)
_SENTENCE_END = ".!?"
_FOOTER_REACH = 400  # how far a footer sentence extends around its key phrase
_ENTITY = re.compile(r"&(?:nbsp|amp|lt|gt|quot|apos|#\d{1,6}|#x[0-9a-fA-F]{1,6});")
# Zero-width spaces, joiners and direction marks are not masked but deleted by
# normalize_typography, so that "we\u200bak" still reads as "weak".
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")

_GREETING = re.compile(
    r"^\s{0,20}(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings)\b(?:[ \t]+[\w.'\[\]-]+){0,4}"
    r"[ \t]*[,:!.]?[ \t]*$",
    re.IGNORECASE,
)
# "Hi Sam, Thank you for..." on one line: only the greeting is noise.
_GREETING_PREFIX = re.compile(r"^\s{0,20}(?:hi|hello|hey|dear)\b(?:[ \t]+[\w.'\[\]-]+){0,4}[ \t]*,", re.IGNORECASE)
_SIGN_OFF = re.compile(
    # The closing phrase, then at most a capitalised name ("Thanks, Tom"); "Thanks for
    # applying." is a sentence, not a sign-off.
    r"^\s{0,20}(?i:best|kind|warm|warmest|many thanks|thanks|thank you|regards|best regards|kind regards|"
    r"warm regards|sincerely|yours sincerely|yours faithfully|yours truly|cheers|all the best|"
    r"best wishes|respectfully|with thanks|take care|talk soon)(?i:[ \t]+(?:again|so much|regards|wishes))?"
    r"[ \t]*[,.!-]?(?:[ \t]+[A-Z\[][\w.'\]-]*){0,3}[ \t]*$"
)
_QUOTE_HEADER = re.compile(
    r"^\s{0,20}(?:on\b[^\n]{0,200}\bwrote:\s*$|-{2,}\s*original message\s*-{2,}|-{2,}\s*forwarded message\s*-{2,}"
    r"|from:\s[^\n]{0,200}$)",
    re.IGNORECASE,
)
_SIGNATURE_START = re.compile(r"^(?:--|__+|sent from my [^\n]{0,40})\s*$", re.IGNORECASE)
_FOOTER = re.compile(
    r"(?:this (?:e-?mail|message)[^\n]{0,80}(?:confidential|intended (?:solely )?for)|"
    r"if you (?:are not|have received this)[^\n]{0,40}(?:intended recipient|in error)|"
    r"please do not reply to this (?:e-?mail|message)|this is an automated (?:e-?mail|message)|"
    r"unsubscribe|privacy (?:notice|policy))",
    re.IGNORECASE,
)
_FOOTER_KEYS = ("this e", "this m", "if you", "please do not", "this is an", "unsubscribe", "privacy")
# A sign-off is followed by a name, a title, a company, a phone number: a few short lines.
_SIGNATURE_LINES = 5
_SIGNATURE_LINE_MAX = 80


def _blank(chars: list[str], start: int, end: int) -> None:
    for i in range(start, end):
        if chars[i] != "\n":
            chars[i] = " "


def mask_noise(text: str) -> str:
    """Return ``text`` with email noise replaced by spaces, keeping every offset.

    Masked: HTML tags and entities, control characters, a greeting line at the top,
    sign-off lines and the short signature lines after them, quoted replies and
    forwarded messages, and legal or automated footer lines. Line breaks are kept.

    Parameters
    ----------
    text : str
        The original text.

    The rules read the text with its typography folded (see :func:`normalize_typography`),
    so "Dear O’Brien," is a greeting as "Dear O'Brien," is; the characters kept are
    the original ones.

    Returns
    -------
    str
        A string of the same length as ``text``.
    """
    if not text:
        return text
    folded, origin = normalize_typography(text)
    if folded is text:
        return _mask(text)
    masked = _mask(folded)
    import numpy as np

    changed = np.flatnonzero(_code_points(masked) != _code_points(folded))
    if not len(changed):
        return text
    out = list(text)
    targets = changed if origin is None else origin[changed]
    for j, i in zip(changed.tolist(), targets.tolist(), strict=True):
        out[i] = masked[j]
    return "".join(out)


def _code_points(text: str) -> np.ndarray:
    import numpy as np

    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32)


def _mask(text: str) -> str:
    """:func:`mask_noise` on a text whose typography is already folded."""
    chars = list(text)
    for pattern in (_TAG, _ENTITY, _CONTROL):
        for m in pattern.finditer(text):
            _blank(chars, m.start(), m.end())
            if pattern is _TAG and m.group(2) and m.group(2).lower() in _BLOCK_TAGS:
                chars[m.start()] = "\n"
    # After tags are gone, line-level rules see the text a reader sees.
    masked = "".join(chars)
    lines = masked.split("\n")
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1

    cut_from = None  # everything from this line on is a quoted reply or signature
    signature_left = 0
    seen_content = False
    for i, line in enumerate(lines):
        stripped = line.strip()
        start = offsets[i]
        if not stripped:
            continue
        if stripped.startswith(">"):
            _blank(chars, start, start + len(line))
            continue
        if not seen_content and _HEADER_LINE.match(line):
            # The message's own headers (From:, Subject:) above its body.
            _blank(chars, start, start + len(line))
            continue
        if seen_content and (_QUOTE_HEADER.match(line) or _SIGNATURE_START.match(stripped)):
            cut_from = i
            break
        if _SIGNATURE_START.match(stripped):
            _blank(chars, start, start + len(line))
            continue
        if not seen_content and _GREETING.match(line):
            seen_content = True
            _blank(chars, start, start + len(line))
            continue
        if not seen_content:
            prefix = _GREETING_PREFIX.match(line)
            if prefix:
                _blank(chars, start, start + prefix.end())
        _blank_footer_sentences(chars, line, start)
        if _SIGN_OFF.match(line):
            _blank(chars, start, start + len(line))
            signature_left = _SIGNATURE_LINES
            continue
        if signature_left:
            if (
                len(stripped) <= _SIGNATURE_LINE_MAX
                and not stripped.endswith((".", "?", "!"))
                or _looks_like_contact(stripped)
            ):
                _blank(chars, start, start + len(line))
                signature_left -= 1
                continue
            signature_left = 0
        seen_content = True
    if cut_from is not None:
        _blank(chars, offsets[cut_from], len(chars))
    return "".join(chars)


def _blank_footer_sentences(chars: list[str], line: str, start: int) -> None:
    """Mask each sentence of ``line`` that holds a legal or automated-footer phrase."""
    low = line.lower()
    if not any(key in low for key in _FOOTER_KEYS):
        return  # every footer phrase starts with one of these: skip the regex
    for m in _FOOTER.finditer(line):
        lo = max(0, m.start() - _FOOTER_REACH)
        begin = max(line.rfind(c, lo, m.start()) for c in _SENTENCE_END)
        begin = begin + 1 if begin >= 0 else (0 if lo == 0 else m.start())
        hi = min(len(line), m.end() + _FOOTER_REACH)
        ends = [e for e in (line.find(c, m.end(), hi) for c in _SENTENCE_END) if e >= 0]
        end = min(ends) + 1 if ends else (len(line) if hi == len(line) else m.end())
        _blank(chars, start + begin, start + end)


_CONTACT = re.compile(r"(?:\+?\d[\d ().-]{6,}\d|@|www\.|https?://)")


def _looks_like_contact(line: str) -> bool:
    return bool(_CONTACT.search(line))
