"""jobfeedback: read job-application feedback and say what it means and what to do next.

>>> import jobfeedback
>>> a = jobfeedback.analyze("Thanks for interviewing. Your SQL was not strong enough for this role.")
>>> [hit.name for hit in a.themes]
['skills_gap']

Importing the package is cheap: spaCy, scikit-learn and the model load on first use.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from ._version import __version__ as __version__
from .results import Analysis, NextStep, Sentiment, ThemeHit
from .taxonomy import THEMES, TONES

# A library does not print: the application decides where warnings go (and the analysed
# text is never logged, at any level).
logging.getLogger("jobfeedback").addHandler(logging.NullHandler())

if TYPE_CHECKING:  # pragma: no cover
    from collections.abc import Iterable, Iterator

    from .analyzer import Analyzer

__all__ = [
    "THEMES",
    "TONES",
    "Analysis",
    "Analyzer",
    "NextStep",
    "Sentiment",
    "ThemeHit",
    "analyze",
    "analyze_frame",
    "analyze_many",
    "pipe",
    "summarize",
]


def analyze(text: str, *, redact: bool = False) -> Analysis:
    """Analyse one feedback text with the shipped default model.

    Parameters
    ----------
    text : str
        A rejection email, interview feedback, recruiter note or an account of a call.
    redact : bool
        Replace email addresses, phone numbers and names in the result's text fields.

    Returns
    -------
    Analysis
        Tone, themes with evidence, and next steps.

    Raises
    ------
    TypeError
        If ``text`` is not a ``str``.
    """
    from .analyzer import default_analyzer

    return default_analyzer().analyze(text, redact=redact)


def analyze_many(
    texts: Iterable, *, n_jobs: int = 1, batch_size: int = 256, progress: bool = False, redact: bool = False
) -> list[Analysis]:
    """Analyse many texts with the default model: one :class:`Analysis` per input, same order.

    See :meth:`Analyzer.analyze_many`; results equal :func:`analyze` on each text, and
    items that are not text give a result with ``error`` set instead of raising.
    """
    from .analyzer import default_analyzer

    return default_analyzer().analyze_many(
        texts, n_jobs=n_jobs, batch_size=batch_size, progress=progress, redact=redact
    )


def pipe(texts: Iterable, *, n_jobs: int = 1, batch_size: int = 256, progress: bool = False) -> Iterator[Analysis]:
    """Yield analyses lazily, in order, for an iterable of any length (bounded memory).

    See :meth:`Analyzer.pipe`.
    """
    from .analyzer import default_analyzer

    return default_analyzer().pipe(texts, n_jobs=n_jobs, batch_size=batch_size, progress=progress)


def analyze_frame(df, text_column: str, **kwargs):
    """Analyse the texts in a DataFrame column; return a new DataFrame with result columns.

    See :func:`jobfeedback.frame.analyze_frame`.
    """
    from .frame import analyze_frame as _analyze_frame

    return _analyze_frame(df, text_column, **kwargs)


def summarize(analyses, dates=None, groups=None, group_name=None):
    """Summarise many analyses: message kinds, recurring themes with evidence and next steps, trends.

    See :func:`jobfeedback.summary.summarize`.
    """
    from .summary import summarize as _summarize

    return _summarize(analyses, dates=dates, groups=groups, group_name=group_name)


def __getattr__(name: str):
    if name == "Analyzer":
        from .analyzer import Analyzer

        return Analyzer
    raise AttributeError(f"module 'jobfeedback' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))


from . import _pandas_hook  # noqa: E402  (registers the DataFrame accessor when pandas is imported)

_pandas_hook.install()
