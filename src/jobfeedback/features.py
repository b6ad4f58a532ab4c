"""Hashed word n-gram counts of parsed texts, per sentence and per text.

Tokens are spaCy's lowercase hashes (from :class:`jobfeedback.sentences.ParsedText`), so no
vocabulary is stored. Bigrams never cross a sentence boundary, so a text's counts are the
sum of its sentences' counts. After every known skill name a shared marker token is added,
so that "lacked X" generalises across every X; the skill names are read when the
featurizer is fitted and kept in it, so a fitted model does not depend on the lexicon
file it was trained with.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator

from .errors import Errors

_BIGRAM = np.uint64(0x9E3779B97F4A7C15)  # odd multiplier that mixes two token hashes into one
_SKILL_MARK = np.uint64(0x5EED5EED5EED5EED)  # the token id of the shared skill marker


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

    Attributes
    ----------
    skill_keys_ : dict
        Hash keys of the skill names, by number of tokens (set by :meth:`fit`).
    """

    def __init__(self, n_features=2**18, ngram_range=(1, 2), skills=None):
        self.n_features = n_features
        self.ngram_range = ngram_range
        self.skills = skills

    def fit(self, parsed=None, y=None):
        """Read the skill names into hash keys; the texts are not needed."""
        if self.ngram_range not in ((1, 1), (1, 2)):
            raise ValueError(Errors.E052.format(value=self.ngram_range))
        skills = self.skills
        if skills is None:
            from .lexicon import default_lexicon

            skills = default_lexicon().model_entries
        self.skill_keys_ = _lexicon_keys(skills)
        return self

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
