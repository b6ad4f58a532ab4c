"""Split a cleaned feedback text into sentences and the word tokens the model reads.

Texts arrive masked by :func:`jobfeedback.cleaning.mask_noise`. Before tokenizing,
typography is folded and long runs are broken (:mod:`jobfeedback.typography`), with a
map back to the original offsets, so every :class:`Segment` can be quoted verbatim.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # numpy is imported where it is used, not at import time
    import numpy as np

from .typography import break_long_runs, normalize_typography


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
    original : str or None
        The text before masking, when the caller gave it (the tone model reads its
        polarity); None means the same as ``masked``.
    """

    masked: str
    segments: tuple[Segment, ...]
    token_ids: np.ndarray
    token_sentence: np.ndarray
    language: str = "en"
    original: str | None = None

    @property
    def text(self) -> str:
        """The text before masking (``masked`` when it was not given)."""
        return self.masked if self.original is None else self.original


# Sentence-final punctuation (as tokenized by spaCy) and what may trail it.
_END_PUNCT = (".", "!", "?", "...", "…", "..", "....", "?!", "!?", "。", "！", "？")
_CLOSING = ('"', "'", "”", "’", ")", "]", "»")
# Tokens that end a sentence although spaCy keeps the period on them: a job level at the end
# of a sentence ("... the position of Software Engineer I. We regret ..."); spaCy reads
# single capitals with a period as initials, and "II." is split already.
_END_WORDS = ("I.",)


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
    end, closing = frozenset(_END_PUNCT + _END_WORDS), frozenset(_CLOSING)
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


def parse_many(
    masked_texts: list[str], *, languages: list[str] | None = None, originals: list[str] | None = None
) -> list[ParsedText]:
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
    languages : list of str, optional
        The language of each text when the caller has already identified it (the
        analyser does, to skip texts in other languages); detected here otherwise.
    originals : list of str, optional
        Each text before masking, kept as :attr:`ParsedText.original`.

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
    if languages is None:
        from .language import detect_masked

        languages = [detect_masked(text) for text in masked_texts]
    parsed = _parse_batch(masked_texts, prepared, list(docs), attrs, num_id, languages)
    if originals is not None:
        parsed = [p if o == p.masked else replace(p, original=o) for p, o in zip(parsed, originals, strict=True)]
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


def _parse_batch(texts, prepared, docs, attrs, num_id, languages) -> list[ParsedText]:
    """Split tokenized texts into sentences and word ids (see :func:`parse_many`).

    ``prepared`` holds, per text, the text spaCy tokenized and the map of its offsets to
    the text (None: the same). The whole batch is read as one array, so the work per text
    is a few slices, not a few dozen small array operations.
    """
    import numpy as np

    n = len(texts)
    arrays = [doc.to_array(attrs) if len(doc) else None for doc in docs]
    lens = np.array([0 if a is None else len(a) for a in arrays], dtype=np.int64)
    if not lens.sum():  # nothing to read
        return [_empty(t, lang) for t, lang in zip(texts, languages, strict=True)]
    arr = np.concatenate([a for a in arrays if a is not None])
    token_doc = np.repeat(np.arange(n), lens)
    space = arr[:, 1].astype(bool)
    idx, length = arr[:, 3].astype(np.int64), arr[:, 4].astype(np.int64)
    newline = np.zeros(len(arr), dtype=np.int64)  # line breaks in each whitespace token
    blank = np.flatnonzero(space)
    newline[blank] = [
        prepared[d][0].count("\n", a, a + b)
        for d, a, b in zip(token_doc[blank].tolist(), idx[blank].tolist(), length[blank].tolist(), strict=True)
    ]
    words = np.flatnonzero(~space)
    if not len(words):  # only whitespace
        return [_empty(t, lang) for t, lang in zip(texts, languages, strict=True)]
    word_doc = token_doc[words]
    words_per_doc = np.bincount(word_doc, minlength=n)
    word_end = np.cumsum(words_per_doc)
    doc_first_word = word_end - words_per_doc
    w = arr[words]
    word_ids, is_end, is_closing = w[:, 0], w[:, 5].astype(bool), w[:, 6].astype(bool)
    lines_before = np.cumsum(newline)[words]
    # The previous word of the same text that is not a closing quote or bracket ends a
    # sentence: "weak!" She...
    positions = np.arange(len(words))
    last_open = np.maximum.accumulate(np.where(is_closing, -1, positions))
    last_open[last_open < doc_first_word[word_doc]] = -1  # none yet in this text
    previous = np.concatenate(([-1], last_open[:-1]))
    after_end = (previous >= 0) & is_end[np.maximum(previous, 0)]
    starts = after_end & ~is_end & ~is_closing
    starts[doc_first_word[words_per_doc > 0]] = True
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
    starts_at, ends_at = idx[words[first]], idx[words[last]] + length[words[last]]
    keep_sentence = np.full(len(first), -1, dtype=np.int64)
    segments: list[list[Segment]] = [[] for _ in range(n)]
    kept_sentences = np.flatnonzero(has_alnum)
    for k, d, a, b in zip(
        kept_sentences.tolist(),
        word_doc[first[kept_sentences]].tolist(),
        starts_at[kept_sentences].tolist(),
        ends_at[kept_sentences].tolist(),
        strict=True,
    ):
        read, origin = prepared[d]
        keep_sentence[k] = len(segments[d])
        # Offsets in the text given: the first and last original character behind each end.
        start, end = (a, b) if origin is None else (int(origin[a]), int(origin[b - 1]) + 1)
        segments[d].append(Segment(start, end, " ".join(read[a:b].split())))
    token_sentence = keep_sentence[sentence_of_word]
    kept = token_sentence >= 0
    token_ids = np.where(w[:, 2].astype(bool), num_id, word_ids)
    out = []
    for d in range(n):
        if not words_per_doc[d]:
            out.append(_empty(texts[d], languages[d]))
            continue
        span = slice(int(doc_first_word[d]), int(word_end[d]))
        keep = kept[span]
        out.append(
            ParsedText(texts[d], tuple(segments[d]), token_ids[span][keep], token_sentence[span][keep], languages[d])
        )
    return out


def _empty(text: str, language: str) -> ParsedText:
    import numpy as np

    return ParsedText(text, (), np.zeros(0, np.uint64), np.zeros(0, np.int64), language)


def segment_many(masked_texts: list[str]) -> list[list[Segment]]:
    """Return the sentences of each masked text: :func:`parse_many` without the tokens.

    Offsets of each :class:`Segment` are valid in the original text; blank sentences are dropped.
    """
    return [list(p.segments) for p in parse_many(masked_texts)]


def parse_texts(texts) -> list[ParsedText]:
    """Mask noise in raw texts and parse them (see :func:`mask_noise`, :func:`parse_many`)."""
    from .cleaning import mask_noise

    texts = list(texts)
    return parse_many([mask_noise(t) for t in texts], originals=texts)
