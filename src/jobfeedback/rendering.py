"""A summary rendered as a report: HTML with its charts embedded, or Markdown (templates in ``templates/``).

Kept apart from the aggregation (:mod:`jobfeedback.summary`), which does not need
matplotlib or Jinja; :mod:`jobfeedback.report` re-exports :func:`to_html` and
:func:`to_markdown` and writes report files.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass

from .taxonomy import IMPROVEMENT_THEMES, THEMES, describe


def _png(fig) -> str:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, bbox_inches="tight")
    import matplotlib.pyplot as plt

    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode("ascii")


def _label(theme: str) -> str:
    return describe(theme)["label"]


@dataclass(frozen=True)
class _Chart:
    title: str
    alt: str
    png: str


def _charts(summary) -> list[_Chart]:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        from .errors import NotInstalled

        raise NotInstalled("matplotlib", "report") from None
    from matplotlib.ticker import MaxNLocator, PercentFormatter

    charts = []
    n = summary.n_rejections
    fig, ax = plt.subplots(figsize=(8, 3.4))
    names = [t for t, _, _ in summary.theme_counts][::-1]
    counts = [c for _, c, _ in summary.theme_counts][::-1]
    colors = ["#b03a36" if t in IMPROVEMENT_THEMES else "#8a8a8a" for t in names]
    bars = ax.barh([_label(t) for t in names], counts, color=colors)
    ax.bar_label(bars, labels=[f"{c} ({c / n:.0%})" if n else "0" for c in counts], padding=3, fontsize=9)
    ax.set_xlabel(f"rejections raising the theme, of {n} (red: you can work on it; grey: not about you)")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlim(0, max(counts + [1]) * 1.2)
    ax.spines[["top", "right"]].set_visible(False)
    alt = (
        f"Bar chart of how many of the {n} rejections raise each theme: "
        + "; ".join(f"{_label(t)} {c}" for t, c, _ in summary.theme_counts)
        + "."
    )
    charts.append(_Chart("How often each theme comes back", alt, _png(fig)))

    if summary.by_period:
        shown = [t for t, c, _ in summary.theme_counts if c > 0]
        months = [p for p, _ in summary.by_period]
        totals = dict(summary.rejections_by_period)
        empty = [m for m in months if not totals.get(m)]
        if shown:
            cols = min(3, len(shown))
            rows = -(-len(shown) // cols)
            fig, axes = plt.subplots(
                rows, cols, figsize=(3.3 * cols, 2.3 * rows), sharex=True, sharey=True, squeeze=False
            )
            x = range(len(months))
            for k, ax in enumerate(axes.flat):
                if k >= len(shown):
                    ax.set_visible(False)
                    continue
                t = shown[k]
                shares = [(c.get(t, 0) / totals[m]) if totals.get(m) else 0.0 for m, c in summary.by_period]
                ax.bar(x, shares, color="#b03a36" if t in IMPROVEMENT_THEMES else "#8a8a8a", width=0.7)
                for j, m in enumerate(months):
                    if not totals.get(m):
                        ax.axvspan(j - 0.45, j + 0.45, color="#eeeeee", zorder=0)
                ax.set_title(_label(t), fontsize=10)
                ax.set_ylim(0, 1)
                ax.yaxis.set_major_formatter(PercentFormatter(1.0, decimals=0))
                ax.spines[["top", "right"]].set_visible(False)
            step = max(1, -(-len(months) // 8))
            ticks = list(x)[::step]
            names = [_month_label(months[j], j == 0 or months[j].endswith("-01")) for j in ticks]
            for ax in axes.flat:
                if ax.get_visible():
                    # Every panel gets its own month labels: with a short last row, the
                    # panels above an empty slot would otherwise have none.
                    ax.set_xticks(ticks, names, fontsize=7)
                    ax.tick_params(axis="x", labelbottom=True)
            fig.suptitle(
                "Share of each month's rejections raising the theme (grey band: no texts that month)", fontsize=10
            )
            fig.tight_layout()
            alt = (
                f"Small multiples, one panel per theme, of the share of each month's rejections raising it, "
                f"{months[0]} to {months[-1]}. "
                + "; ".join(
                    f"{_label(t)}: "
                    + ", ".join(f"{m} {c.get(t, 0)}/{totals[m]}" for m, c in summary.by_period if totals.get(m))
                    for t in shown
                )
                + (f". Months with no texts: {', '.join(empty)}." if empty else ".")
            )
            charts.append(_Chart("Themes over time", alt, _png(fig)))
    return charts


def _month_label(month: str, with_year: bool) -> str:
    import calendar

    year, m = month.split("-")
    return calendar.month_abbr[int(m)] + (f"\n{year}" if with_year else "")


def _template_env(autoescape: bool):
    from importlib import resources

    import jinja2

    def load(name):
        return resources.files("jobfeedback").joinpath("templates", name).read_text("utf-8")

    env = jinja2.Environment(
        loader=jinja2.FunctionLoader(load),
        autoescape=autoescape,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["pct"] = lambda x: f"{x:.0%}"
    env.filters["plural"] = lambda count, word, many=None: f"{count} {word if count == 1 else (many or word + 's')}"
    env.filters["kind"] = lambda count, kind: f"{count} {_KIND_WORDS[kind][count != 1]}"
    env.filters["md"] = _md_escape
    env.globals["label"] = _label
    env.globals["kind_words"] = _KIND_WORDS
    env.globals["describe"] = describe
    return env


_KIND_WORDS = {
    "rejection": ("rejection", "rejections"),
    "offer": ("offer", "offers"),
    "invitation": ("invitation to a next stage", "invitations to a next stage"),
    "other": ("other message (acknowledgement, status update)", "other messages (acknowledgements, status updates)"),
}


def _md_escape(text) -> str:
    """Make text safe inside a Markdown line or table cell."""
    text = " ".join(str(text).split())
    for ch in ("\\", "|", "*", "_", "`", "[", "]", "<", ">"):
        text = text.replace(ch, "\\" + ch)
    return text


def _render(template: str, summary, charts) -> str:
    env = _template_env(autoescape=template.endswith(".html.j2"))
    months = dict(summary.rejections_by_period)
    return env.get_template(template).render(
        s=summary,
        charts=charts or [],
        themes_shown=[t for t, c, _ in summary.theme_counts if c > 0],
        months=months,
        THEMES=THEMES,
    )


def to_html(summary) -> str:
    """Return a self-contained HTML report of a :class:`~jobfeedback.summary.Summary`.

    Charts are embedded as PNG (matplotlib, ``pip install "jobfeedback[report]"``); the
    page makes no request to the network. Text from the feedback is escaped.
    """
    return _render("report.html.j2", summary, charts=_charts(summary))


def to_markdown(summary) -> str:
    """Return a Markdown report of a :class:`~jobfeedback.summary.Summary` (no charts).

    Text from the feedback is escaped, so it cannot add Markdown or HTML to the report.
    """
    return _render("report.md.j2", summary, charts=None)
