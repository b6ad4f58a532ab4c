"""What keeps coming back across many feedback texts: a summary, and an HTML or Markdown report."""

from __future__ import annotations

import base64
import io
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Errors
from .kinds import KINDS
from .playbook import next_steps
from .taxonomy import IMPROVEMENT_THEMES, THEMES, TONES, describe

MAX_QUOTES = 3
"""Evidence sentences quoted per theme in the report."""

STEPS_PER_THEME_IN_REPORT = 2
"""Next steps shown per theme in the report."""


@dataclass(frozen=True)
class ThemeSummary:
    """One theme across many rejections.

    Attributes
    ----------
    theme : str
        The theme id.
    count : int
        Rejections raising the theme.
    share : float
        ``count`` over the rejections analysed.
    quotes : tuple of str
        Two or three evidence sentences, from different texts, most confident first.
    named : tuple of (str, int)
        What those texts name for it (skills, experience areas, which logistics
        reason...), most frequent first.
    steps : tuple of NextStep
        Its next steps, personalised with what is named most.
    groups : tuple of (str, int)
        With a group column: the groups it came from, most frequent first.
    """

    theme: str
    count: int
    share: float
    quotes: tuple = ()
    named: tuple = ()
    steps: tuple = ()
    groups: tuple = ()

    @property
    def label(self) -> str:
        """The theme's readable name ("Skills gap")."""
        return describe(self.theme)["label"]

    def to_dict(self) -> dict:
        """Return the theme summary as a JSON-serialisable dict."""
        return {
            "theme": self.theme,
            "count": self.count,
            "share": self.share,
            "quotes": list(self.quotes),
            "named": [{"name": n, "count": c} for n, c in self.named],
            "steps": [s.to_dict() for s in self.steps],
            "groups": [{"group": g, "count": c} for g, c in self.groups],
        }


