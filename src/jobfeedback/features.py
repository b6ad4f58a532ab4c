"""Hashed word n-gram counts of parsed texts, per sentence and per text.

Tokens are spaCy's lowercase hashes (from :class:`jobfeedback.sentences.ParsedText`), so no
vocabulary is stored. Bigrams never cross a sentence boundary, so a text's counts are the
sum of its sentences' counts. After every known skill name a shared marker token is added,
so that "lacked X" generalises across every X; the skill names are read when the
featurizer is fitted and kept in it, so a fitted model does not depend on the lexicon
file it was trained with. The words of a sentence of pure praise (a praise word, no
criticism or contrast word: ``data/praise.json``, also read at fit time) are counted a
second time as "praised" words, so the model can learn that "Your experience is
impressive." is not an experience gap; the words of a sentence that rules a reason out
("it was nothing to do with your experience") are counted again as "ruled-out" words.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
from sklearn.base import BaseEstimator

from .errors import Errors

_BIGRAM = np.uint64(0x9E3779B97F4A7C15)  # odd multiplier that mixes two token hashes into one
_SKILL_MARK = np.uint64(0x5EED5EED5EED5EED)  # the token id of the shared skill marker
_PRAISED = np.uint64(0xC0FFEE15C0FFEE15)  # mixed into a token's hash: the same word in a sentence of praise
_RULED_OUT = np.uint64(0xD15C0DE5D15C0DE5)  # ... in a sentence that rules a reason out


_WORD = re.compile(r"[a-z0-9]+(?:['/][a-z0-9]+)*")


class _Cues:
    """Word cues of ``data/praise.json``: words, stems (``impress*``), phrases and "n't"."""

    def __init__(self, entries: tuple[str, ...]):
        single = [e for e in entries if " " not in e]
        self.words = frozenset(e for e in single if not e.endswith("*") and e != "n't")
        self.stems = tuple(e[:-1] for e in single if e.endswith("*"))
        self.phrases = tuple(" " + e.rstrip("*") + ("" if e.endswith("*") else " ") for e in entries if " " in e)
        self.nt = "n't" in entries
        # A phrase is looked for only when its first word is among the words (the first word
        # of " wasn't the " must be the word "wasn't"); a phrase whose first word is not one
        # word as _words reads words is always looked for.
        by_first: dict[str, list[str]] = {}
        always = [" " + s for s in self.stems]
        for phrase in self.phrases:
            first = phrase.split()[0]
            if _WORD.fullmatch(first):
                by_first.setdefault(first, []).append(phrase)
            else:
                always.append(phrase)
        self.by_first = {w: tuple(ps) for w, ps in by_first.items()}
        self.always = tuple(always)

    def found_in(self, words: list[str], joined: str) -> bool:
        """Whether any cue is among ``words`` (lowercase) or, for stems and phrases, in ``joined``.

        ``joined`` has a space before and after every word, so a word starting with a stem
        is `` stem`` in it, and a word ending in "n't" is ``n't `` in it.
        """
        if not self.words.isdisjoint(words):
            return True
        if self.nt and "n't " in joined:
            return True
        if any(p in joined for p in self.always):
            return True
        return any(p in joined for w in self.by_first.keys() & set(words) for p in self.by_first[w])


@cache
def _cues(entries: tuple[str, ...]) -> _Cues:
    return _Cues(entries)


def _joined(words: list[str]) -> str:
    """Words joined with a space on each side of every word (what :meth:`_Cues.found_in` reads)."""
    return " " + " ".join(words) + " "


def _words(sentence: str) -> tuple[list[str], str]:
    """A sentence's lowercase words, and the same joined (:func:`_joined`, for phrases)."""
    words = _WORD.findall(sentence.lower())
    return words, _joined(words)


_CONTRAST = frozenset(("but", "however", "although", "though", "while", "whereas", "yet"))
"""Words that split a sentence into clauses for clause praise (each starts a clause)."""


@cache
def _contrast_ids() -> np.ndarray:
    from spacy.strings import hash_string

    return np.array(sorted(hash_string(w) for w in _CONTRAST), dtype=np.uint64)


def _clause_praise(words: list[str], praise: _Cues, criticism: _Cues) -> list[bool]:
    """Whether each clause of a sentence's words (split before every contrast word) is pure
    praise: a praise cue, and no criticism cue other than the contrast word that opens it."""
    clauses: list[list[str]] = [[]]
    for w in words:
        if w in _CONTRAST:
            clauses.append([])
        else:
            clauses[-1].append(w)
    return [
        bool(clause) and praise.found_in(clause, _joined(clause)) and not criticism.found_in(clause, _joined(clause))
        for clause in clauses
    ]


