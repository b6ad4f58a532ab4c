"""Fold typography and break long runs, keeping a map back to the original offsets.

Typography is folded (curly quotes, primes, dashes, odd and zero-width spaces, full-width
forms, ligatures: NFKC plus a small map) so that it does not change what the model reads;
long runs without whitespace are broken up so that spaCy's tokenizer, which peels
punctuation off a run one character at a time, stays linear.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy is imported where it is used, not at import time
    import numpy as np

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


@lru_cache(maxsize=1)
def dashes() -> frozenset:
    """The characters folded to a hyphen: dashes and the minus sign."""
    return frozenset(c for c, folded in _TYPOGRAPHY.items() if folded == "-")


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
    exactly one original character. One analysis folds a text in several stages, so the
    results for recent texts of up to :data:`CACHE_MAX_CHARS` characters are cached; the
    returned origin map is therefore read-only.

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
    folded, origin = _fold_cached(text) if len(text) <= CACHE_MAX_CHARS else _fold(text)
    return (text if folded is None else folded), origin


CACHE_MAX_CHARS = 20_000
"""Texts up to this long have their folding cached (the last 512), which bounds the cache's memory."""


@lru_cache(maxsize=512)  # a batch is 256 texts by default, read before and after masking
def _fold_cached(text: str) -> tuple[str | None, np.ndarray | None]:
    return _fold(text)


def _fold(text: str) -> tuple[str | None, np.ndarray | None]:
    """:func:`normalize_typography` of a non-ASCII text, with None for "nothing changes"."""
    table = {}
    for c in set(text):
        if not c.isascii():
            folded = _fold_char(c)
            if folded != c:
                table[ord(c)] = folded
    if not table:
        return None, None
    folded = text.translate(table)
    if len(folded) == len(text) and all(len(r) == 1 for r in table.values()):
        return folded, None
    import numpy as np

    width = {c: len(_fold_char(c)) if ord(c) in table else 1 for c in set(text)}
    lengths = np.fromiter(map(width.__getitem__, text), dtype=np.int64, count=len(text))
    origin = np.repeat(np.arange(len(text), dtype=np.int64), lengths)
    origin.flags.writeable = False  # shared by every caller of the cache
    return folded, origin


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
