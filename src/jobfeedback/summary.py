"""What keeps coming back across many feedback texts: the summary of many analyses.

Aggregation only: :func:`summarize` counts kinds, themes, tones and skills, and picks
quotes and next steps per theme. Rendering the summary as a report (HTML or Markdown)
lives in :mod:`jobfeedback.rendering`; :mod:`jobfeedback.report` writes report files.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

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
        """Return the summary as a Markdown report (see :func:`jobfeedback.report.to_markdown`)."""
        from .rendering import to_markdown

        return to_markdown(self)


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
