"""Analyses built by hand for the summary and report tests: they do not depend on any model."""

from __future__ import annotations

from jobfeedback import Analysis, Sentiment, ThemeHit


def analysis(text, themes=(), kind="rejection", skills=(), supported=True, error=None):
    """Return an :class:`Analysis` of ``text`` with the given themes (confidence 0.9, the text as evidence)."""
    hits = tuple(ThemeHit(t, 0.9, (f"{text}",), threshold=0.5) for t in themes)
    return Analysis(
        text=text,
        themes=hits,
        sentiment=Sentiment("neutral", 0.8, 0.0, 0.0),
        next_steps=(),
        skills=skills,
        kind=kind,
        is_supported=supported,
        language="en" if supported else "fr",
        error=error,
    )


ANALYSES = [
    analysis("Your SQL was weak <b>really</b>.", ("skills_gap",), skills=("SQL",)),
    analysis("Your SQL and Python were not at the level we need.", ("skills_gap",), skills=("SQL", "Python")),
    analysis("We cannot sponsor a visa.", ("logistics",)),
    analysis("We will not progress your application."),
    analysis("Congratulations, we are pleased to offer you the job.", kind="offer"),
    analysis("We would like to invite you to the next round.", kind="invitation"),
    analysis("Merci, mais non.", supported=False),
    analysis("", error="missing text (None)"),
]
DATES = ["2026-01-03", "2026-01-20", "2026-03-01", "2026-03-10", "2026-03-11", "2026-01-05", "2026-01-06", None]
GROUPS = ["Acme", "Acme", "Finch", None, "Finch", "Acme", "Acme", "Acme"]
