"""What keeps coming back across many feedback texts: a summary, and an HTML or Markdown report."""

from __future__ import annotations

import base64
import html
import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .playbook import next_steps
from .taxonomy import IMPROVEMENT_THEMES, THEMES, TONES, describe


@dataclass(frozen=True)
class Summary:
    """The aggregate of many analyses.

    Attributes
    ----------
    n_texts : int
        Texts analysed and summarised (English texts with no ``error``).
    n_errors : int
        Rows skipped: missing, empty or not text, or no words (their ``error`` says which).
    theme_counts : tuple of (str, int, float)
        ``(theme, count, share of analysed texts)`` for every theme, most frequent first.
    tone_counts : tuple of (str, int)
        Texts per tone, in :data:`jobfeedback.TONES` order.
    top_skills : tuple of (str, int)
        Skills named in skills gaps, most frequent first.
    no_reason_share : float
        Share of texts that gave no theme at all.
    focus_theme : str or None
        The improvement theme to work on first (the most frequent), if any.
    plan : tuple of NextStep
        Next steps for the focus theme.
    by_period : tuple of (str, dict)
        ``(period, {theme: count})`` per month when dates were given.
    n_other_language : int
        Rows not analysed because they are in another language.
    languages : tuple of (str, int)
        Those rows per language code, most frequent first.
    n_undated : int
        Analysed texts whose date is missing or cannot be read: left out of ``by_period``.
    """

    n_texts: int
    n_errors: int
    theme_counts: tuple
    tone_counts: tuple
    top_skills: tuple
    no_reason_share: float
    focus_theme: str | None
    plan: tuple
    by_period: tuple = field(default=())
    n_other_language: int = 0
    languages: tuple = field(default=())
    n_undated: int = 0

    def to_dict(self) -> dict:
        """Return the summary as a JSON-serialisable dict."""
        return {
            "n_texts": self.n_texts,
            "n_errors": self.n_errors,
            "themes": [{"theme": t, "count": c, "share": s} for t, c, s in self.theme_counts],
            "tones": dict(self.tone_counts),
            "top_skills": [{"skill": k, "count": c} for k, c in self.top_skills],
            "no_reason_share": self.no_reason_share,
            "focus_theme": self.focus_theme,
            "plan": [s.to_dict() for s in self.plan],
            "by_period": [{"period": p, "themes": dict(c)} for p, c in self.by_period],
            "n_other_language": self.n_other_language,
            "languages": dict(self.languages),
            "n_undated": self.n_undated,
        }

    def _counts_sentence(self) -> str:
        parts = [f"{self.n_texts} texts analysed"]
        if self.n_errors:
            parts.append(f"{self.n_errors} rows skipped (no usable text)")
        if self.n_other_language:
            langs = ", ".join(f"{lang}: {n}" for lang, n in self.languages)
            parts.append(f"{self.n_other_language} not analysed (other language - {langs})")
        return ", ".join(parts) + "."

    def _undated_sentence(self) -> str:
        if not self.n_undated:
            return ""
        return f"{self.n_undated} analysed texts have a missing or unreadable date and are not in the themes over time."

    def to_markdown(self) -> str:
        """Return the summary as a Markdown report."""
        out = ["# What your feedback keeps saying", ""]
        out.append(self._counts_sentence())
        out.append(f"{self.no_reason_share:.0%} gave no specific reason.")
        out += ["", "## Themes", "", "| theme | texts | share |", "|---|---:|---:|"]
        out += [f"| {t} | {c} | {s:.0%} |" for t, c, s in self.theme_counts]
        out += ["", "## Tone", "", "| tone | texts |", "|---|---:|"]
        out += [f"| {t} | {c} |" for t, c in self.tone_counts]
        if self.top_skills:
            out += ["", "## Skills named most", ""]
            out += [f"- {k} ({c})" for k, c in self.top_skills]
        if self.by_period:
            out += ["", "## Themes over time", "", "| month | " + " | ".join(THEMES) + " |", "|---|" + "---:|" * len(THEMES)]
            out += [f"| {p} | " + " | ".join(str(c.get(t, 0)) for t in THEMES) + " |" for p, c in self.by_period]
        if self.n_undated:
            out += ["", self._undated_sentence()]
        out += ["", "## Plan", ""]
        if self.focus_theme:
            out.append(f"Work on **{self.focus_theme}** first: {describe(self.focus_theme)['description']}")
        else:
            out.append("No improvement theme comes back: the feedback is about other candidates, logistics, or gives no reason.")
        out.append("")
        out += [f"1. [{s.guide_section}] {s.action}" for s in self.plan]
        return "\n".join(out) + "\n"


