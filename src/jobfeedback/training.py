"""Train and evaluate the model on the labeled dataset (``datasets/feedback.jsonl``).

Training is reproducible: the same data and parameters give the same model and the same
predictions. Theme thresholds are chosen on out-of-fold predictions over the training
data (never on the test split); the test split is only used to report metrics.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from .errors import InputFileError
from .taxonomy import THEMES, TONES

DATASET_FILE = "feedback.jsonl"
REQUIRED_FIELDS = ("id", "text", "themes", "tone", "register", "split")


def find_dataset(path=None) -> Path:
    """Return the dataset file: ``path`` if given, else ``datasets/feedback.jsonl`` here or in the checkout."""
    if path is not None:
        p = Path(path)
        return p / DATASET_FILE if p.is_dir() else p
    for base in (Path.cwd(), Path(__file__).resolve().parents[2]):
        candidate = base / "datasets" / DATASET_FILE
        if candidate.is_file():
            return candidate
    raise InputFileError(
        "E020 No dataset found: run from the project checkout (datasets/feedback.jsonl) or pass --data FILE."
    )


def load_dataset(path=None) -> list[dict]:
    """Read and validate the labeled dataset; return its records.

    Raises
    ------
    InputFileError
        Naming the line of the first record that is malformed or has invalid labels.
    """
    path = find_dataset(path)
    records = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputFileError(f"E021 {path}:{lineno}: invalid JSON ({exc.msg})") from None
            missing = [k for k in REQUIRED_FIELDS if k not in rec]
            if missing:
                raise InputFileError(f"E022 {path}:{lineno}: missing field(s) {missing}")
            if set(rec["themes"]) - set(THEMES) or rec["tone"] not in TONES:
                raise InputFileError(f"E023 {path}:{lineno}: unknown theme or tone in {rec['themes']!r}, {rec['tone']!r}")
            records.append(rec)
    return records


def data_hash(records: list[dict]) -> str:
    """sha256 over the texts and labels of ``records`` (order-independent)."""
    digest = hashlib.sha256()
    for line in sorted(
        json.dumps([r["id"], r["text"], sorted(r["themes"]), r["tone"], r["split"]], ensure_ascii=False) for r in records
    ):
        digest.update(line.encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def split(records: list[dict], *names: str) -> list[dict]:
    """Return the records whose ``split`` is one of ``names``."""
    return [r for r in records if r["split"] in names]


def label_matrix(records: list[dict]) -> np.ndarray:
    """Return the (n, 7) 0/1 matrix of themes of ``records``, columns in THEMES order."""
    return np.array([[t in r["themes"] for t in THEMES] for r in records], dtype=int)


def best_thresholds(Y: np.ndarray, probs: np.ndarray) -> dict[str, float]:
    """Per theme, the threshold in [0.1, 0.9] that maximises F1 on ``(Y, probs)``."""
    from sklearn.metrics import f1_score

    grid = np.round(np.arange(0.10, 0.91, 0.025), 3)
    out = {}
    for j, theme in enumerate(THEMES):
        scores = [f1_score(Y[:, j], probs[:, j] >= g, zero_division=0) for g in grid]
        best = max(scores)
        # Among equally good thresholds take the one nearest 0.5: the least tuned.
        candidates = [g for g, s in zip(grid, scores) if s >= best - 1e-9]
        out[theme] = float(min(candidates, key=lambda g: abs(g - 0.5)))
    return out


def out_of_fold_probs(model_params: dict, docs: list[str], records: list[dict], folds: int = 5, seed: int = 0):
    """Theme and tone probabilities for every record from models that did not see it."""
    from sklearn.model_selection import KFold

    from .model import FeedbackModel

    theme_probs = np.zeros((len(docs), len(THEMES)))
    tone_pred = np.empty(len(docs), dtype=object)
    for train_idx, val_idx in KFold(folds, shuffle=True, random_state=seed).split(docs):
        m = FeedbackModel(**model_params).fit(
            [docs[i] for i in train_idx], [records[i]["themes"] for i in train_idx], [records[i]["tone"] for i in train_idx]
        )
        tp, op = m.predict_scores([docs[i] for i in val_idx])
        theme_probs[val_idx] = tp
        tone_pred[val_idx] = [m.tones_[k] for k in op.argmax(axis=1)]
    return theme_probs, tone_pred


def train(data=None, output=None, params: dict | None = None, progress: bool = True):
    """Train the default model on the train and dev splits and save it to ``output``.

    Parameters
    ----------
    data : path-like, optional
        The dataset file or directory (default: ``datasets/feedback.jsonl``).
    output : path-like, optional
        Model directory to write (default: ``models/default`` in the checkout).
    params : dict, optional
        :class:`~jobfeedback.model.FeedbackModel` parameters.
    progress : bool
        Print what is happening.

    Returns
    -------
    pathlib.Path
        The model directory.
    """
    from .model import FeedbackModel, save_model

    records = load_dataset(data)
    fit_records = split(records, "train", "dev")
    test_records = split(records, "test")
    params = dict(params or {})
    say = print if progress else (lambda *a, **k: None)
    say(f"Training on {len(fit_records)} examples (train+dev); {len(test_records)} held out for test.")
    docs = [r["text"] for r in fit_records]
    say("Choosing theme thresholds on 5-fold out-of-fold predictions...")
    oof, _ = out_of_fold_probs(params, docs, fit_records)
    thresholds = best_thresholds(label_matrix(fit_records), oof)
    say("Fitting the final model...")
    model = FeedbackModel(**params).fit(docs, [r["themes"] for r in fit_records], [r["tone"] for r in fit_records], thresholds)
    metrics = evaluate_model(model, test_records) if test_records else {}
    if output is None:
        output = Path(__file__).resolve().parents[2] / "models" / "default"
    meta = {
        "training_data": {
            "sha256": data_hash(records),
            "n_train_dev": len(fit_records),
            "n_test": len(test_records),
        },
        "metrics": {"test": metrics},
    }
    path = save_model(model, output, meta)
    write_model_card(path, json.loads((path / "meta.json").read_text("utf-8")), records)
    say(f"Saved model to {path}")
    return path


def write_model_card(path, meta: dict, records: list[dict]) -> None:
    """Write ``MODEL_CARD.md`` in the model directory from its metadata and the dataset."""
    from collections import Counter

    test = meta.get("metrics", {}).get("test", {})
    lines = [
        "# jobfeedback default model",
        "",
        "## What it does",
        "Multi-label classification of job-application feedback texts into seven themes "
        f"({', '.join(THEMES)}), with calibrated confidences, and a four-way tone label "
        "(positive, neutral, negative, mixed: tone toward the candidate).",
        "",
        "## Model",
        "scikit-learn pipelines over shared features: the text is cleaned of email noise and tokenized by "
        "spaCy's blank English tokenizer; word unigrams and bigrams within sentences (spaCy lowercase hashes, "
        f"{meta['params']['n_features']} buckets, a shared marker after known skill names), sublinear TF-IDF, L2 norm. "
        f"Themes: one-vs-rest logistic regression (C={meta['params']['theme_C']}, balanced class weights) with "
        "sigmoid (Platt) calibration; per-theme thresholds chosen to maximise F1 on 5-fold out-of-fold "
        f"predictions over train+dev. Tone: multinomial logistic regression (C={meta['params']['tone_C']}).",
        "",
        "Thresholds: " + ", ".join(f"{t} {v:.3f}" for t, v in meta["thresholds"].items()),
        "",
        "## Data",
        f"`datasets/feedback.jsonl` (sha256 {meta['training_data']['sha256'][:12]}): "
        f"{meta['training_data']['n_train_dev']} train+dev examples, {meta['training_data']['n_test']} test examples "
        "written in a separate pass in fields of work absent from training. See `datasets/DATASHEET.md`.",
        "",
        "## Metrics on the test split",
    ]
    if test:
        lines += ["", "| theme | precision | recall | F1 | support |", "|---|---:|---:|---:|---:|"]
        for t in THEMES:
            m = test["per_theme"][t]
            lines.append(f"| {t} | {m['precision']:.3f} | {m['recall']:.3f} | {m['f1']:.3f} | {m['support']} |")
        lines += [
            "",
            f"Theme macro-F1 {test['macro_f1']:.3f}, micro-F1 {test['micro_f1']:.3f}, expected calibration error "
            f"{test['ece']:.3f}; tone macro-F1 {test['tone_macro_f1']:.3f}; generic rejections (no theme) given no "
            f"improvement theme: {test['generic_no_improvement_theme']:.1%}. Reproduce with `jobfeedback evaluate --baselines`.",
        ]
    registers = Counter(r["register"] for r in records)
    lines += [
        "",
        "## Intended use",
        "Helping job seekers and career tools read feedback: which reasons a text gives, with the sentences "
        "that show them, and what to do next. Not for judging candidates, screening, or any decision about a person.",
        "",
        "## Limitations",
        "- English only; other languages are flagged and get no themes.",
        "- Trained on written-for-purpose examples (" + ", ".join(f"{k} {v}" for k, v in registers.most_common(6)) + ", ...); "
        "real feedback is shorter, more formulaic and more often gives no reason. On real rejection emails, recall of "
        "reasons buried in long form letters is lower than on the test split.",
        "- A bag of n-grams: negation and contrast are learned only from examples, and sarcasm is often missed.",
        "- Evidence sentences are the sentences that contribute most to a theme's linear score; a theme carried by "
        "the whole text can be shown with a weaker sentence.",
        "- Loading the model unpickles it (runs code); `meta.json` records its sha256, checked before loading.",
        "",
    ]
    (path / "MODEL_CARD.md").write_text("\n".join(lines), "utf-8")


def theme_report(Y_true: np.ndarray, Y_pred: np.ndarray) -> dict:
    """Per-theme precision, recall, F1 and support, with macro and micro F1."""
    from sklearn.metrics import f1_score, precision_recall_fscore_support

    p, r, f, s = precision_recall_fscore_support(Y_true, Y_pred, zero_division=0)
    per_theme = {
        t: {"precision": float(p[j]), "recall": float(r[j]), "f1": float(f[j]), "support": int(s[j])}
        for j, t in enumerate(THEMES)
    }
    return {
        "per_theme": per_theme,
        "macro_f1": float(f1_score(Y_true, Y_pred, average="macro", zero_division=0)),
        "micro_f1": float(f1_score(Y_true, Y_pred, average="micro", zero_division=0)),
    }


def expected_calibration_error(Y: np.ndarray, probs: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error of the theme probabilities, over all (text, theme) pairs."""
    y = Y.ravel().astype(float)
    p = probs.ravel()
    edges = np.linspace(0, 1, bins + 1)
    ece = 0.0
    for lo, hi in zip(edges[:-1], edges[1:]):
        mask = (p >= lo) & (p < hi) if hi < 1 else (p >= lo) & (p <= hi)
        if mask.any():
            ece += mask.mean() * abs(p[mask].mean() - y[mask].mean())
    return float(ece)


def evaluate_model(model, records: list[dict]) -> dict:
    """Theme and tone metrics of ``model`` on ``records`` (cleaned as at prediction time)."""
    from sklearn.metrics import f1_score

    from .taxonomy import IMPROVEMENT_THEMES

    probs, tone_probs = model.predict_scores([r["text"] for r in records])
    Y = label_matrix(records)
    pred = (probs >= model.thresholds_).astype(int)
    tones_true = [r["tone"] for r in records]
    tones_pred = [model.tones_[k] for k in tone_probs.argmax(axis=1)]
    report = theme_report(Y, pred)
    improvement_cols = [THEMES.index(t) for t in IMPROVEMENT_THEMES]
    generic = [i for i, r in enumerate(records) if not r["themes"]]
    report["tone_macro_f1"] = float(f1_score(tones_true, tones_pred, average="macro", zero_division=0))
    report["ece"] = expected_calibration_error(Y, probs)
    report["generic_no_improvement_theme"] = (
        float(np.mean([not pred[i, improvement_cols].any() for i in generic])) if generic else None
    )
    report["n"] = len(records)
    return report
