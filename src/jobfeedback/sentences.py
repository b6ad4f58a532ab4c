"""Clean email noise out of a feedback text and split what remains into sentences.

Cleaning never rewrites the text: it *masks* noise (HTML tags, greetings, sign-offs,
signatures, quoted replies, legal footers) by replacing it with spaces of the same
length. Offsets into the masked text are offsets into the original, so every sentence
found can be quoted from the original text as evidence.

Before tokenizing, typography is folded (curly quotes, dashes, odd spaces, full-width
forms, ligatures: see :func:`normalize_typography`) so that it does not change what the
model reads, and long runs without whitespace are broken up (see :func:`break_long_runs`)
so that spaCy's tokenizer, which peels punctuation off a run one character at a time,
stays linear. Both keep a map back to the original offsets.

Every pattern here runs in linear time: no nested quantifiers, no backtracking across
unbounded spans, line-by-line work only.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy is imported where it is used, not at import time
    import numpy as np

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


# Typographic variants and what they read as. NFKC (applied first, per character) already
# folds full-width forms, ligatures, the ellipsis and most odd spaces.
_TYPOGRAPHY = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u2035\u02bc\u00b4", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63", "-"),
    **dict.fromkeys(
        "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000", " "
    ),
    # Invisible: zero-width space, joiners, direction marks, word joiner, BOM, soft hyphen.
    **dict.fromkeys("\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad", ""),
}


@lru_cache(maxsize=4096)
def _fold_char(c: str) -> str:
    folded = _TYPOGRAPHY.get(c)
    if folded is not None:
        return folded
    folded = unicodedata.normalize("NFKC", c)
    return "".join(_TYPOGRAPHY.get(f, f) for f in folded)


def normalize_typography(text: str) -> tuple[str, np.ndarray | None]:
    """Fold typography that should not change a reading: quotes, dashes, spaces, widths, ligatures.

    Each character is replaced by its NFKC form, then curly quotes and primes become
    ``'`` or ``"``, dashes and the minus sign ``-``, every space character a space, and
    zero-width characters and soft hyphens are deleted. Characters are folded one at a
    time (combining sequences are not composed), so each folded character comes from
    exactly one original character.

    Parameters
    ----------
    text : str

    Returns
    -------
    folded : str
        The folded text; ``text`` itself (the same object) when nothing changes.
    origin : numpy.ndarray or None
        For each character of ``folded``, the index of the original character it comes
        from; None when ``folded`` has the length of ``text`` (the identity).
    """
    if text.isascii():
        return text, None
    table = {}
    for c in set(text):
        if not c.isascii():
            folded = _fold_char(c)
            if folded != c:
                table[ord(c)] = folded
    if not table:
        return text, None
    folded = text.translate(table)
    if len(folded) == len(text) and all(len(r) == 1 for r in table.values()):
        return folded, None
    import numpy as np

    width = {c: len(_fold_char(c)) if ord(c) in table else 1 for c in set(text)}
    lengths = np.fromiter(map(width.__getitem__, text), dtype=np.int64, count=len(text))
    return folded, np.repeat(np.arange(len(text), dtype=np.int64), lengths)


MAX_RUN = 50
"""Runs without whitespace longer than this are read as their words only (see :func:`break_long_runs`)."""

MAX_SYMBOLS = 8
"""Runs without whitespace with more symbols than this are read as their words only."""

_SYMBOLS = r"(?:[^\w\s]|_)"
_SYMBOL_RUN = re.compile(_SYMBOLS + "{4,}")
_SYMBOL = re.compile(_SYMBOLS)


@lru_cache(maxsize=8)
def _runs_longer_than(n: int) -> re.Pattern:
    # The lookbehind lets a match start only where a run starts, so each character is
    # scanned once: linear, however long or many the runs.
    return re.compile(rf"(?<!\S)\S{{{n + 1},}}")


def break_long_runs(text: str) -> str:
    """Return ``text`` with the runs that make spaCy's tokenizer slow turned into spaces.

    spaCy's tokenizer peels punctuation and symbols off a run of non-space characters
    one at a time, scanning the rest of the run each time: time quadratic in the run's
    length. Here, in any run of four or more symbols (punctuation, emoji, underscores)
    only the first three are kept, and in a run without whitespace longer than
    :data:`MAX_RUN` characters or with more than :data:`MAX_SYMBOLS` symbols (a rule
    line, a URL, HTML or glued text) every symbol becomes a space, leaving its words.
    The result has the length of ``text``, so offsets are unchanged; ordinary words and
    punctuation are left as they are.
    """
    if len(text) <= 3:
        return text
    text = _SYMBOL_RUN.sub(lambda m: m.group()[:3] + " " * (m.end() - m.start() - 3), text)
    return words_only_in_long_runs(text, MAX_SYMBOLS + 1, max_run=MAX_RUN, max_symbols=MAX_SYMBOLS)


def words_only_in_long_runs(text: str, min_run: int, *, max_run: int, max_symbols: int | None = None) -> str:
    """Replace by spaces the symbols of each run of at least ``min_run`` characters without
    whitespace that is longer than ``max_run`` or has more than ``max_symbols`` symbols.

    The result has the length of ``text``. With ``min_run = max_run + 1`` and no
    ``max_symbols``, only runs longer than ``max_run`` change: what
    :func:`jobfeedback.polarity.polarity_subjectivity` uses to keep TextBlob linear.
    """

    def words_only(m: re.Match) -> str:
        run = m.group()
        if len(run) > max_run or (max_symbols is not None and len(_SYMBOL.findall(run)) > max_symbols):
            return _SYMBOL.sub(" ", run)
        return run

    return _runs_longer_than(min_run - 1).sub(words_only, text)


@dataclass(frozen=True)
class Segment:
    """A sentence of a text: its offsets in the original and its masked (clean) form."""

    start: int
    end: int
    clean: str


@dataclass(frozen=True, eq=False)
class ParsedText:
    """A masked text split into sentences, with the word tokens the model reads.

    Attributes
    ----------
    masked : str
        The text after :func:`mask_noise`.
    segments : tuple of Segment
        Its sentences, in order.
    token_ids : numpy.ndarray
        spaCy's 64-bit hash of each word token, lowercased, numbers mapped to one id;
        whitespace tokens and tokens of dropped (empty) sentences are left out.
    token_sentence : numpy.ndarray
        For each token in ``token_ids``, the index of its sentence in ``segments``.
    language : str
        Detected language code (see :func:`jobfeedback.language.detect_language`).
    """

    masked: str
    segments: tuple[Segment, ...]
    token_ids: np.ndarray
    token_sentence: np.ndarray
    language: str = "en"


# Sentence-final punctuation (as tokenized by spaCy) and what may trail it.
_END_PUNCT = (".", "!", "?", "...", "…", "..", "....", "?!", "!?", "。", "！", "？")
_CLOSING = ('"', "'", "”", "’", ")", "]", "»")


@cache
def _nlp():
    """The blank English spaCy pipeline (only its tokenizer is used) and the lexeme flags we read.

    Flags are computed once per distinct word and then read for whole texts at C speed
    with ``Doc.to_array``: sentence-final punctuation, closing quotes, and word shapes.
    """
    import spacy
    from spacy.attrs import IS_SPACE, LIKE_NUM, LOWER

    nlp = spacy.blank("en")
    nlp.max_length = 10_000_000
    vocab = nlp.vocab
    # Only these lexeme attributes are read; computing spaCy's other twenty for every new
    # word (shape, norm, URL and email patterns...) doubled the time of texts of many
    # distinct words.
    vocab.lex_attr_getters = {k: v for k, v in vocab.lex_attr_getters.items() if k in (LOWER, IS_SPACE, LIKE_NUM)}
    end, closing = frozenset(_END_PUNCT), frozenset(_CLOSING)
    flags = {
        "end": vocab.add_flag(lambda s: s in end),
        "closing": vocab.add_flag(lambda s: s in closing),
        "starts_lower": vocab.add_flag(lambda s: s[:1].islower()),
        "alnum": vocab.add_flag(lambda s: any(c.isalnum() for c in s)),
    }
    return nlp, flags


@cache
def _num_id():
    import numpy as np
    from spacy.strings import hash_string

    return np.uint64(hash_string("0"))


def parse_many(masked_texts: list[str]) -> list[ParsedText]:
    """Tokenize masked texts with spaCy and split them into sentences.

    A sentence ends at sentence-final punctuation (with any closing quotes or brackets
    after it) and at line breaks, so bullet lists and terse notes without punctuation
    split into their lines; a single break inside a hard-wrapped paragraph (the next line
    going on in lowercase) does not end one. spaCy reads each text with its typography
    folded (:func:`normalize_typography`) and long runs broken (:func:`break_long_runs`);
    segment offsets are mapped back to the text given. Work per text is linear in its
    length.

    Parameters
    ----------
    masked_texts : list of str
        Texts already passed through :func:`mask_noise`.

    Returns
    -------
    list of ParsedText
    """
    from spacy.attrs import IDX, IS_SPACE, LENGTH, LIKE_NUM, LOWER

    nlp, flags = _nlp()
    attrs = [
        LOWER,
        IS_SPACE,
        LIKE_NUM,
        IDX,
        LENGTH,
        flags["end"],
        flags["closing"],
        flags["starts_lower"],
        flags["alnum"],
    ]
    num_id = _num_id()
    prepared = []
    for text in masked_texts:
        folded, origin = normalize_typography(text)
        prepared.append((break_long_runs(folded), origin))
    docs = nlp.tokenizer.pipe([p for p, _ in prepared], batch_size=256)
    parsed = [
        _parse_one(text, read, origin, doc, attrs, num_id)
        for text, (read, origin), doc in zip(masked_texts, prepared, docs, strict=True)
    ]
    _count_texts(len(masked_texts))
    return parsed


VOCAB_RESET_TEXTS = 20_000
"""The tokenizer is rebuilt after this many texts (see :func:`_count_texts`)."""

_texts_since_reset = [0]


def _count_texts(n: int) -> None:
    # Every new word (names, ids, references) adds a lexeme to spaCy's vocabulary, so a
    # long batch run would grow without bound. Rebuilding the blank pipeline now and then
    # bounds it; token ids are hashes of the text, so features do not change. (spaCy's
    # memory zones bound it too, but turn off the tokenizer cache: 3x slower here.)
    _texts_since_reset[0] += n
    if _texts_since_reset[0] >= VOCAB_RESET_TEXTS:
        _texts_since_reset[0] = 0
        _nlp.cache_clear()


def _parse_one(text, read, origin, doc, attrs, num_id) -> ParsedText:
    """Split one tokenized text into sentences and word ids (see :func:`parse_many`).

    ``read`` is the text spaCy tokenized; ``origin`` maps its offsets to ``text`` (None: the same).
    """
    import numpy as np

    from .language import detect_masked

    if len(doc) == 0:
        return _empty(text)
    arr = doc.to_array(attrs)
    space = arr[:, 1].astype(bool)
    words = np.flatnonzero(~space)
    if len(words) == 0:
        return _empty(text)
    idx, length = arr[:, 3].astype(np.int64), arr[:, 4].astype(np.int64)
    newline = np.zeros(len(doc), dtype=np.int64)  # line breaks in each whitespace token
    for i in np.flatnonzero(space):
        newline[i] = read.count("\n", idx[i], idx[i] + length[i])
    w = arr[words]
    word_ids, is_end, is_closing = w[:, 0], w[:, 5].astype(bool), w[:, 6].astype(bool)
    lines_before = np.cumsum(newline)[words]
    # The previous word that is not a closing quote or bracket ends a sentence: "weak!" She...
    positions = np.arange(len(words))
    last_open = np.maximum.accumulate(np.where(is_closing, -1, positions))
    previous = np.concatenate(([-1], last_open[:-1]))
    after_end = (previous >= 0) & is_end[np.maximum(previous, 0)]
    starts = after_end & ~is_end & ~is_closing
    starts[0] = True
    # A line break ends a sentence, except inside a hard-wrapped paragraph: one break,
    # the line so far not ended, and the next line going on in lowercase.
    breaks = lines_before[1:] - lines_before[:-1]
    wrapped = (breaks == 1) & ~is_end[:-1] & w[1:, 7].astype(bool)
    starts[1:] |= (breaks > 0) & ~wrapped
    sentence_of_word = np.cumsum(starts) - 1
    first = np.flatnonzero(starts)
    last = np.append(first[1:] - 1, len(words) - 1)
    # A sentence is kept if one of its words has a letter or digit (not bare punctuation).
    has_alnum = np.add.reduceat(w[:, 8].astype(np.int64), first) > 0
    segments, keep_sentence = [], np.full(len(first), -1, dtype=np.int64)
    starts_at, ends_at = idx[words[first]], idx[words[last]] + length[words[last]]
    # Offsets in the text given: the first and last original character behind each end.
    orig_starts = (starts_at if origin is None else origin[starts_at]).tolist()
    orig_ends = (ends_at if origin is None else origin[ends_at - 1] + 1).tolist()
    starts_at, ends_at = starts_at.tolist(), ends_at.tolist()
    for k in np.flatnonzero(has_alnum).tolist():
        keep_sentence[k] = len(segments)
        segments.append(Segment(orig_starts[k], orig_ends[k], " ".join(read[starts_at[k] : ends_at[k]].split())))
    token_sentence = keep_sentence[sentence_of_word]
    kept = token_sentence >= 0
    token_ids = np.where(w[:, 2].astype(bool), num_id, word_ids)[kept]
    return ParsedText(text, tuple(segments), token_ids, token_sentence[kept], detect_masked(text))


def _empty(text: str) -> ParsedText:
    import numpy as np

    from .language import detect_masked

    return ParsedText(text, (), np.zeros(0, np.uint64), np.zeros(0, np.int64), detect_masked(text))


def segment_many(masked_texts: list[str]) -> list[list[Segment]]:
    """Return the sentences of each masked text: :func:`parse_many` without the tokens.

    Offsets of each :class:`Segment` are valid in the original text; blank sentences are dropped.
    """
    return [list(p.segments) for p in parse_many(masked_texts)]


def parse_texts(texts) -> list[ParsedText]:
    """Mask noise in raw texts and parse them (see :func:`mask_noise`, :func:`parse_many`)."""
    return parse_many([mask_noise(t) for t in texts])