def summarize(analyses, dates=None) -> Summary:
    """Aggregate analyses into what comes back most, with a prioritised plan.

    Parameters
    ----------
    analyses : iterable of Analysis
    dates : iterable, optional
        One date per analysis (anything pandas can parse); enables themes over time.

    Returns
    -------
    Summary
    """
    analyses = list(analyses)
    if dates is not None:
        dates = list(dates)
        if len(dates) != len(analyses):
            raise ValueError(f"dates has {len(dates)} items but there are {len(analyses)} analyses")
    # Rows with no usable text are skipped, and texts in another language counted apart:
    # neither is feedback that gave no reason.
    ok = [i for i, a in enumerate(analyses) if a.analysed]
    n = len(ok)
    n_errors = sum(1 for a in analyses if a.error is not None)
    other = Counter(a.language for a in analyses if a.error is None and not a.is_supported)
    themes = Counter(t for i in ok for t in analyses[i].theme_names)
    theme_counts = tuple(sorted(((t, themes[t], themes[t] / n if n else 0.0) for t in THEMES), key=lambda x: (-x[1], THEMES.index(x[0]))))
    tones = Counter(analyses[i].sentiment.label for i in ok)
    skills = Counter(s for i in ok for s in analyses[i].skills)
    no_reason = sum(1 for i in ok if not analyses[i].themes)
    improvement = [(t, c) for t, c, _ in theme_counts if t in IMPROVEMENT_THEMES and c > 0]
    focus = improvement[0][0] if improvement else None
    top_skills = tuple(skills.most_common(10))
    plan_themes = (focus,) if focus else tuple(t for t, c, _ in theme_counts if c > 0)[:1]
    plan = next_steps(plan_themes, tuple(k for k, _ in top_skills[:2]) if focus == "skills_gap" else ())
    by_period: tuple = ()
    n_undated = 0
    if dates is not None:
        import pandas as pd

        parsed = pd.to_datetime(pd.Series([dates[i] for i in ok], dtype=object), errors="coerce", format="mixed")
        per: dict[str, Counter] = {}
        for i, d in zip(ok, parsed):
            if pd.isna(d):
                n_undated += 1
                continue
            per.setdefault(d.strftime("%Y-%m"), Counter()).update(analyses[i].theme_names)
        by_period = tuple((p, dict(per[p])) for p in sorted(per))
    if n_undated:
        import logging

        logging.getLogger("jobfeedback").warning(
            "%d analysed texts have a missing or unreadable date: left out of the themes over time.", n_undated
        )
    return Summary(
        n_texts=n,
        n_errors=n_errors,
        theme_counts=theme_counts,
        tone_counts=tuple((t, tones.get(t, 0)) for t in TONES),
        top_skills=top_skills,
        no_reason_share=no_reason / n if n else 0.0,
        focus_theme=focus,
        plan=plan,
        by_period=by_period,
        n_other_language=sum(other.values()),
        languages=tuple(other.most_common()),
        n_undated=n_undated,
    )


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _charts(summary: Summary) -> list[tuple[str, str]]:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        from .errors import NotInstalled

        raise NotInstalled("matplotlib", "report") from None
    from matplotlib.ticker import MaxNLocator

    charts = []
    fig, ax = plt.subplots(figsize=(8, 3.4))
    names = [t for t, _, _ in summary.theme_counts][::-1]
    counts = [c for _, c, _ in summary.theme_counts][::-1]
    colors = ["#c0504d" if t in IMPROVEMENT_THEMES else "#9a9a9a" for t in names]
    ax.barh([_label(t) for t in names], counts, color=colors)
    ax.set_xlabel("texts raising the theme (red: something you can work on; grey: not about you)")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("How often each theme comes back")
    charts.append(("Themes", _png(fig)))
    fig, ax = plt.subplots(figsize=(6, 3))
    tone_counts = [c for _, c in summary.tone_counts]
    bars = ax.bar([t for t, _ in summary.tone_counts], tone_counts, color=["#4f9d69", "#9a9a9a", "#c0504d", "#e0a030"])
    ax.bar_label(bars)
    ax.set_ylabel("texts")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_title("Tone toward you")
    charts.append(("Tone", _png(fig)))
    if summary.by_period:
        fig, ax = plt.subplots(figsize=(9, 3.6))
        periods = [p for p, _ in summary.by_period]
        styles = ["-", "--", ":", "-."]
        for k, t in enumerate(THEMES):
            values = [c.get(t, 0) for _, c in summary.by_period]
            if any(values):
                ax.plot(periods, values, marker="o", linestyle=styles[k % len(styles)], label=_label(t))
        ax.set_title("Themes over time")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
        ax.tick_params(axis="x", rotation=45)
        charts.append(("Themes over time", _png(fig)))
    return charts


