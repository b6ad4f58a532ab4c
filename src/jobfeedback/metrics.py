"""How good a model is on labeled records: the one evaluation function and its metrics."""

from __future__ import annotations

import numpy as np

from .taxonomy import IMPROVEMENT_THEMES, KINDS, THEMES


def theme_report(Y_true: np.ndarray, Y_pred: np.ndarray) -> dict:
    """Per-theme precision, recall, F1 and support, with macro and micro F1.

    Macro-F1 averages over the themes that occur in ``Y_true`` or ``Y_pred``, so a theme
    absent from a small evaluation set and never predicted does not count as a perfect 0/0.
    """
    from sklearn.metrics import f1_score, precision_recall_fscore_support

    p, r, f, s = precision_recall_fscore_support(Y_true, Y_pred, zero_division=0)
    per_theme = {
        t: {"precision": float(p[j]), "recall": float(r[j]), "f1": float(f[j]), "support": int(s[j])}
        for j, t in enumerate(THEMES)
    }
    present = [j for j in range(len(THEMES)) if Y_true[:, j].any() or Y_pred[:, j].any()]
    return {
        "per_theme": per_theme,
        "macro_f1": float(np.mean([f[j] for j in present])) if present else 0.0,
        "micro_f1": float(f1_score(Y_true, Y_pred, average="micro", zero_division=0)),
    }


def expected_calibration_error(Y: np.ndarray, probs: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error of the theme probabilities, over all (text, theme) pairs."""
    y = Y.ravel().astype(float)
    p = probs.ravel()
    edges = np.linspace(0, 1, bins + 1)
    ece = 0.0
    for lo, hi in zip(edges[:-1], edges[1:], strict=True):
        mask = (p >= lo) & (p < hi) if hi < 1 else (p >= lo) & (p <= hi)
        if mask.any():
            ece += mask.mean() * abs(p[mask].mean() - y[mask].mean())
    return float(ece)


def score(Y: np.ndarray, probs: np.ndarray, thresholds, tones_true=None, tones_pred=None, pred=None) -> dict:
    """Theme and tone metrics from labels and predictions.

    Parameters
    ----------
    Y : numpy.ndarray
        (n, 7) true theme labels.
    probs : numpy.ndarray
        (n, 7) theme confidences.
    thresholds : numpy.ndarray
        Decision threshold per theme (used when ``pred`` is not given).
    tones_true, tones_pred : sequence of str, optional
        True and predicted tones.
    pred : numpy.ndarray, optional
        (n, 7) 0/1 theme decisions, when they are more than ``probs >= thresholds`` (the
        analyser's, see :func:`evaluate`).
    """
    from sklearn.metrics import f1_score

    if pred is None:
        pred = (probs >= thresholds).astype(int)
    report = theme_report(Y, pred)
    improvement_cols = [THEMES.index(t) for t in IMPROVEMENT_THEMES]
    generic = np.flatnonzero(Y.sum(axis=1) == 0)
    report["ece"] = expected_calibration_error(Y, probs)
    report["generic_no_improvement_theme"] = (
        float(np.mean([not pred[i, improvement_cols].any() for i in generic])) if len(generic) else None
    )
    if tones_true is not None:
        report["tone_macro_f1"] = float(f1_score(list(tones_true), list(tones_pred), average="macro", zero_division=0))
    report["n"] = int(len(Y))
    return report


def evaluate(analyzer, records: list[dict]) -> dict:
    """Evaluate an analyser on labeled records, through the same path as :meth:`Analyzer.analyze_many`.

    Texts the analyser does not score (another language, nothing left after cleaning)
    count as predicting no theme and a neutral tone.
    """
    from .dataset import label_matrix

    results = analyzer.analyze_many([r["text"] for r in records])
    probs = np.array([a.scores for a in results]).reshape(len(records), len(THEMES))
    tones_pred = [a.sentiment.label or "neutral" for a in results]  # not analysed: no tone, counted as neutral
    pred = np.array([[t in a.theme_names for t in THEMES] for a in results], dtype=int).reshape(
        len(records), len(THEMES)
    )
    report = score(
        label_matrix(records), probs, analyzer.model.thresholds_, [r["tone"] for r in records], tones_pred, pred=pred
    )
    report["not_scored"] = int(sum(not a.is_supported for a in results))
    if all(hasattr(a, "kind") for a in results):
        report["kinds"] = kind_report([r.get("kind", "rejection") for r in records], [a.kind for a in results])
    return report


def kind_report(true: list[str], pred: list[str]) -> dict:
    """Precision, recall and support of each message kind present in ``true`` or ``pred``."""
    from sklearn.metrics import precision_recall_fscore_support

    labels = [k for k in KINDS if k in set(true) | set(pred)]
    p, r, _, s = precision_recall_fscore_support(true, pred, labels=labels, zero_division=0)
    return {k: {"precision": float(p[i]), "recall": float(r[i]), "support": int(s[i])} for i, k in enumerate(labels)}
