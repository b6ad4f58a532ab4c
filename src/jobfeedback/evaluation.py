"""Evaluation on a dataset split, beside simple baselines run on the same texts."""

from __future__ import annotations

import numpy as np

from .errors import Errors
from .taxonomy import THEMES

# The baseline a careful person would write in an afternoon: a few phrases per theme.
KEYWORD_RULES: dict[str, tuple[str, ...]] = {
    "skills_gap": (
        "skill",
        "knowledge",
        "technical",
        "certif",
        "test",
        "assessment",
        "score",
        "proficien",
        "fluency",
        "sql",
        "excel",
    ),
    "experience": ("experience", "years", "senior", "junior", "background", "overqualified", "track record"),
    "communication": ("communicat", "clarity", "unclear", "concise", "rambl", "articulat", "listen"),
    "culture_fit": ("culture", "fit", "values", "team dynamic", "motivation", "enthusias", "attitude"),
    "interview_preparation": ("prepar", "research", "late", "deadline", "example", "brief", "generic"),
    "logistics": (
        "salary",
        "compensation",
        "location",
        "relocat",
        "remote",
        "visa",
        "start date",
        "on hold",
        "cancel",
        "budget",
        "freeze",
        "shift",
    ),
    "competition": (
        "other candidate",
        "another candidate",
        "filled",
        "internal",
        "many qualified",
        "strong applicants",
        "closer match",
    ),
}


def keyword_themes(text: str) -> list[str]:
    """Themes whose keywords occur in ``text`` (the keyword-rules baseline)."""
    low = text.lower()
    return [t for t, words in KEYWORD_RULES.items() if any(w in low for w in words)]


def polarity_tone(polarity: float, threshold: float = 0.1) -> str:
    """Map a polarity score to a tone the way a lexicon user would (never ``mixed``)."""
    if polarity > threshold:
        return "positive"
    if polarity < -threshold:
        return "negative"
    return "neutral"


def evaluate_split(analyzer, records: list[dict], baselines: bool = False) -> dict:
    """Metrics of ``analyzer`` on ``records`` (:func:`jobfeedback.metrics.evaluate`), and baselines."""
    from sklearn.metrics import f1_score

    from .dataset import label_matrix
    from .metrics import evaluate, theme_report
    from .polarity import polarity_subjectivity

    texts = [r["text"] for r in records]
    out = {"model": evaluate(analyzer, records), "n": len(records)}
    if baselines:
        Y = label_matrix(records)
        tones = [r["tone"] for r in records]
        kw = np.array([[t in keyword_themes(x) for t in THEMES] for x in texts], dtype=int).reshape(
            len(texts), len(THEMES)
        )
        out["keyword_rules"] = theme_report(Y, kw)
        polarities = [polarity_subjectivity(x)[0] for x in texts]
        out["textblob_tone_macro_f1"] = float(
            f1_score(tones, [polarity_tone(p) for p in polarities], average="macro", zero_division=0)
        )
        try:
            from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

            vader = SentimentIntensityAnalyzer()
            vt = [polarity_tone(vader.polarity_scores(x)["compound"], 0.05) for x in texts]
            out["vader_tone_macro_f1"] = float(f1_score(tones, vt, average="macro", zero_division=0))
        except ImportError:
            out["vader_tone_macro_f1"] = None
    return out


def format_evaluation(result: dict) -> str:
    """Format :func:`evaluate_split` output as a plain-text table."""
    m = result["model"]
    lines = [
        f"{'theme':<24}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>9}"
        + ("   keyword-rules f1" if "keyword_rules" in result else "")
    ]
    for t in THEMES:
        row = m["per_theme"][t]
        line = f"{t:<24}{row['precision']:>10.3f}{row['recall']:>10.3f}{row['f1']:>10.3f}{row['support']:>9d}"
        if "keyword_rules" in result:
            line += f"   {result['keyword_rules']['per_theme'][t]['f1']:>18.3f}"
        lines.append(line)
    lines.append("")
    lines.append(
        f"theme macro-F1 {m['macro_f1']:.3f}   micro-F1 {m['micro_f1']:.3f}   ECE {m['ece']:.3f}   (n={result['n']})"
    )
    if "keyword_rules" in result:
        k = result["keyword_rules"]
        lines.append(f"keyword rules: macro-F1 {k['macro_f1']:.3f}   micro-F1 {k['micro_f1']:.3f}")
    lines.append(f"tone macro-F1 {m['tone_macro_f1']:.3f}")
    if "textblob_tone_macro_f1" in result:
        v = result.get("vader_tone_macro_f1")
        lines.append(
            f"tone baselines: TextBlob polarity {result['textblob_tone_macro_f1']:.3f}   VADER "
            + (f"{v:.3f}" if v is not None else "not installed")
        )
    g = m.get("generic_no_improvement_theme")
    if g is not None:
        lines.append(f"generic rejections with no improvement theme: {g:.1%}")
    return "\n".join(lines)


def print_evaluation(analyzer, data=None, split_name: str = "test", baselines: bool = False) -> dict:
    """Evaluate ``analyzer`` on a split of the dataset and print the table; return the numbers."""
    from .dataset import load_dataset, split

    records = split(load_dataset(data), split_name)
    if not records:
        raise ValueError(Errors.E024.format(split=split_name))
    result = evaluate_split(analyzer, records, baselines=baselines)
    print(f"Evaluation on split {split_name!r}")
    print(format_evaluation(result))
    return result