def _praised_clause_tokens(ids: np.ndarray, sent: np.ndarray, clauses: dict[int, list[bool]]) -> np.ndarray:
    """Token mask: the tokens of the clauses of pure praise of the sentences in ``clauses``.

    A sentence's tokens are split into clauses before every contrast word, as its words
    were; if the two splits disagree (a tokenizer corner case) the sentence is left unmarked.
    """
    out = np.zeros(len(ids), dtype=bool)
    contrast = np.isin(ids, _contrast_ids())
    keys = sorted(clauses)
    bounds = np.searchsorted(sent, keys, side="left").tolist()
    ends = np.searchsorted(sent, keys, side="right").tolist()
    for k, lo, hi in zip(keys, bounds, ends, strict=True):
        flags = clauses[k]
        if hi == lo:
            continue
        clause_of = np.cumsum(contrast[lo:hi])
        if int(clause_of[-1]) + 1 == len(flags):
            out[lo:hi] = np.asarray(flags)[clause_of]
    return out


def _lexicon_keys(entries) -> dict[int, np.ndarray]:
    """Token-hash keys of 1- to 3-token lexicon entries (mixed like bigrams)."""
    import spacy

    tokenizer = spacy.blank("en").tokenizer
    keys: dict[int, set] = {1: set(), 2: set(), 3: set()}
    with np.errstate(over="ignore"):
        for entry in entries:
            ids = [np.uint64(t.lower) for t in tokenizer(entry) if not t.is_space]
            if 1 <= len(ids) <= 3:
                key = ids[0]
                for nxt in ids[1:]:
                    key = key * _BIGRAM + nxt
                keys[len(ids)].add(int(key))
    return {n: np.array(sorted(v), dtype=np.uint64) for n, v in keys.items()}