def _label(theme: str) -> str:
    return describe(theme)["label"]


def to_html(summary: Summary) -> str:
    """Return a self-contained HTML report (charts embedded as PNG)."""
    e = html.escape
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta name='viewport' content='width=device-width, initial-scale=1'><title>jobfeedback report</title>",
        "<style>body{font-family:system-ui,sans-serif;max-width:860px;margin:2em auto;color:#222}"
        "table{border-collapse:collapse}td,th{padding:4px 10px;border-bottom:1px solid #ddd;text-align:left}"
        "img{max-width:100%}.plan li{margin:.4em 0}</style></head><body>",
        "<h1>What your feedback keeps saying</h1>",
        f"<p>{e(summary._counts_sentence())} {summary.no_reason_share:.0%} gave no specific reason.</p>",
        "<h2>Plan</h2>",
    ]
    if summary.focus_theme:
        parts.append(f"<p>Work on <strong>{e(_label(summary.focus_theme))}</strong> first: {e(describe(summary.focus_theme)['description'])}</p>")
    else:
        parts.append("<p>No improvement theme comes back: the feedback is about other candidates, logistics, or gives no reason.</p>")
    parts.append("<ol class='plan'>" + "".join(f"<li><em>{e(s.guide_section)}</em>: {e(s.action)}</li>" for s in summary.plan) + "</ol>")
    for title, png in _charts(summary):
        parts.append(f"<h2>{e(title)}</h2><img alt='{e(title)} chart' src='data:image/png;base64,{png}'>")
        if title == "Themes over time" and summary.n_undated:
            parts.append(f"<p>{e(summary._undated_sentence())}</p>")
    if summary.n_undated and not summary.by_period:
        parts.append(f"<p>{e(summary._undated_sentence())}</p>")
    parts.append("<h2>Theme counts</h2><table><tr><th>theme</th><th>texts</th><th>share</th></tr>")
    parts += [f"<tr><td>{e(_label(t))}</td><td style='text-align:right'>{c}</td><td style='text-align:right'>{s:.0%}</td></tr>" for t, c, s in summary.theme_counts]
    parts.append("</table>")
    if summary.top_skills:
        parts.append("<h2>Skills named most</h2><ul>" + "".join(f"<li>{e(k)} ({c})</li>" for k, c in summary.top_skills) + "</ul>")
    parts.append("</body></html>")
    return "\n".join(parts)


REPORT_EXTENSIONS = {".html": "html", ".htm": "html", ".md": "md", ".markdown": "md"}
"""The report formats, by the output file's extension."""


def report_format(output_path, fmt: str | None = None) -> str:
    """Return ``"html"`` or ``"md"`` for a report written to ``output_path``.

    Raises
    ------
    OutputFileError
        If the extension is not one of :data:`REPORT_EXTENSIONS`, or disagrees with ``fmt``.
    """
    from .errors import OutputFileError

    suffix = Path(output_path).suffix.lower()
    from_suffix = REPORT_EXTENSIONS.get(suffix)
    if from_suffix is None:
        raise OutputFileError(
            f"E042 Cannot write a report to {str(output_path)!r}: reports are HTML or Markdown; "
            f"name the file with one of {', '.join(REPORT_EXTENSIONS)}."
        )
    if fmt is not None and fmt != from_suffix:
        raise OutputFileError(f"E043 --format {fmt} disagrees with the extension of {str(output_path)!r} ({suffix}).")
    return from_suffix


def report_file(input_path, output_path, *, text_column: str, date_column=None, fmt=None, analyzer=None, progress=False) -> Summary:
    """Analyse a file of texts and write an HTML or Markdown report; return the summary.

    The format follows the extension of ``output_path`` (see :func:`report_format`), checked
    before any text is analysed.
    """
    from .analyzer import default_analyzer
    from .files import atomic_output, read_chunks

    analyzer = analyzer or default_analyzer()
    fmt = report_format(output_path, fmt)
    analyses, dates = [], []
    for chunk in read_chunks(input_path, text_column):
        if date_column is not None and date_column not in chunk.columns:
            from .errors import InputFileError

            raise InputFileError(f"E041 Date column {date_column!r} not found; columns are {list(chunk.columns)}.")
        analyses += analyzer.analyze_many(chunk[text_column].tolist(), progress=progress)
        if date_column is not None:
            dates += chunk[date_column].tolist()
    summary = summarize(analyses, dates if date_column is not None else None)
    content = summary.to_markdown() if fmt == "md" else to_html(summary)
    with atomic_output(output_path) as tmp:
        Path(tmp).write_text(content, "utf-8")
    return summary
