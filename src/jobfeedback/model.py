"""The trained model: features, the theme and tone classifiers, and safe saving and loading.

A model is a directory holding ``model.joblib`` (the fitted :class:`FeedbackModel`),
``meta.json`` (labels, thresholds, library versions, training-data hash, metrics and
the sha256 of ``model.joblib``) and ``MODEL_CARD.md``.

Loading a joblib file runs code from it, so :func:`load_model` checks the file's
sha256 against ``meta.json`` before unpickling, and refuses a directory outside the
installed package unless the caller says it is trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import warnings
from functools import cache
from pathlib import Path

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import Pipeline
from sklearn.utils.validation import check_is_fitted

from .errors import ModelLoadError
from .taxonomy import THEMES, TONES

MODEL_FILE = "model.joblib"
META_FILE = "meta.json"
FORMAT_VERSION = 1
_BIGRAM = np.uint64(0x9E3779B97F4A7C15)  # odd multiplier that mixes two token hashes into one


@cache
def _skill_keys():
    """Token-hash keys of the skills in ``data/skills.txt`` (1-, 2- and 3-token entries)."""
    from ._resources import load_lines
    from .mentions import _CASE_SENSITIVE
    from .sentences import _nlp

    keys = {1: set(), 2: set(), 3: set()}
    with np.errstate(over="ignore"):
        for skill in load_lines("skills.txt"):
            if skill.lower() in _CASE_SENSITIVE:
                continue  # "Go", "R", "Word": too ambiguous in lowercase
            ids = [np.uint64(t.lower) for t in _nlp()[0].make_doc(skill) if not t.is_space]
            if 1 <= len(ids) <= 3:
                key = ids[0]
                for nxt in ids[1:]:
                    key = key * _BIGRAM + nxt
                keys[len(ids)].add(int(key))
    return {n: np.array(sorted(v), dtype=np.uint64) for n, v in keys.items()}


_SKILL_MARK = np.uint64(0x5EED5EED5EED5EED)  # the token id of the shared skill marker


def _with_skill_marks(ids: np.ndarray, sentence: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Insert the shared skill-marker token after every skill mention (within a sentence)."""
    keys = _skill_keys()
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


class FeedbackVectorizer(TransformerMixin, BaseEstimator):
    """Hashed word unigrams and bigrams within sentences, TF-IDF weighted and L2-normalised.

    Texts are cleaned and tokenized as the analyser does (:func:`jobfeedback.sentences.parse_texts`);
    tokens are spaCy's lowercase hashes, so no vocabulary is stored and loading is fast.
    Bigrams never cross a sentence boundary, so a text's counts are the sum of its
    sentences' counts; the analyser relies on this to find evidence sentences.

    Parameters
    ----------
    n_features : int
        Number of hash buckets.
    ngram_range : tuple of int
        ``(1, 1)`` or ``(1, 2)``: unigrams, or unigrams and bigrams.
    sublinear_tf : bool
        Use ``1 + log(tf)`` instead of raw counts.
    mark_skills : bool
        Add a shared marker token after every skill of ``data/skills.txt``, so that
        "lacked X" generalises across every X.
    """

    def __init__(self, n_features=2**18, ngram_range=(1, 2), sublinear_tf=True, mark_skills=True):
        self.n_features = n_features
        self.ngram_range = ngram_range
        self.sublinear_tf = sublinear_tf
        self.mark_skills = mark_skills

    def sentence_counts(self, parsed):
        """Return ``(counts, sentence_doc)``: one row of hashed n-gram counts per sentence of
        every parsed text, and the index of the text each row belongs to."""
        import scipy.sparse as sp

        n_sentences = [len(p.segments) for p in parsed]
        offsets = np.concatenate(([0], np.cumsum(n_sentences)[:-1])).astype(np.int64) if parsed else np.zeros(0, np.int64)
        sentence_doc = np.repeat(np.arange(len(parsed)), n_sentences)
        ids = np.concatenate([p.token_ids for p in parsed]) if parsed else np.zeros(0, np.uint64)
        # One global sentence index per token, so the whole batch is processed at once.
        sent = np.concatenate([p.token_sentence + off for p, off in zip(parsed, offsets)]) if parsed else np.zeros(0, np.int64)
        if self.mark_skills and len(ids):
            ids, sent = _with_skill_marks(ids, sent)
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

        members = sp.csr_matrix(
            (np.ones(len(sentence_doc)), (sentence_doc, np.arange(len(sentence_doc)))), shape=(n_docs, len(sentence_doc))
        )
        return (members @ sentence_counts).tocsr()

    def counts(self, X):
        """Return the raw hashed n-gram counts of the texts ``X`` (one row per text)."""
        from .sentences import parse_texts

        parsed = parse_texts(list(X))
        return self.doc_counts(*self.sentence_counts(parsed), len(parsed))

    def fit(self, X, y=None):
        """Learn IDF weights from the texts ``X``."""
        from sklearn.feature_extraction.text import TfidfTransformer

        self.tfidf_ = TfidfTransformer(sublinear_tf=self.sublinear_tf).fit(self.counts(X))
        return self

    def weigh(self, counts):
        """TF-IDF weight and L2-normalise a count matrix."""
        check_is_fitted(self, "tfidf_")
        return self.tfidf_.transform(counts)

    def transform(self, X):
        """Return the TF-IDF matrix of the texts ``X`` (one row per text)."""
        return self.weigh(self.counts(X))


