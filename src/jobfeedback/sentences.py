"""Clean email noise out of a feedback text and split what remains into sentences.

Cleaning never rewrites the text: it *masks* noise (HTML tags, greetings, sign-offs,
signatures, quoted replies, legal footers) by replacing it with spaces of the same
length. Offsets into the masked text are offsets into the original, so every sentence
found can be quoted from the original text as evidence.

Every pattern here runs in linear time: no nested quantifiers, no backtracking across
unbounded spans, line-by-line work only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

# Tags are bounded in length so that a stray "<" in a 1 MB text cannot make a regex scan
# the rest of the text from every position.
_TAG = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9]*\b[^<>]{0,500}|!--[^<>]{0,2000}--)>")
_ENTITY = re.compile(r"&(?:nbsp|amp|lt|gt|quot|apos|#\d{1,6}|#x[0-9a-fA-F]{1,6});")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")

_GREETING = re.compile(
    r"^\s{0,20}(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings)\b(?:[ \t]+[\w.'\[\]-]+){0,4}"
    r"[ \t]*[,:!.]?[ \t]*$",
    re.IGNORECASE,
)
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

    Returns
    -------
    str
        A string of the same length as ``text``.
    """
    if not text:
        return text
    chars = list(text)
    for pattern in (_TAG, _ENTITY, _CONTROL):
        for m in pattern.finditer(text):
            _blank(chars, m.start(), m.end())
    # After tags are gone, line-level rules see the text a reader sees.
    masked = "".join(chars)
    lines = masked.split("\n")
    offsets = []
    pos = 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1

    first_content = next((i for i, line in enumerate(lines) if line.strip()), None)
    cut_from = None  # everything from this line on is a quoted reply or signature
    signature_left = 0
    for i, line in enumerate(lines):
        stripped = line.strip()
        start = offsets[i]
        if cut_from is not None:
            break
        if not stripped:
            continue
        if stripped.startswith(">") or _FOOTER.search(line):
            _blank(chars, start, start + len(line))
            continue
        if _QUOTE_HEADER.match(line) or _SIGNATURE_START.match(stripped):
            cut_from = i
            break
        if i == first_content and _GREETING.match(line):
            _blank(chars, start, start + len(line))
            continue
        if _SIGN_OFF.match(line):
            _blank(chars, start, start + len(line))
            signature_left = _SIGNATURE_LINES
            continue
        if signature_left:
            if len(stripped) <= _SIGNATURE_LINE_MAX and not stripped.endswith((".", "?", "!")) or _looks_like_contact(
                stripped
            ):
                _blank(chars, start, start + len(line))
                signature_left -= 1
                continue
            signature_left = 0
    if cut_from is not None:
        _blank(chars, offsets[cut_from], len(chars))
    return "".join(chars)


_CONTACT = re.compile(r"(?:\+?\d[\d ().-]{6,}\d|@|www\.|https?://)")


def _looks_like_contact(line: str) -> bool:
    return bool(_CONTACT.search(line))


@dataclass(frozen=True)
class Segment:
    """A sentence of a text: its offsets in the original and its masked (clean) form."""

    start: int
    end: int
    clean: str


@cache
def _nlp():
    """The blank English spaCy pipeline used for tokenization and sentence boundaries."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory("jobfeedback_linebreaks"):

        @Language.component("jobfeedback_linebreaks")
        def _linebreaks(doc):
            # Lines without end punctuation (bullets, headings, terse notes) are sentences too.
            for token in doc[1:]:
                prev = doc[token.i - 1]
                if "\n" in prev.text or "\n" in prev.whitespace_:
                    token.is_sent_start = True
            return doc

    nlp = spacy.blank("en")
    nlp.add_pipe("jobfeedback_linebreaks")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 10_000_000
    return nlp


def segment_many(masked_texts: list[str]) -> list[list[Segment]]:
    """Split each masked text into sentences with spaCy; blank sentences are dropped.

    Parameters
    ----------
    masked_texts : list of str
        Texts already passed through :func:`mask_noise`.

    Returns
    -------
    list of list of Segment
        For each text, its sentences in order, with offsets valid in the original text.
    """
    nlp = _nlp()
    out = []
    for doc in nlp.pipe(masked_texts, batch_size=256):
        segments = []
        for sent in doc.sents:
            clean = " ".join(sent.text.split())
            if clean and any(c.isalnum() for c in clean):
                first = sent[0]
                while first.is_space and first.i < sent.end - 1:
                    first = doc[first.i + 1]
                last = sent[-1]
                while last.is_space and last.i > sent.start:
                    last = doc[last.i - 1]
                segments.append(Segment(first.idx, last.idx + len(last.text), clean))
        out.append(segments)
    return out
