"""Train the model on the labeled dataset and save it as a model directory.

Training is reproducible: the same data and parameters give the same model and the same
predictions. The model's stack and theme thresholds are fitted on out-of-fold scores
grouped by writing pass (never on the test split); the test split and the real-mix dev
split are only used to report metrics, through the same path as :meth:`Analyzer.analyze_many`.
"""

from __future__ import annotations

import json
from pathlib import Path

from .dataset import data_hash, label_matrix, load_dataset, rationale_spans, split, writing_pass

FIT_SPLITS = ("train", "dev")
"""Splits the shipped model is fitted on."""

REPORT_SPLITS = ("test", "realmix")
"""Splits reported in ``meta.json`` and the model card (never used to choose anything)."""


def fit_model(records: list[dict], params: dict | None = None):
    """Fit a :class:`~jobfeedback.classifier.FeedbackModel` on labeled records.

    Parameters
    ----------
    records : list of dict
        Dataset records (see :mod:`jobfeedback.dataset`).
    params : dict, optional
        :class:`~jobfeedback.classifier.FeedbackModel` parameters.
    """
    from .classifier import FeedbackModel

    return FeedbackModel(**(params or {})).fit(
        [r["text"] for r in records],
        label_matrix(records),
        tones=[r["tone"] for r in records],
        rationales=rationale_spans(records),
        groups=[writing_pass(r) for r in records],
        kinds=[r.get("kind", "rejection") for r in records],
    )


def held_out_metrics(analyzer, records: list[dict], say=print) -> dict:
    """Metrics of ``analyzer`` on each split of :data:`REPORT_SPLITS` present in ``records``."""
    from .metrics import evaluate

    metrics = {}
    for name in REPORT_SPLITS:
        held_out = split(records, name)
        if held_out:
            say(f"Evaluating on the {name} split ({len(held_out)} examples)...")
            metrics[name] = evaluate(analyzer, held_out)
    return metrics


def refresh_metrics(path, data=None) -> dict:
    """Re-evaluate a saved model directory on the held-out splits; rewrite its metrics and card.

    For when the analysis around a model changes but the model does not: ``model.joblib``
    and its sha256 stay as they are.
    """
    from .analyzer import Analyzer
    from .model_card import write_model_card

    path = Path(path)
    records = load_dataset(data)
    meta = json.loads((path / "meta.json").read_text("utf-8"))
    meta["metrics"] = held_out_metrics(Analyzer.load(path, trusted=True), records, lambda *a: None)
    (path / "meta.json").write_text(json.dumps(meta, indent=2, sort_keys=True) + "\n", "utf-8")
    write_model_card(path, meta, records)
    return meta["metrics"]


def train(output, data=None, params: dict | None = None, progress: bool = True) -> Path:
    """Train the default model on the train and dev splits and save it to ``output``.

    Parameters
    ----------
    output : path-like
        Model directory to write.
    data : path-like, optional
        The dataset file or directory (default: ``datasets/feedback.jsonl``).
    params : dict, optional
        :class:`~jobfeedback.classifier.FeedbackModel` parameters.
    progress : bool
        Print what is happening.

    Returns
    -------
    pathlib.Path
        The model directory.
    """
    from .analyzer import Analyzer
    from .model_card import write_model_card
    from .model_dir import save_model

    records = load_dataset(data)
    fit_records = split(records, *FIT_SPLITS)
    say = print if progress else (lambda *a, **k: None)
    say(f"Training on {len(fit_records)} examples ({'+'.join(FIT_SPLITS)}); this takes a few minutes.")
    model = fit_model(fit_records, params)
    metrics = held_out_metrics(Analyzer(model), records, say)
    meta = {
        "training_data": {
            "sha256": data_hash(records),
            "n_fit": len(fit_records),
            "n_by_split": {name: len(split(records, name)) for name in sorted({r["split"] for r in records})},
        },
        "metrics": metrics,
    }
    path = save_model(model, output, meta)
    write_model_card(path, json.loads((path / "meta.json").read_text("utf-8")), records)
    say(f"Saved model to {path}")
    return path