def _theme_classifier(C: float, calibration_cv: int):
    base = LogisticRegression(C=C, class_weight="balanced", max_iter=3000, solver="liblinear")
    return OneVsRestClassifier(CalibratedClassifierCV(base, method="sigmoid", cv=calibration_cv, ensemble=False))


def _tone_classifier(C: float):
    return LogisticRegression(C=C, class_weight="balanced", max_iter=3000)


class FeedbackModel(BaseEstimator):
    """Multi-label theme classifier and tone classifier over shared text features.

    Parameters
    ----------
    n_features : int
        Hash buckets of the features (see :class:`FeedbackVectorizer`).
    ngram_range : tuple of int
        N-gram range of the features.
    mark_skills : bool
        See :class:`FeedbackVectorizer`.
    theme_C : float
        Inverse regularisation strength of the per-theme logistic regressions.
    tone_C : float
        Inverse regularisation strength of the tone logistic regression.
    calibration_cv : int
        Folds of the sigmoid (Platt) calibration of theme confidences.
    sentence_weight : float
        A theme's confidence is ``(1 - w) * p(text) + w * max p(sentence)``: a reason
        stated in one sentence still counts when the rest of a long form letter is
        courtesy. 0 uses the whole text only.
    """

    def __init__(
        self,
        n_features=2**18,
        ngram_range=(1, 2),
        mark_skills=True,
        theme_C=100.0,
        tone_C=30.0,
        calibration_cv=5,
        sentence_weight=0.3,
    ):
        self.n_features = n_features
        self.ngram_range = ngram_range
        self.mark_skills = mark_skills
        self.theme_C = theme_C
        self.tone_C = tone_C
        self.calibration_cv = calibration_cv
        self.sentence_weight = sentence_weight

    def fit(self, texts, themes, tones, thresholds=None):
        """Fit on ``texts`` with theme lists ``themes`` and tone labels ``tones``.

        Parameters
        ----------
        texts : list of str
        themes : list of list of str
            The themes of each text (ids from :data:`jobfeedback.THEMES`).
        tones : list of str
            The tone of each text (one of ``positive``, ``neutral``, ``negative``, ``mixed``).
        thresholds : dict, optional
            Decision threshold per theme; 0.5 for themes not given.
        """
        texts = list(texts)
        if not (len(texts) == len(themes) == len(tones)):
            raise ValueError("texts, themes and tones must have the same length")
        bad = {t for ts in themes for t in ts} - set(THEMES)
        if bad:
            raise ValueError(f"Unknown theme(s) {sorted(bad)}; known themes: {', '.join(THEMES)}")
        bad_tones = set(tones) - set(TONES)
        if bad_tones:
            raise ValueError(f"Unknown tone(s) {sorted(bad_tones)}; known tones: {', '.join(TONES)}")
        Y = np.array([[t in ts for t in THEMES] for ts in themes], dtype=int)
        features = FeedbackVectorizer(self.n_features, self.ngram_range, mark_skills=self.mark_skills)
        X = features.fit_transform(texts)
        theme_clf = _theme_classifier(self.theme_C, self.calibration_cv).fit(X, Y)
        tone_clf = _tone_classifier(self.tone_C).fit(X, np.asarray(tones))
        self.themes_pipeline_ = Pipeline([("features", features), ("classifier", theme_clf)])
        self.tone_pipeline_ = Pipeline([("features", features), ("classifier", tone_clf)])
        self.thresholds_ = np.array([float((thresholds or {}).get(t, 0.5)) for t in THEMES])
        self.tones_ = tuple(str(c) for c in tone_clf.classes_)
        return self

    @property
    def features(self) -> FeedbackVectorizer:
        """The fitted feature step shared by both pipelines."""
        check_is_fitted(self, "themes_pipeline_")
        return self.themes_pipeline_.named_steps["features"]

    def predict_scores(self, texts):
        """Return ``(theme_probs, tone_probs)`` for ``texts``: arrays of shape (n, 7) and (n, 4).

        Theme columns follow :data:`jobfeedback.THEMES`; tone columns follow ``self.tones_``.
        """
        from .sentences import parse_texts

        parsed = parse_texts(list(texts))
        if not parsed:
            return np.zeros((0, len(THEMES))), np.zeros((0, len(self.tones_)))
        sentence_counts, sentence_doc = self.features.sentence_counts(parsed)
        doc_counts = self.features.doc_counts(sentence_counts, sentence_doc, len(parsed))
        theme_probs, tone_probs, _ = self.predict_counts(sentence_counts, sentence_doc, doc_counts)
        return theme_probs, tone_probs

    def predict_counts(self, sentence_counts, sentence_doc, doc_counts):
        """Return ``(theme_probs, tone_probs, X)`` from sentence and text counts (see ``FeedbackVectorizer``).

        ``X`` is the TF-IDF matrix of the texts, for callers that need it again.
        """
        features = self.features
        X = features.weigh(doc_counts)
        theme_probs = self.theme_probs(X)
        weight = getattr(self, "sentence_weight", 0.0)
        if weight and sentence_counts.shape[0]:
            sentence_probs = self.theme_probs(features.weigh(sentence_counts))
            best = np.zeros_like(theme_probs)
            docs, first = np.unique(sentence_doc, return_index=True)
            best[docs] = np.maximum.reduceat(sentence_probs, first, axis=0)
            theme_probs = (1 - weight) * theme_probs + weight * best
        return theme_probs, self.tone_pipeline_.named_steps["classifier"].predict_proba(X), X

    def theme_probs(self, X):
        """Return calibrated theme probabilities for a feature matrix ``X``.

        The same numbers as the theme pipeline's ``predict_proba`` (each theme's logistic
        regression, then its sigmoid calibration), computed for all themes in one sparse
        product instead of one per theme.
        """
        from scipy.special import expit

        weights, intercept, a, b = self._theme_linear()
        decision = np.asarray(X @ weights) + intercept
        return expit(-(a * decision + b))

    def _theme_linear(self):
        cached = self.__dict__.get("_theme_linear_cache")
        if cached is None:
            ovr = self.themes_pipeline_.named_steps["classifier"]
            calibrated = [est.calibrated_classifiers_[0] for est in ovr.estimators_]
            if any(len(c.calibrators) != 1 or not hasattr(c.calibrators[0], "a_") for c in calibrated):
                raise ValueError("theme classifiers must be binary, sigmoid-calibrated linear models")
            weights = np.column_stack([c.estimator.coef_.ravel() for c in calibrated])
            intercept = np.array([c.estimator.intercept_[0] for c in calibrated])
            a = np.array([c.calibrators[0].a_ for c in calibrated])
            b = np.array([c.calibrators[0].b_ for c in calibrated])
            cached = (weights, intercept, a, b)
            self.__dict__["_theme_linear_cache"] = cached
        return cached

    def theme_weights(self):
        """Return the dense (n_features, 7) weights of the linear theme models, before calibration.

        Calibration is monotonic per theme, so these weights tell which words of a text
        pushed a theme's confidence up; the analyser uses them to pick evidence sentences.
        """
        return self._theme_linear()[0]

    def __getstate__(self):
        state = self.__dict__.copy()
        state.pop("_theme_linear_cache", None)
        return state

    def predict_themes(self, texts):
        """Return, for each text, the list of themes whose probability passes its threshold."""
        probs, _ = self.predict_scores(texts)
        return [[t for t, p, th in zip(THEMES, row, self.thresholds_) if p >= th] for row in probs]

    def predict_tone(self, texts):
        """Return the most probable tone of each text."""
        _, probs = self.predict_scores(texts)
        return [self.tones_[i] for i in probs.argmax(axis=1)]