class NgramCounter(BaseEstimator):
    """Count hashed word uni- and bigrams of parsed texts, one row per sentence.

    Parameters
    ----------
    n_features : int
        Number of hash buckets.
    ngram_range : tuple of int
        ``(1, 1)`` or ``(1, 2)``.
    skills : tuple of str or None
        Skill names after which the shared marker token is added. None reads the
        package's lexicon at fit time (:attr:`jobfeedback.lexicon.SkillLexicon.model_entries`:
        ``data/skills.txt`` without its case-sensitive names, the same lexicon
        :mod:`jobfeedback.mentions` finds skills with); ``()`` adds no marker.
    praise_marks : bool
        Count the words of a sentence of pure praise a second time, as praised words.
    clause_praise : bool
        With praise marks, also read a sentence that a contrast word ("but", "however",
        "although"...) splits clause by clause: the words of a clause of pure praise count
        as praised words ("Your SQL was great, but your Python was weak.": SQL is praised).
    ruled_out_marks : bool
        Count the words of a sentence that rules a reason out a second time, as ruled-out words.

    Attributes
    ----------
    skill_keys_ : dict
        Hash keys of the skill names, by number of tokens (set by :meth:`fit`).
    praise_cues_, criticism_cues_ : tuple of str or None
        The praise and criticism/contrast cues of ``data/praise.json`` (set by :meth:`fit`;
        None without praise marks).
    ruled_out_cues_ : tuple of str or None
        The ruled-out cues of ``data/praise.json`` (None without ruled-out marks).
    """

    def __init__(
        self,
        n_features=2**18,
        ngram_range=(1, 2),
        skills=None,
        praise_marks=True,
        ruled_out_marks=True,
        clause_praise=True,
    ):
        self.n_features = n_features
        self.ngram_range = ngram_range
        self.skills = skills
        self.praise_marks = praise_marks
        self.ruled_out_marks = ruled_out_marks
        self.clause_praise = clause_praise

    def fit(self, parsed=None, y=None):
        """Read the skill names into hash keys; the texts are not needed."""
        if self.ngram_range not in ((1, 1), (1, 2)):
            raise ValueError(Errors.E052.format(value=self.ngram_range))
        skills = self.skills
        if skills is None:
            from .lexicon import default_lexicon

            skills = default_lexicon().model_entries
        self.skill_keys_ = _lexicon_keys(skills)
        self.praise_cues_ = self.criticism_cues_ = self.ruled_out_cues_ = None
        if self.praise_marks or self.ruled_out_marks:
            from ._resources import load_json

            cues = load_json("praise.json")
            if self.praise_marks:
                self.praise_cues_, self.criticism_cues_ = tuple(cues["praise"]), tuple(cues["criticism"])
            if self.ruled_out_marks:
                self.ruled_out_cues_ = tuple(cues["ruled_out"])
        return self

    def _marks(self, parsed) -> np.ndarray:
        """(n_sentences, 2): whether each sentence of ``parsed`` is pure praise, and whether it
        rules a reason out; each sentence's words are read once."""
        return self._read_marks(parsed)[0]

    def _read_marks(self, parsed) -> tuple[np.ndarray, dict[int, list[bool]]]:
        """The sentence marks of :meth:`_marks`, and for each sentence a contrast word splits
        (with clause praise on) whether each of its clauses is pure praise."""
        praise, criticism = getattr(self, "praise_cues_", None), getattr(self, "criticism_cues_", None)
        ruled_out = getattr(self, "ruled_out_cues_", None)
        by_clause = praise is not None and getattr(self, "clause_praise", False)
        out = np.zeros((sum(len(p.segments) for p in parsed), 2), dtype=bool)
        clauses: dict[int, list[bool]] = {}
        if praise is None and ruled_out is None:
            return out, clauses
        k = 0
        for p in parsed:
            for seg in p.segments:
                words, joined = _words(seg.clean)
                if praise is not None:
                    out[k, 0] = _cues(praise).found_in(words, joined) and not _cues(criticism).found_in(words, joined)
                    if by_clause and not out[k, 0] and not _CONTRAST.isdisjoint(words):
                        clauses[k] = _clause_praise(words, _cues(praise), _cues(criticism))
                if ruled_out is not None:
                    out[k, 1] = _cues(ruled_out).found_in(words, joined)
                k += 1
        return out, clauses

    def _any_praise(self, parsed) -> np.ndarray:
        """For every sentence of ``parsed``, whether it or one of its clauses is pure praise."""
        marks, clauses = self._read_marks(parsed)
        praised = marks[:, 0].copy()
        for k, flags in clauses.items():
            praised[k] = any(flags)
        return praised

    def ruled_out_sentences(self, parsed) -> np.ndarray:
        """Return, for every sentence of ``parsed`` in order, whether it rules a reason out."""
        return self._marks(parsed)[:, 1]

    def praise_sentences(self, parsed) -> np.ndarray:
        """Return, for every sentence of ``parsed`` in order, whether it is pure praise."""
        return self._marks(parsed)[:, 0]

    def sentence_counts(self, parsed) -> tuple:
        """Return ``(counts, sentence_doc)``: a sparse row of n-gram counts per sentence of
        every parsed text, and for each row the index of its text."""
        import scipy.sparse as sp

        n_sentences = [len(p.segments) for p in parsed]
        sentence_doc = np.repeat(np.arange(len(parsed)), n_sentences)
        if not parsed or not sum(n_sentences):
            return sp.csr_matrix((int(sum(n_sentences)), self.n_features)), sentence_doc
        offsets = np.concatenate(([0], np.cumsum(n_sentences)[:-1])).astype(np.int64)
        ids = np.concatenate([p.token_ids for p in parsed])
        sent = np.concatenate([p.token_sentence + off for p, off in zip(parsed, offsets, strict=True)])
        if len(ids):
            ids, sent = self._with_skill_marks(ids, sent)
        modulus = np.uint64(self.n_features)
        rows, cols = [sent], [ids % modulus]
        # Words of marked sentences count again, their hash mixed with the mark's salt.
        marks, clauses = self._read_marks(parsed)
        for column, salt in ((0, _PRAISED), (1, _RULED_OUT)):
            if not len(ids):
                break
            in_marked = marks[:, column][sent]
            if column == 0 and clauses:
                in_marked = in_marked | _praised_clause_tokens(ids, sent, clauses)
            if in_marked.any():
                rows.append(sent[in_marked])
                cols.append((ids[in_marked] ^ salt) % modulus)
        if self.ngram_range[1] >= 2 and len(ids) > 1:
            same = sent[1:] == sent[:-1]
            with np.errstate(over="ignore"):
                rows.append(sent[1:][same])
                cols.append((ids[:-1][same] * _BIGRAM + ids[1:][same]) % modulus)
        row = np.concatenate(rows)
        col = np.concatenate(cols).astype(np.int64)
        counts = sp.csr_matrix((np.ones(len(row)), (row, col)), shape=(int(sum(n_sentences)), self.n_features))
        counts.sum_duplicates()
        return counts, sentence_doc

    @staticmethod
    def doc_counts(sentence_counts, sentence_doc, n_docs: int):
        """Sum sentence rows into one row per text."""
        import scipy.sparse as sp

        n = len(sentence_doc)
        members = sp.csr_matrix((np.ones(n), (sentence_doc, np.arange(n))), shape=(n_docs, n))
        return (members @ sentence_counts).tocsr()

    def _with_skill_marks(self, ids: np.ndarray, sentence: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Insert the shared skill-marker token after every skill mention (within a sentence)."""
        keys = self.skill_keys_
        ends = []
        with np.errstate(over="ignore"):
            if len(keys[1]):
                ends.append(np.flatnonzero(np.isin(ids, keys[1])))
            for n in (2, 3):
                if len(ids) >= n and len(keys[n]):
                    key = ids[: len(ids) - n + 1].copy()
                    same = np.ones(len(key), dtype=bool)
                    for k in range(1, n):
                        key = key * _BIGRAM + ids[k : len(ids) - n + 1 + k]
                        same &= sentence[k : len(ids) - n + 1 + k] == sentence[: len(ids) - n + 1]
                    ends.append(np.flatnonzero(np.isin(key, keys[n]) & same) + n - 1)
        if not ends:
            return ids, sentence
        at = np.unique(np.concatenate(ends)) + 1
        if len(at) == 0:
            return ids, sentence
        return np.insert(ids, at, _SKILL_MARK), np.insert(sentence, at, sentence[at - 1])
