"""pandas and Dask integration: result columns for a column of texts, and ``df.jobfeedback``."""

from __future__ import annotations

import json

from .errors import Errors
from .results import Analysis
from .taxonomy import THEMES

RESULT_COLUMNS: tuple[str, ...] = (
    "kind",
    "tone",
    "tone_score",
    "polarity",
    "subjectivity",
    *(f"score_{t}" for t in THEMES),
    "themes",
    "evidence",
    "next_steps",
    "skills",
    "role",
    "language",
    "is_supported",
    "truncated",
    "error",
    "status",
)
"""The columns :func:`analyze_frame` and the file CLI add, in order."""


def result_row(a: Analysis) -> dict:
    """Flatten an analysis into the flat, file-friendly values of :data:`RESULT_COLUMNS`.

    Lists are joined with ``"; "`` (themes, skills) or serialised as JSON (evidence,
    next steps) so that every cell is a plain string or number in CSV too.
    """
    row = {
        "kind": a.kind if a.analysed else "",
        "tone": a.sentiment.label if a.analysed else "",
        "tone_score": a.sentiment.score,
        "polarity": a.sentiment.polarity,
        "subjectivity": a.sentiment.subjectivity,
    }
    for t in THEMES:
        row[f"score_{t}"] = a.score(t)
    row["themes"] = "; ".join(a.theme_names)
    row["evidence"] = json.dumps({h.name: list(h.evidence) for h in a.themes}, ensure_ascii=False)
    row["next_steps"] = json.dumps([s.to_dict() for s in a.next_steps], ensure_ascii=False)
    row["skills"] = "; ".join(a.skills)
    row["role"] = a.role or ""
    row["language"] = a.language
    row["is_supported"] = a.is_supported
    row["truncated"] = a.truncated
    row["error"] = a.error or ""
    row["status"] = a.status
    return row


def results_frame(analyses, index=None):
    """Return a pandas DataFrame of :data:`RESULT_COLUMNS` for ``analyses``."""
    import pandas as pd

    rows = [result_row(a) for a in analyses]
    return pd.DataFrame(rows, columns=list(RESULT_COLUMNS), index=index)


def _check_column(df, text_column: str) -> None:
    if text_column not in df.columns:
        raise KeyError(Errors.E060.format(column=text_column, columns=list(map(str, df.columns))))
    clash = [c for c in RESULT_COLUMNS if c in df.columns]
    if clash:
        raise ValueError(Errors.E061.format(clash=clash))


def analyze_frame(
    df, text_column: str, *, analyzer=None, n_jobs: int = 1, batch_size: int = 256, progress: bool = False
):
    """Analyse ``df[text_column]``; return a new DataFrame: the original columns, then the results.

    Rows keep their order and index; a missing, empty or non-text cell gives a row whose
    ``error`` column says why, and a text in another language one whose ``status`` is
    "not analysed (language: xx)"; neither has a tone, themes or next steps. A Dask DataFrame gives a Dask DataFrame (lazy,
    partition by partition; needs the ``dask`` extra).

    Parameters
    ----------
    df : pandas.DataFrame or dask.dataframe.DataFrame
    text_column : str
        The column holding the feedback texts.
    analyzer : Analyzer, optional
        Defaults to the shipped model.
    n_jobs, batch_size, progress
        As in :meth:`Analyzer.analyze_many` (pandas only).

    Returns
    -------
    DataFrame of the same kind as ``df``.
    """
    from .analyzer import default_analyzer

    analyzer = analyzer or default_analyzer()
    if _is_dask(df):
        return _analyze_dask(df, text_column, analyzer, batch_size)
    import pandas as pd

    if not isinstance(df, pd.DataFrame):
        raise TypeError(Errors.E062.format(type=type(df).__name__))
    _check_column(df, text_column)
    analyses = analyzer.analyze_many(df[text_column].tolist(), n_jobs=n_jobs, batch_size=batch_size, progress=progress)
    return pd.concat([df, results_frame(analyses, index=df.index)], axis=1)


def _is_dask(df) -> bool:
    return type(df).__module__.startswith("dask")


def _analyze_partition(part, text_column, analyzer, batch_size):
    import pandas as pd

    analyses = analyzer.analyze_many(part[text_column].tolist(), batch_size=batch_size)
    return pd.concat([part, results_frame(analyses, index=part.index)], axis=1)


def _analyze_dask(ddf, text_column, analyzer, batch_size):
    _check_column(ddf, text_column)
    # Dask's sample partition has placeholder values, so the result dtypes are the real ones.
    meta = _analyze_partition(ddf._meta_nonempty, text_column, analyzer, batch_size).iloc[:0]
    return ddf.map_partitions(_analyze_partition, text_column, analyzer, batch_size, meta=meta)


class JobfeedbackAccessor:
    """``df.jobfeedback``: analyse a text column of a DataFrame.

    >>> df.jobfeedback.analyze("feedback")  # doctest: +SKIP
    """

    def __init__(self, df):
        self._df = df

    def analyze(self, text_column: str, **kwargs):
        """Return a new DataFrame with the result columns; see :func:`analyze_frame`."""
        return analyze_frame(self._df, text_column, **kwargs)


def register_accessor() -> None:
    """Register ``DataFrame.jobfeedback`` (done automatically once pandas is imported)."""
    import warnings

    import pandas as pd

    if "jobfeedback" in getattr(pd.DataFrame, "_accessors", set()):
        return
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        pd.api.extensions.register_dataframe_accessor("jobfeedback")(JobfeedbackAccessor)
