"""The model: themes found sentence by sentence and over the whole text, and the tone.

:class:`FeedbackModel` is a scikit-learn estimator. For each theme it learns two linear
models over hashed word n-grams (:class:`~jobfeedback.features.NgramCounter`):

- a **sentence model**, trained on sentences: the sentences a labeler marked as showing a
  theme (the rationale) are positives, every other sentence of the same texts (courtesy,
  boilerplate, other reasons) is a negative;
- a **text model**, trained on whole texts.

A text's confidence in a theme is a logistic regression over its best sentence's score and
the text's score (a *stack*), fitted on out-of-fold scores so it is calibrated; the decision
threshold of each theme is chosen on the same out-of-fold predictions. The evidence for a
theme is the sentences the sentence model scores highest. Tone is a second output: a
multinomial logistic regression over the whole text.

Every prediction goes through :meth:`FeedbackModel.predict_parsed`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.utils.validation import check_is_fitted

from .errors import Errors
from .features import NgramCounter
from .taxonomy import IMPROVEMENT_THEMES, KINDS, THEMES, TONES

MAX_EVIDENCE = 3
"""At most this many evidence sentences per theme."""

_LOGIT_CLIP = 12.0


@dataclass(frozen=True)
class ModelOutput:
    """What the model says about a batch of parsed texts.

    Attributes
    ----------
    theme_probs : numpy.ndarray
        (n_texts, 7) calibrated theme confidences, columns in :data:`THEMES` order.
    tone_probs : numpy.ndarray
        (n_texts, n_tones) tone probabilities, columns in ``FeedbackModel.tones_`` order.
    kind_probs : numpy.ndarray
        (n_texts, n_kinds) probabilities of the message kinds, columns in ``FeedbackModel.kinds_``
        order (no columns when the model has no kind output).
    sentence_scores : tuple of numpy.ndarray
        Per text, a (n_sentences, 7) array: each sentence's probability of showing each theme.
    polarity : numpy.ndarray
        (n_texts, 2) TextBlob polarity and subjectivity of each text with its typography
        folded (:func:`text_polarity`), which the tone model reads.
    """

    theme_probs: np.ndarray
    tone_probs: np.ndarray
    kind_probs: np.ndarray
    sentence_scores: tuple
    polarity: np.ndarray


CLEAR = 0.8
"""A theme at or above this confidence is "clear" (see :attr:`ThemeHit.strength`)."""

PRAISE = 0.4
"""A text praises the candidate when the tone model gives positive + mixed at least this much."""


@dataclass(frozen=True)
class Decision:
    """What the model decides about one text: the themes found and the tone.

    Attributes
    ----------
    themes : tuple of (str, float)
        The themes at or above their thresholds, with their confidences, most confident first.
    tone : str
        The tone, made to agree with the themes (see :meth:`FeedbackModel.decide`).
    tone_score : float
        The praise probability for positive and mixed; the tone model's probability of the
        label for neutral and negative; 0.0 for a text with nothing to read.
    """

    themes: tuple[tuple[str, float], ...]
    tone: str
    tone_score: float


def consistent(tone_probs: dict[str, float], found: list[tuple[str, float]]) -> tuple[str, float, list]:
    """The tone, how sure it is, and the themes, made to agree with the labeling rules.

    The labeling rules derive the tone from two questions: is the candidate praised, and is
    a shortcoming given (``datasets/LABELING.md``). The tone model answers the first (its
    positive + mixed probability, at least :data:`PRAISE`); the themes found answer the
    second. So praise with an improvement theme is mixed, praise with none (only other
    candidates or logistics) positive, and without praise the tone model chooses between
    neutral and negative. When the tone model's first choice is positive, an improvement
    theme found below :data:`CLEAR` is dropped (praise of a skill is not a gap in it).
    Chosen on the real-mix split and the real dev set, checked under group CV (README, Quality).

    Parameters
    ----------
    tone_probs : dict
        The tone model's probability of each tone (empty for a model fitted without tones).
    found : list of (str, float)
        The themes at or above their thresholds, most confident first.

    Returns
    -------
    (tone, score, found)
        ``score`` is the praise probability for positive and mixed, the tone model's
        probability of the label for neutral and negative.
    """
    if not tone_probs:  # a model fitted without tones
        return "neutral", 0.0, found
    praise = tone_probs.get("positive", 0.0) + tone_probs.get("mixed", 0.0)
    if max(tone_probs, key=tone_probs.__getitem__) == "positive":
        found = [(t, p) for t, p in found if t not in IMPROVEMENT_THEMES or p >= CLEAR]
    if praise >= PRAISE:
        shortcoming = any(t in IMPROVEMENT_THEMES for t, _ in found)
        return ("mixed" if shortcoming else "positive"), praise, found
    tone = "negative" if tone_probs.get("negative", 0.0) > tone_probs.get("neutral", 0.0) else "neutral"
    return tone, tone_probs.get(tone, 0.0), found


def as_parsed(X) -> list:
    """Return ``X`` as a list of :class:`~jobfeedback.sentences.ParsedText`.

    ``X`` is an iterable of raw texts (cleaned and parsed here, as the analyser does) or of
    texts already parsed. A bare ``str`` is refused, as scikit-learn's text vectorizers do.
    """
    from .sentences import ParsedText, parse_texts

    if isinstance(X, str):
        raise ValueError(Errors.E101)
    items = list(X)
    if all(isinstance(x, ParsedText) for x in items):
        return items
    if all(isinstance(x, str) for x in items):
        return parse_texts(items)
    raise TypeError(Errors.E102.format(types=sorted({type(x).__name__ for x in items})))


def text_polarity(parsed) -> np.ndarray:
    """(n_texts, 2) TextBlob polarity and subjectivity of parsed texts, as the tone model reads them.

    Read on the text before masking (:attr:`ParsedText.text`) with its typography folded, so a
    curly apostrophe does not change the tone (TextBlob reads "didn’t" and "didn't"
    differently). For a text whose typography needs no folding this is the value an
    analysis reports, so the analyser computes it once.
    """
    from .polarity import polarity_subjectivity
    from .typography import normalize_typography

    out = np.zeros((len(parsed), 2))
    for i, p in enumerate(parsed):
        out[i] = polarity_subjectivity(normalize_typography(p.text)[0])
    return out


def _logit(p: np.ndarray) -> np.ndarray:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return np.log(p / (1 - p))


def _sentence_targets(parsed, Y, rationales, sentence_doc):
    """Sentence labels and weights per theme, from the texts' labels and rationale spans.

    A sentence overlapping a rationale span of a theme is a positive for it; the other
    sentences of a text are negatives. A labeled theme without a rationale marks a text of
    one sentence positive and leaves the sentences of longer texts out (weight 0).
    """
    n_sent = len(sentence_doc)
    Ys = np.zeros((n_sent, len(THEMES)), dtype=np.int8)
    Ws = np.ones((n_sent, len(THEMES)))
    row = 0
    for i, p in enumerate(parsed):
        segs = p.segments
        spans = (rationales[i] if rationales is not None else None) or {}
        for j, theme in enumerate(THEMES):
            if not Y[i, j]:
                continue
            theme_spans = spans.get(theme) or ()
            if theme_spans:
                for k, seg in enumerate(segs):
                    if any(seg.start < e and s < seg.end for s, e in theme_spans):
                        Ys[row + k, j] = 1
            elif len(segs) == 1:
                Ys[row, j] = 1
            else:
                Ws[row : row + len(segs), j] = 0.0
        row += len(segs)
    return Ys, Ws


def _praise_targets(parsed, tones, sentence_doc, counter) -> tuple[np.ndarray, np.ndarray]:
    """Sentence labels and weights for the sentence praise model, from the texts' tones.

    No sentence of a neutral or negative text praises the candidate (negatives). A text
    labeled positive or mixed praises them somewhere: its sentences (or clauses) of pure
    praise (:meth:`~jobfeedback.features.NgramCounter._any_praise`) are positives, and so is
    the only sentence of a one-sentence text; its other sentences are left out (weight 0),
    as nothing says which of them is the praise.
    """
    cue = counter._any_praise(parsed)
    praised_text = np.isin(np.asarray(tones, dtype=object), ["positive", "mixed"])[sentence_doc]
    n_segments = np.array([len(p.segments) for p in parsed])[sentence_doc]
    positive = praised_text & (cue | (n_segments == 1))
    weight = np.where(praised_text & ~positive, 0.0, 1.0)
    return positive.astype(np.int8)[:, None], weight[:, None]


class FeedbackModel(BaseEstimator):
    """Multi-label theme classifier (sentence and text level) and tone classifier.

    Parameters
    ----------
    n_features : int
        Hash buckets of the n-gram features.
    ngram_range : tuple of int
        ``(1, 1)`` or ``(1, 2)``.
    skills : tuple of str or None
        Skill names marked in the features (see :class:`~jobfeedback.features.NgramCounter`).
    sentence_C : float
        Inverse regularisation of the per-theme sentence models.
    text_C : float
        Inverse regularisation of the per-theme text models.
    tone_C : float
        Inverse regularisation of the tone model.
    praise_marks : bool
        Count the words of sentences of pure praise a second time, as praised words
        (:class:`~jobfeedback.features.NgramCounter`), so praise of a skill is not read as a
        gap in it. Chosen under group CV, on the real dev set and the behavioural checks.
    ruled_out_marks : bool
        Count the words of sentences that rule a reason out ("it was nothing to do with your
        experience") a second time, as ruled-out words, so the reason is not found.
    clause_praise : bool
        With praise marks, read a sentence that a contrast word splits ("Your SQL was great,
        but your Python was weak.") clause by clause, so the praised clause is marked too.
    sentence_praise : float
        Weight of one more input of the tone model: the score of the text's most praising
        sentence, from a sentence model trained on the tones (:func:`_praise_targets`), so
        praise is read where it is said, not from words that often come with it (a shift
        pattern is not praise because praise and logistics often share a letter); 0 (the
        default) leaves it out. Measured at 1.0: group-CV tone +0.007 and real-dev tone
        +0.04, but tone on the real-mix split -0.05 (courtesy read as praise), so it is off.
    tone_polarity : float
        Weight of two more inputs of the tone model, the text's TextBlob polarity and
        subjectivity (:func:`text_polarity`); 0 leaves them out. Chosen on the real-mix split,
        the real dev set and the behavioural checks (README, Quality).
    cv : int
        Folds for the out-of-fold scores the stack and thresholds are fitted on.
    levels : str
        What the stack reads: ``"both"`` (best sentence and whole text), ``"sentence"``
        or ``"text"`` (the whole-text model alone, as in jobfeedback 0.1).
    random_state : int
        Seed of the fold assignment when no groups are given.
    n_jobs : int
        Threads used to fit the per-theme regressions.

    Attributes
    ----------
    counter_ : NgramCounter
    sentence_idf_, text_idf_ : TfidfTransformer
    sentence_coef_, text_coef_ : scipy.sparse.csr_matrix
        (n_features, 7) weights of the linear sentence and text models (float32).
    sentence_intercept_, text_intercept_ : numpy.ndarray
    stack_coef_ : numpy.ndarray
        (7, 2) weights of the best-sentence and text scores in each theme's stack.
    stack_intercept_ : numpy.ndarray
    thresholds_ : numpy.ndarray
        Decision threshold of each theme, on the calibrated confidence.
    tone_ : LogisticRegression
    tones_ : tuple of str
    kind_ : LogisticRegression or None
    kinds_ : tuple of str
    """

    def __init__(
        self,
        n_features=2**18,
        ngram_range=(1, 2),
        skills=None,
        sentence_C=10.0,
        text_C=10.0,
        tone_C=30.0,
        tone_polarity=3.0,
        praise_marks=True,
        ruled_out_marks=True,
        clause_praise=True,
        sentence_praise=0.0,
        cv=5,
        levels="both",
        random_state=0,
        n_jobs=2,
    ):
        self.n_features = n_features
        self.ngram_range = ngram_range
        self.skills = skills
        self.sentence_C = sentence_C
        self.text_C = text_C
        self.tone_C = tone_C
        self.tone_polarity = tone_polarity
        self.praise_marks = praise_marks
        self.ruled_out_marks = ruled_out_marks
        self.clause_praise = clause_praise
        self.sentence_praise = sentence_praise
        self.cv = cv
        self.levels = levels
        self.random_state = random_state
        self.n_jobs = n_jobs

    # ------------------------------------------------------------------ fitting
    def fit(self, X, Y, tones=None, rationales=None, groups=None, kinds=None):
        """Fit the theme and tone models.

        Parameters
        ----------
        X : iterable of str or ParsedText
            Texts (not a bare ``str``).
        Y : array-like of shape (n_texts, 7)
            0/1 theme labels, columns in :data:`THEMES` order.
        tones : sequence of str, optional
            Tone labels; without them the model has no tone output.
        rationales : sequence of dict, optional
            Per text, ``{theme: [(start, end), ...]}`` character spans (in the original
            text) of the sentences that show each labeled theme.
        groups : sequence, optional
            Group of each text (its writing pass) for the out-of-fold scores: texts of one
            group are never scored by a model that saw their group.
        kinds : sequence of str, optional
            What each message is (:data:`jobfeedback.taxonomy.KINDS`); without them the
            model has no kind output.

        Returns
        -------
        self
        """
        from sklearn.feature_extraction.text import TfidfTransformer
        from sklearn.linear_model import LogisticRegression

        if self.levels not in ("both", "sentence", "text"):
            raise ValueError(Errors.E106.format(levels=self.levels))
        parsed = as_parsed(X)
        Y = np.asarray(Y, dtype=int)
        if Y.shape != (len(parsed), len(THEMES)):
            raise ValueError(Errors.E103.format(shape=Y.shape, n=len(parsed), k=len(THEMES)))
        tones = _checked_labels(tones, len(parsed), TONES, "tone")
        kinds = _checked_labels(kinds, len(parsed), KINDS, "kind")
        if rationales is not None and len(rationales) != len(parsed):
            raise ValueError(Errors.E104.format(n_tones=len(rationales), n=len(parsed)))

        self.counter_ = NgramCounter(
            self.n_features,
            self.ngram_range,
            self.skills,
            self.praise_marks,
            self.ruled_out_marks,
            getattr(self, "clause_praise", False),
        ).fit()
        S, sentence_doc = self.counter_.sentence_counts(parsed)
        D = self.counter_.doc_counts(S, sentence_doc, len(parsed))
        self.sentence_idf_ = TfidfTransformer(sublinear_tf=True).fit(S)
        self.text_idf_ = TfidfTransformer(sublinear_tf=True).fit(D)
        Xs, Xt = self.sentence_idf_.transform(S), self.text_idf_.transform(D)
        Ys, Ws = _sentence_targets(parsed, Y, rationales, sentence_doc)

        # Out-of-fold scores of both levels, for the stack and the thresholds (and of the
        # sentence praise model, for the tone model).
        folds = self._folds(len(parsed), groups)
        oof_sentence = np.zeros((len(parsed), len(THEMES)))
        oof_text = np.zeros((len(parsed), len(THEMES)))
        praise = tones is not None and bool(getattr(self, "sentence_praise", 0.0))
        if praise:
            Yp, Wp = _praise_targets(parsed, tones, sentence_doc, self.counter_)
        oof_praise = np.full(len(parsed), -_LOGIT_CLIP)
        for train_docs, test_docs in folds:
            in_train = np.isin(sentence_doc, train_docs)
            in_test = np.isin(sentence_doc, test_docs)
            if praise:
                p_coef, p_int = self._fit_linear(Xs[in_train], Yp[in_train], Wp[in_train], self.sentence_C)
                oof_praise[test_docs] = self._best_sentence(
                    _dense(Xs[in_test] @ p_coef) + p_int, sentence_doc[in_test], test_docs, len(parsed)
                )[test_docs, 0]
            s_coef, s_int = self._fit_linear(Xs[in_train], Ys[in_train], Ws[in_train], self.sentence_C)
            t_coef, t_int = self._fit_linear(Xt[train_docs], Y[train_docs], None, self.text_C)
            oof_sentence[test_docs] = self._best_sentence(
                _dense(Xs[in_test] @ s_coef) + s_int, sentence_doc[in_test], test_docs, len(parsed)
            )[test_docs]
            oof_text[test_docs] = _dense(Xt[test_docs] @ t_coef) + t_int
        self.sentence_coef_, self.sentence_intercept_ = self._fit_linear(Xs, Ys, Ws, self.sentence_C)
        self.text_coef_, self.text_intercept_ = self._fit_linear(Xt, Y, None, self.text_C)

        self.stack_coef_ = np.zeros((len(THEMES), 2))
        self.stack_intercept_ = np.zeros(len(THEMES))
        oof_probs = np.zeros_like(oof_text)
        for j in range(len(THEMES)):
            Z = self._stack_inputs(oof_sentence[:, j], oof_text[:, j])
            stack = LogisticRegression(C=1.0).fit(Z, Y[:, j])
            self.stack_coef_[j] = stack.coef_.ravel()
            self.stack_intercept_[j] = stack.intercept_[0]
            oof_probs[:, j] = stack.predict_proba(Z)[:, 1]
        self.thresholds_ = np.array([_best_threshold(Y[:, j], oof_probs[:, j]) for j in range(len(THEMES))])
        self.praise_coef_ = self.praise_intercept_ = None
        if praise:
            self.praise_coef_, self.praise_intercept_ = self._fit_linear(Xs, Yp, Wp, self.sentence_C)
        self.tone_, self.tones_ = _fit_text_labels(
            self._tone_inputs(Xt, text_polarity(parsed), oof_praise), tones, self.tone_C
        )
        self.kind_, self.kinds_ = _fit_text_labels(Xt, kinds, self.tone_C)
        return self

    def _tone_inputs(self, Xt, polarity, praise_logit):
        """The tone model's inputs: the text features, polarity and subjectivity when used,
        and the clipped score of the most praising sentence when used (scaled to [-1, 1])."""
        import scipy.sparse as sp

        blocks = [Xt]
        if self.tone_polarity:
            blocks.append(sp.csr_matrix(polarity * self.tone_polarity))
        if getattr(self, "praise_coef_", None) is not None:
            scaled = np.clip(praise_logit, -_LOGIT_CLIP, _LOGIT_CLIP) / _LOGIT_CLIP * self.sentence_praise
            blocks.append(sp.csr_matrix(scaled[:, None]))
        return blocks[0] if len(blocks) == 1 else sp.hstack(blocks, format="csr")

    def _folds(self, n: int, groups):
        from sklearn.model_selection import GroupKFold, KFold

        if groups is not None and len(set(groups)) >= self.cv:
            splitter = GroupKFold(self.cv)
            return list(splitter.split(np.zeros(n), groups=np.asarray(groups)))
        splitter = KFold(min(self.cv, max(2, n // 2)), shuffle=True, random_state=self.random_state)
        return list(splitter.split(np.zeros(n)))

    def _fit_linear(self, X, Y, W, C):
        """Fit one binary logistic regression per theme; return (coef (F, 7), intercept (7,)).

        The regressions are fitted on the columns that occur in ``X`` only (hashing leaves
        most buckets empty), in ``n_jobs`` threads.
        """
        from joblib import Parallel, delayed

        cols = np.unique(X.indices)
        Xc = X[:, cols].tocsr()
        fitted = Parallel(n_jobs=self.n_jobs, prefer="threads")(
            delayed(_fit_binary)(Xc, Y[:, j], None if W is None else W[:, j], C) for j in range(Y.shape[1])
        )
        import scipy.sparse as sp

        coef = np.zeros((len(cols), Y.shape[1]), dtype=np.float32)
        intercept = np.zeros(Y.shape[1])
        for j, (w, b) in enumerate(fitted):
            coef[:, j] = w
            intercept[j] = b
        # Stored sparse, in float32: only the buckets seen in training have weights.
        rows = np.repeat(cols, Y.shape[1])
        full = sp.csr_matrix(
            (coef.ravel(), (rows, np.tile(np.arange(Y.shape[1]), len(cols)))), shape=(X.shape[1], Y.shape[1])
        )
        full.eliminate_zeros()
        return full, intercept

    @staticmethod
    def _best_sentence(sentence_logits, sentence_doc, docs, n_docs):
        """The highest sentence logit of each text (texts without sentences get the floor)."""
        best = np.full((n_docs, sentence_logits.shape[1]), -_LOGIT_CLIP)
        if len(sentence_doc):
            order = np.argsort(sentence_doc, kind="stable")
            sd = sentence_doc[order]
            uniq, first = np.unique(sd, return_index=True)
            best[uniq] = np.maximum.reduceat(sentence_logits[order], first, axis=0)
        return np.clip(best, -_LOGIT_CLIP, _LOGIT_CLIP)

    def _stack_inputs(self, sentence_logit, text_logit):
        """The stack's inputs: clipped logits of the best sentence and of the text (zeroed if unused)."""
        use_sentence = self.levels in ("both", "sentence")
        use_text = self.levels in ("both", "text")
        return np.column_stack(
            [
                np.clip(sentence_logit, -_LOGIT_CLIP, _LOGIT_CLIP) * use_sentence,
                np.clip(text_logit, -_LOGIT_CLIP, _LOGIT_CLIP) * use_text,
            ]
        )

    # --------------------------------------------------------------- prediction
    def predict_parsed(self, parsed) -> ModelOutput:
        """Score parsed texts: the one prediction path of the library.

        Parameters
        ----------
        parsed : list of ParsedText

        Returns
        -------
        ModelOutput
        """
        from scipy.special import expit

        check_is_fitted(self, "stack_coef_")
        n = len(parsed)
        S, sentence_doc = self.counter_.sentence_counts(parsed)
        D = self.counter_.doc_counts(S, sentence_doc, n)
        Xs = self.sentence_idf_.transform(S) if S.shape[0] else S
        Xt = self.text_idf_.transform(D) if n else D
        sentence_logits = _dense(Xs @ self.sentence_coef_) + self.sentence_intercept_
        text_logits = _dense(Xt @ self.text_coef_) + self.text_intercept_
        best = self._best_sentence(sentence_logits, sentence_doc, None, n)
        z = np.zeros((n, len(THEMES)))
        for j in range(len(THEMES)):
            inputs = self._stack_inputs(best[:, j], text_logits[:, j])
            # Elementwise, not a BLAS product: a text's score must not depend on its batch.
            z[:, j] = (
                inputs[:, 0] * self.stack_coef_[j, 0] + inputs[:, 1] * self.stack_coef_[j, 1] + self.stack_intercept_[j]
            )
        theme_probs = expit(z)
        polarity = text_polarity(parsed)
        praise_logit = None
        if getattr(self, "praise_coef_", None) is not None:
            praise_logit = self._best_sentence(
                _dense(Xs @ self.praise_coef_) + self.praise_intercept_, sentence_doc, None, n
            )[:, 0]
        tone_probs = (
            self.tone_.predict_proba(self._tone_inputs(Xt, polarity, praise_logit))
            if self.tone_ is not None and n
            else np.zeros((n, len(self.tones_)))
        )
        kind_probs = self.kind_.predict_proba(Xt) if self.kind_ is not None and n else np.zeros((n, len(self.kinds_)))
        sentence_probs = expit(sentence_logits)
        bounds = np.cumsum([0] + [len(p.segments) for p in parsed])
        per_text = tuple(sentence_probs[bounds[i] : bounds[i + 1]] for i in range(n))
        return ModelOutput(theme_probs, tone_probs, kind_probs, per_text, polarity)

    def decide(self, output: ModelOutput, parsed) -> list[Decision]:
        """Turn the model's scores into decisions: the one place themes and tone are decided.

        A theme is found when its confidence is at or above its threshold; the tone is then
        made to agree with the themes found (:func:`consistent`). A text with no sentence
        left after cleaning has no themes and a neutral tone.

        Parameters
        ----------
        output : ModelOutput
            :meth:`predict_parsed` of ``parsed``.
        parsed : list of ParsedText

        Returns
        -------
        list of Decision
        """
        decisions = []
        for k, p in enumerate(parsed):
            if not p.segments:
                decisions.append(Decision((), "neutral", 0.0))
                continue
            found = [
                (t, float(q))
                for t, q, th in zip(THEMES, output.theme_probs[k], self.thresholds_, strict=True)
                if q >= th
            ]
            found.sort(key=lambda tq: -tq[1])
            probs = dict(zip(self.tones_, output.tone_probs[k].tolist(), strict=True)) if self.tone_ is not None else {}
            tone, score, found = consistent(probs, found)
            decisions.append(Decision(tuple(found), tone, float(score)))
        return decisions

    def _decisions(self, X) -> list[Decision]:
        parsed = as_parsed(X)
        return self.decide(self.predict_parsed(parsed), parsed)

    def predict_proba(self, X) -> np.ndarray:
        """Return the (n_texts, 7) calibrated theme confidences of the texts ``X``."""
        return self.predict_parsed(as_parsed(X)).theme_probs

    def predict(self, X) -> np.ndarray:
        """Return the (n_texts, 7) 0/1 theme decisions, as an :class:`~jobfeedback.Analyzer` reports them.

        A theme is decided by :meth:`decide`: its confidence is at or above its threshold,
        and it is not a weak improvement theme in a text the tone model reads as praise.
        """
        decisions = self._decisions(X)
        out = np.zeros((len(decisions), len(THEMES)), dtype=int)
        for k, d in enumerate(decisions):
            for t, _ in d.themes:
                out[k, THEMES.index(t)] = 1
        return out

    def predict_tone(self, X) -> list[str]:
        """Return the tone of each text, as an :class:`~jobfeedback.Analyzer` reports it (see :meth:`decide`)."""
        return [d.tone for d in self._decisions(X)]

    def explain(self, X) -> list[np.ndarray]:
        """Return, per text, a (n_sentences, 7) array: how strongly each sentence shows each theme.

        Sentences follow :attr:`ParsedText.segments`; the values are the sentence model's
        probabilities. :func:`rank_evidence` turns one column into evidence sentences.
        """
        return list(self.predict_parsed(as_parsed(X)).sentence_scores)


def _checked_labels(values, n: int, known: tuple[str, ...], what: str):
    """``values`` as an object array after checking its length and labels (None stays None)."""
    if values is None:
        return None
    values = np.asarray(list(values), dtype=object)
    if len(values) != n:
        raise ValueError(Errors.E104.format(n_tones=len(values), n=n))
    unknown = set(values) - set(known)
    if unknown:
        raise ValueError(Errors.E105.format(what=what, unknown=sorted(unknown), known=", ".join(known)))
    return values


def _fit_text_labels(X, labels, C: float):
    """A multinomial logistic regression of ``labels`` on text features, and its classes (None, ())."""
    from sklearn.linear_model import LogisticRegression

    if labels is None:
        return None, ()
    clf = LogisticRegression(C=C, class_weight="balanced", max_iter=3000).fit(X, labels)
    clf.sparsify()  # stored sparse: only the buckets seen in training have weights
    return clf, tuple(str(c) for c in clf.classes_)


def _dense(m) -> np.ndarray:
    """A (sparse) product as a float64 array."""
    return np.asarray(m.todense() if hasattr(m, "todense") else m, dtype=np.float64)


def _fit_binary(X, y, weight, C):
    """Fit one balanced logistic regression on the rows with positive weight; return (coef, intercept)."""
    from sklearn.linear_model import LogisticRegression

    keep = slice(None) if weight is None else weight > 0
    y = y[keep]
    if y.min(initial=1) == y.max(initial=0):  # one class only: a constant score
        return np.zeros(X.shape[1]), (-_LOGIT_CLIP if y.max(initial=0) == 0 else _LOGIT_CLIP)
    clf = LogisticRegression(C=C, class_weight="balanced", solver="liblinear", max_iter=3000)
    clf.fit(X[keep], y)
    return clf.coef_.ravel(), float(clf.intercept_[0])


def rank_evidence(column: np.ndarray, max_n: int = MAX_EVIDENCE) -> list[int]:
    """Indices of the sentences to quote as evidence for one theme, strongest first.

    The best sentence always; others while they score at least half of the best and over 0.5.
    """
    if len(column) == 0:
        return []
    ranked = np.argsort(-column, kind="stable")
    best = column[ranked[0]]
    chosen = [int(ranked[0])]
    for j in ranked[1:max_n]:
        if column[j] >= 0.5 * best and column[j] >= 0.5:
            chosen.append(int(j))
    return chosen


def _best_threshold(y: np.ndarray, p: np.ndarray) -> float:
    """The threshold in [0.2, 0.8] maximising F1; ties go to the one nearest 0.5."""
    from sklearn.metrics import f1_score

    grid = np.round(np.arange(0.20, 0.801, 0.025), 3)
    scores = [f1_score(y, p >= g, zero_division=0) for g in grid]
    best = max(scores)
    return float(min((g for g, s in zip(grid, scores, strict=True) if s >= best - 1e-9), key=lambda g: abs(g - 0.5)))
