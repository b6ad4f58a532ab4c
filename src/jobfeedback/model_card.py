"""The model card: ``MODEL_CARD.md`` of a model directory, rendered from its ``meta.json``."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from string import Template

from .taxonomy import KINDS, THEMES


def _metrics_table(name: str, m: dict) -> str:
    lines = [
        f"### Split `{name}` (n={m['n']})",
        "",
        "| theme | precision | recall | F1 | support |",
        "|---|---:|---:|---:|---:|",
    ]
    for t in THEMES:
        row = m["per_theme"][t]
        lines.append(f"| {t} | {row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f} | {row['support']} |")
    generic = m.get("generic_no_improvement_theme")
    lines += [
        "",
        f"Theme macro-F1 {m['macro_f1']:.3f}, micro-F1 {m['micro_f1']:.3f}, expected calibration error "
        f"{m['ece']:.3f}; tone macro-F1 {m['tone_macro_f1']:.3f}"
        + (f"; texts with no theme given no improvement theme: {generic:.1%}" if generic is not None else "")
        + ".",
    ]
    kinds = m.get("kinds")
    if kinds:
        lines += ["", "| kind | precision | recall | support |", "|---|---:|---:|---:|"]
        for k in KINDS:
            if k in kinds:
                lines.append(
                    f"| {k} | {kinds[k]['precision']:.3f} | {kinds[k]['recall']:.3f} | {kinds[k]['support']} |"
                )
    return "\n".join(lines)


def render_model_card(meta: dict) -> str:
    """Return the model card text for a model's ``meta.json`` contents."""
    template = Template(resources.files("jobfeedback").joinpath("templates", "model_card.md").read_text("utf-8"))
    params = meta["params"]
    data = meta.get("training_data", {})
    metrics = meta.get("metrics", {})
    return template.substitute(
        themes=", ".join(THEMES),
        kinds=", ".join(KINDS),
        n_features=params["n_features"],
        sentence_C=params["sentence_C"],
        text_C=params["text_C"],
        tone_C=params["tone_C"],
        tone_polarity=params.get("tone_polarity", 0.0),
        levels=params["levels"],
        praise_marks="on" if params.get("praise_marks", False) else "off",
        ruled_out_marks="on" if params.get("ruled_out_marks", False) else "off",
        clause_praise="on" if params.get("praise_marks", False) and params.get("clause_praise", False) else "off",
        thresholds=", ".join(f"{t} {v:.3f}" for t, v in meta["thresholds"].items()),
        data_sha=str(data.get("sha256", ""))[:12],
        n_fit=data.get("n_fit", "?"),
        n_by_split=", ".join(f"{k} {v}" for k, v in data.get("n_by_split", {}).items()),
        metrics="\n\n".join(_metrics_table(name, m) for name, m in metrics.items()) or "No held-out split.",
    )


def write_model_card(path, meta: dict, records=None) -> Path:
    """Write ``MODEL_CARD.md`` into the model directory ``path``; return its path."""
    out = Path(path) / "MODEL_CARD.md"
    out.write_text(render_model_card(meta), "utf-8")
    return out