def file_sha256(path: str | os.PathLike) -> str:
    """Return the hex sha256 of the file at ``path``."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def library_versions() -> dict:
    """Versions of the libraries a saved model depends on."""
    import platform

    import joblib
    import scipy
    import sklearn

    from . import __version__

    return {
        "python": platform.python_version(),
        "jobfeedback": __version__,
        "scikit-learn": sklearn.__version__,
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "joblib": joblib.__version__,
    }


def save_model(model: FeedbackModel, path: str | os.PathLike, meta: dict | None = None) -> Path:
    """Save ``model`` to the directory ``path`` with its ``meta.json``; return the directory."""
    import joblib

    check_is_fitted(model, "themes_pipeline_")
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    model_file = path / MODEL_FILE
    joblib.dump(model, model_file, compress=3)
    full_meta = {
        "format_version": FORMAT_VERSION,
        "themes": list(THEMES),
        "tones": list(model.tones_),
        "thresholds": {t: float(v) for t, v in zip(THEMES, model.thresholds_)},
        "params": {k: (list(v) if isinstance(v, tuple) else v) for k, v in model.get_params().items()},
        "versions": library_versions(),
        **(meta or {}),
        "model_sha256": file_sha256(model_file),
    }
    (path / META_FILE).write_text(json.dumps(full_meta, indent=2, sort_keys=True) + "\n", "utf-8")
    return path


def _major_minor(version: str) -> tuple[int, ...]:
    parts = []
    for piece in version.split(".")[:2]:
        digits = "".join(c for c in piece if c.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def read_meta(path: str | os.PathLike) -> dict:
    """Read and check the ``meta.json`` of the model directory ``path``."""
    path = Path(path)
    meta_file = path / META_FILE
    if not path.is_dir():
        raise ModelLoadError(f"E001 Model directory {str(path)!r} does not exist or is not a directory.")
    if not meta_file.is_file() or not (path / MODEL_FILE).is_file():
        raise ModelLoadError(
            f"E002 {str(path)!r} is not a jobfeedback model: it needs {MODEL_FILE} and {META_FILE}. "
            "Train one with `jobfeedback train --output DIR`."
        )
    try:
        meta = json.loads(meta_file.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelLoadError(f"E003 {str(meta_file)!r} is not valid JSON: {exc}") from None
    if not isinstance(meta, dict) or "model_sha256" not in meta:
        raise ModelLoadError(f"E003 {str(meta_file)!r} has no model_sha256; refusing to load an unverified model.")
    if meta.get("format_version") != FORMAT_VERSION:
        raise ModelLoadError(
            f"E004 Model format {meta.get('format_version')!r} is not supported by this jobfeedback "
            f"(expects {FORMAT_VERSION}). Retrain with `jobfeedback train` or install a matching version."
        )
    if tuple(meta.get("themes", ())) != THEMES:
        raise ModelLoadError(f"E005 Model labels {meta.get('themes')} do not match this version's themes {list(THEMES)}.")
    return meta


def load_model(path: str | os.PathLike, *, trusted: bool) -> tuple[FeedbackModel, dict]:
    """Verify and load the model directory ``path``; return ``(model, meta)``.

    Checks, in order, before anything is unpickled: the directory layout, ``meta.json``,
    that the directory is trusted, the sha256 of ``model.joblib``, and the
    scikit-learn version the model was saved with.

    Parameters
    ----------
    path : path-like
        A model directory.
    trusted : bool
        Whether the caller vouches for the directory. Unpickling runs code, so a
        directory that is not trusted is refused.

    Raises
    ------
    ModelLoadError
        If any check fails, with a message saying what to do.
    """
    path = Path(path)
    meta = read_meta(path)
    if not trusted:
        raise ModelLoadError(
            f"E006 Refusing to load {str(path)!r}: loading a model runs code from its joblib file. "
            "Pass trusted=True (CLI: --trust-model) only for model directories you created or trust."
        )
    actual = file_sha256(path / MODEL_FILE)
    if actual != meta["model_sha256"]:
        raise ModelLoadError(
            f"E007 {MODEL_FILE} in {str(path)!r} does not match the sha256 recorded in {META_FILE} "
            f"(expected {meta['model_sha256'][:12]}…, found {actual[:12]}…). The file was changed or "
            "corrupted; it was not loaded. Reinstall jobfeedback or retrain the model."
        )
    import sklearn

    saved = meta.get("versions", {}).get("scikit-learn", "")
    if saved and _major_minor(saved) != _major_minor(sklearn.__version__):
        raise ModelLoadError(
            f"E008 The model was saved with scikit-learn {saved} but {sklearn.__version__} is installed. "
            f"Install scikit-learn=={saved} or retrain with `jobfeedback train`."
        )
    import joblib

    with warnings.catch_warnings():
        # Patch-level differences are accepted above; sklearn's own warning would only repeat it.
        warnings.filterwarnings("ignore", message=".*Trying to unpickle estimator.*")
        model = joblib.load(path / MODEL_FILE)
    if not isinstance(model, FeedbackModel):
        raise ModelLoadError(f"E009 {MODEL_FILE} in {str(path)!r} does not hold a jobfeedback FeedbackModel.")
    return model, meta