@dataclass(frozen=True)
class Summary:
    """The aggregate of many analyses.

    Attributes
    ----------
    n_texts : int
        Texts analysed: usable text in English (the texts counted per kind). Rows with
        no usable text are counted in ``n_errors``, texts in another language in
        ``n_other_language``.
    n_errors : int
        Rows skipped: missing, empty or not text, or no words (their ``error`` says which).
    theme_counts : tuple of (str, int, float)
        ``(theme, count, share of rejections)`` for every theme, most frequent first.
        Themes are reasons a rejection gives, so only rejections in English count.
    tone_counts : tuple of (str, int)
        Rejections per tone, in :data:`jobfeedback.TONES` order.
    top_skills : tuple of (str, int)
        Skills named as missing, most frequent first.
    no_reason_share : float
        Share of rejections that gave no theme at all.
    focus_theme : str or None
        The improvement theme to work on first (the most frequent), if any.
    plan : tuple of NextStep
        Next steps for the focus theme.
    by_period : tuple of (str, dict)
        ``(month, {theme: count})`` for every month from the first to the last date,
        months without texts included (with an empty dict).
    kind_counts : tuple of (str, int)
        English texts per message kind (rejection, offer, invitation, other).
    period : tuple of (str, str) or None
        The first and last date given, as ``YYYY-MM-DD``.
    themes : tuple of ThemeSummary
        Every theme that comes back, most frequent first.
    rejections_by_period : tuple of (str, int)
        Rejections per month, the denominators of the monthly shares.
    by_group : tuple of (str, int, dict)
        With groups: ``(group, rejections, {theme: count})``, largest group first.
    group_name : str or None
        What the groups are (the column name).
    n_other_language : int
        Rows not analysed because they are in another language (no tone, themes or steps).
    languages : tuple of (str, int)
        Those rows per language code, most frequent first.
    n_undated : int
        Analysed texts whose date is missing or cannot be read: left out of ``period`` and
        ``by_period`` (a warning is logged and the report says so).
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
    kind_counts: tuple = ()
    period: tuple | None = None
    themes: tuple = ()
    rejections_by_period: tuple = ()
    by_group: tuple = ()
    group_name: str | None = None
    n_other_language: int = 0
    languages: tuple = field(default=())
    n_undated: int = 0

    @property
    def n_rejections(self) -> int:
        """English texts that are rejections: the texts themes are counted over."""
        return dict(self.kind_counts).get("rejection", 0)

    @property
    def n_unsupported(self) -> int:
        """Texts not in English: the same as :attr:`n_other_language`."""
        return self.n_other_language

    def to_dict(self) -> dict:
        """Return the summary as a JSON-serialisable dict."""
        return {
            "n_texts": self.n_texts,
            "n_errors": self.n_errors,
            "n_unsupported": self.n_unsupported,
            "kinds": dict(self.kind_counts),
            "period": list(self.period) if self.period else None,
            "themes": [{"theme": t, "count": c, "share": s} for t, c, s in self.theme_counts],
            "theme_details": [t.to_dict() for t in self.themes],
            "tones": dict(self.tone_counts),
            "top_skills": [{"skill": k, "count": c} for k, c in self.top_skills],
            "no_reason_share": self.no_reason_share,
            "focus_theme": self.focus_theme,
            "plan": [s.to_dict() for s in self.plan],
            "by_period": [
                {"period": p, "rejections": n, "themes": dict(c)}
                for (p, c), (_, n) in zip(
                    self.by_period, self.rejections_by_period or [(p, 0) for p, _ in self.by_period], strict=True
                )
            ],
            "by_group": [{"group": g, "rejections": n, "themes": dict(c)} for g, n, c in self.by_group],
            "n_other_language": self.n_other_language,
            "languages": dict(self.languages),
            "n_undated": self.n_undated,
        }

    def to_markdown(self) -> str:
        """Return the summary as a Markdown report."""
        return _render("report.md.j2", self, charts=None)


def _month_range(first: str, last: str) -> list[str]:
    y, m = map(int, first.split("-"))
    ly, lm = map(int, last.split("-"))
    out = []
    while (y, m) <= (ly, lm):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _named_for(theme: str, analysis, hit) -> list[str]:
    """What one text names for ``theme``: skills, areas, or the labels of the parts it raises."""
    from .mentions import aspect_label, find_aspects

    if theme == "skills_gap":
        return list(analysis.skills)
    named = list(analysis.areas) if theme == "experience" else []
    return named + [aspect_label(theme, a) for a in find_aspects(" ".join(hit.evidence), theme)]


def _short(sentence: str, limit: int = 240) -> str:
    sentence = " ".join(sentence.split())
    return sentence if len(sentence) <= limit else sentence[: limit - 1].rsplit(" ", 1)[0] + "\u2026"


def summarize(analyses, dates=None, groups=None, group_name: str | None = None) -> Summary:
    """Aggregate analyses into what comes back most, with next steps for each theme.

    Themes are reasons for a rejection, so they are counted over the English
    rejections only; offers, invitations and other messages are counted by kind.

    Parameters
    ----------
    analyses : iterable of Analysis
    dates : iterable, optional
        One date per analysis (anything pandas can parse); gives the period covered
        and themes over time.
    groups : iterable, optional
        One label per analysis (a company, role or source); breaks themes down by it.
    group_name : str, optional
        What the groups are, for the report's headings.

    Returns
    -------
    Summary
    """
    analyses = list(analyses)
    dates = list(dates) if dates is not None else None
    groups = list(groups) if groups is not None else None
    for name, values in (("dates", dates), ("groups", groups)):
        if values is not None and len(values) != len(analyses):
            raise ValueError(Errors.E065.format(name=name, n=len(values), n_analyses=len(analyses)))
    # Rows with no usable text (missing, empty, not text, no words: their ``error`` says
    # which; or empty as CSV stores missing cells) are skipped, and texts in another
    # language counted apart: neither is feedback that gave no reason.
    ok = [i for i, a in enumerate(analyses) if a.error is None and a.text.strip()]
    english = [i for i in ok if analyses[i].is_supported]
    other = Counter(analyses[i].language for i in ok if not analyses[i].is_supported)
    kinds = Counter(analyses[i].kind for i in english)
    rejections = [i for i in english if analyses[i].kind == "rejection"]
    n = len(rejections)
    themes = Counter(t for i in rejections for t in analyses[i].theme_names)
    theme_counts = tuple(
        sorted(((t, themes[t], themes[t] / n if n else 0.0) for t in THEMES), key=lambda x: (-x[1], THEMES.index(x[0])))
    )
    tones = Counter(analyses[i].sentiment.label for i in rejections)
    skills = Counter(s for i in rejections for s in analyses[i].skills)
    no_reason = sum(1 for i in rejections if not analyses[i].themes)
    improvement = [(t, c) for t, c, _ in theme_counts if t in IMPROVEMENT_THEMES and c > 0]
    focus = improvement[0][0] if improvement else None

    details = []
    for theme, count, share in theme_counts:
        if not count:
            continue
        found = [
            (analyses[i].themes[analyses[i].theme_names.index(theme)], i)
            for i in rejections
            if theme in analyses[i].theme_names
        ]
        found.sort(key=lambda hi: -hi[0].confidence)
        quotes: list[str] = []
        for hit, _ in found:
            if hit.evidence and _short(hit.evidence[0]) not in quotes:
                quotes.append(_short(hit.evidence[0]))
            if len(quotes) == MAX_QUOTES:
                break
        named = Counter(x for hit, i in found for x in dict.fromkeys(_named_for(theme, analyses[i], hit)))
        top_skills = tuple(s for s, _ in Counter(s for _, i in found for s in analyses[i].skills).most_common(2))
        top_areas = tuple(a for a, _ in Counter(a for _, i in found for a in analyses[i].areas).most_common(1))
        from .mentions import find_aspects

        aspect_counts = Counter(a for hit, _ in found for a in find_aspects(" ".join(hit.evidence), theme))
        steps = next_steps(
            (theme,),
            top_skills,
            areas=top_areas,
            # A part of the theme gets its own advice only when it is what most of these
            # texts say; a mix of reasons gets the theme's general steps.
            aspects={theme: _main_aspect(aspect_counts, count)},
            courtesy=False,
            limit=STEPS_PER_THEME_IN_REPORT,
        )
        by_group = (
            Counter(str(groups[i]) for _, i in found if _has_value(groups[i])) if groups is not None else Counter()
        )
        details.append(
            ThemeSummary(
                theme, count, share, tuple(quotes), tuple(named.most_common(5)), steps, tuple(by_group.most_common(5))
            )
        )
    # Reasons about the candidate first (what they can act on), then the others.
    details.sort(key=lambda d: (d.theme not in IMPROVEMENT_THEMES, -d.count, THEMES.index(d.theme)))
    plan = next(d.steps for d in details if d.theme == focus) if focus else next_steps((), courtesy=False)

    by_period: tuple = ()
    rejections_by_period: tuple = ()
    period = None
    n_undated = 0
    if dates is not None:
        import pandas as pd

        parsed = pd.to_datetime(pd.Series([dates[i] for i in ok], dtype=object), errors="coerce", format="mixed")
        dated = list(zip(ok, parsed, strict=True))
        known = [(i, d) for i, d in dated if not pd.isna(d)]
        is_english = set(english)
        n_undated = sum(1 for i, d in dated if pd.isna(d) and i in is_english)
        if known:
            first, last = min(d for _, d in known), max(d for _, d in known)
            period = (first.strftime("%Y-%m-%d"), last.strftime("%Y-%m-%d"))
            months = _month_range(first.strftime("%Y-%m"), last.strftime("%Y-%m"))
            per: dict[str, Counter] = {m: Counter() for m in months}
            per_n: Counter = Counter()
            is_rejection = set(rejections)
            for i, d in known:
                if i in is_rejection:
                    per[d.strftime("%Y-%m")].update(analyses[i].theme_names)
                    per_n[d.strftime("%Y-%m")] += 1
            by_period = tuple((m, dict(per[m])) for m in months)
            rejections_by_period = tuple((m, per_n[m]) for m in months)
    if n_undated:
        import logging

        logging.getLogger("jobfeedback").warning(
            "%d analysed texts have a missing or unreadable date: left out of the period and the themes over time.",
            n_undated,
        )

    by_group_rows: tuple = ()
    if groups is not None:
        per_group: dict[str, Counter] = {}
        n_group: Counter = Counter()
        for i in rejections:
            g = str(groups[i]) if _has_value(groups[i]) else "(none)"
            n_group[g] += 1
            per_group.setdefault(g, Counter()).update(analyses[i].theme_names)
        by_group_rows = tuple(
            (g, c, dict(per_group[g])) for g, c in sorted(n_group.items(), key=lambda gc: (-gc[1], gc[0]))
        )

    return Summary(
        n_texts=len(english),
        n_errors=len(analyses) - len(ok),
        theme_counts=theme_counts,
        tone_counts=tuple((t, tones.get(t, 0)) for t in TONES),
        top_skills=tuple(skills.most_common(10)),
        no_reason_share=no_reason / n if n else 0.0,
        focus_theme=focus,
        plan=plan,
        by_period=by_period,
        kind_counts=tuple((k, kinds.get(k, 0)) for k in KINDS),
        period=period,
        themes=tuple(details),
        rejections_by_period=rejections_by_period,
        by_group=by_group_rows,
        group_name=group_name,
        n_other_language=sum(other.values()),
        languages=tuple(other.most_common()),
        n_undated=n_undated,
    )


def _main_aspect(counts: Counter, n: int) -> tuple[str, ...]:
    """The part of a theme most of its texts name, if one clearly leads (else none)."""
    top = counts.most_common(2)
    if not top or top[0][1] < 0.4 * n or (len(top) == 2 and top[1][1] == top[0][1]):
        return ()
    return (top[0][0],)


def _has_value(value) -> bool:
    if value is None:
        return False
    if isinstance(value, float) and math.isnan(value):
        return False
    return str(value).strip() != ""


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


def _charts(summary: Summary) -> list[_Chart]:
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


def _render(template: str, summary: Summary, charts) -> str:
    env = _template_env(autoescape=template.endswith(".html.j2"))
    months = dict(summary.rejections_by_period)
    return env.get_template(template).render(
        s=summary,
        charts=charts or [],
        themes_shown=[t for t, c, _ in summary.theme_counts if c > 0],
        months=months,
        THEMES=THEMES,
    )


def to_html(summary: Summary) -> str:
    """Return a self-contained HTML report: charts embedded as PNG, no request to the network."""
    return _render("report.html.j2", summary, charts=_charts(summary))


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
        raise OutputFileError(Errors.E042.format(output_path=str(output_path), choices=", ".join(REPORT_EXTENSIONS)))
    if fmt is not None and fmt != from_suffix:
        raise OutputFileError(Errors.E043.format(fmt=fmt, output_path=str(output_path), suffix=suffix))
    return from_suffix


def report_file(
    input_path,
    output_path,
    *,
    text_column: str,
    date_column=None,
    group_column=None,
    fmt=None,
    analyzer=None,
    progress=False,
) -> Summary:
    """Analyse a file of texts and write an HTML or Markdown report; return the summary.

    The format follows the extension of ``output_path`` (see :func:`report_format`), checked
    before the model is loaded or any text is analysed.
    """
    from .analyzer import default_analyzer
    from .errors import InputFileError
    from .files import atomic_output, count_rows, detect_format, read_chunks

    fmt = report_format(output_path, fmt)
    analyzer = analyzer or default_analyzer()
    analyses, dates, groups = [], [], []
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(unit="text", desc="jobfeedback", total=count_rows(Path(input_path), detect_format(input_path)))
    try:
        for chunk in read_chunks(input_path, text_column):
            for column, what in ((date_column, "Date"), (group_column, "Group")):
                if column is not None and column not in chunk.columns:
                    raise InputFileError(Errors.E041.format(what=what, column=column, columns=list(chunk.columns)))
            analyses += analyzer.analyze_many(chunk[text_column].tolist())
            if date_column is not None:
                dates += chunk[date_column].tolist()
            if group_column is not None:
                groups += chunk[group_column].tolist()
            if bar is not None:
                bar.update(len(chunk))
    finally:
        if bar is not None:
            bar.close()
    summary = summarize(
        analyses,
        dates if date_column is not None else None,
        groups if group_column is not None else None,
        group_name=group_column,
    )
    content = summary.to_markdown() if fmt == "md" else to_html(summary)
    with atomic_output(output_path) as tmp:
        Path(tmp).write_text(content, "utf-8")
    return summary
