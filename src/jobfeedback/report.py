"""The report across many texts: summarise analyses, render the summary, or analyse a file and write one.

The aggregation is in :mod:`jobfeedback.summary` and the rendering in
:mod:`jobfeedback.rendering`; their public names are importable from here, where they
have always been.
"""

from __future__ import annotations

from pathlib import Path

from .errors import Errors
from .rendering import to_html, to_markdown
from .summary import MAX_QUOTES, STEPS_PER_THEME_IN_REPORT, Summary, ThemeSummary, summarize

__all__ = [
    "MAX_QUOTES",
    "REPORT_EXTENSIONS",
    "STEPS_PER_THEME_IN_REPORT",
    "Summary",
    "ThemeSummary",
    "report_file",
    "report_format",
    "summarize",
    "to_html",
    "to_markdown",
]

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
    content = to_markdown(summary) if fmt == "md" else to_html(summary)
    with atomic_output(output_path) as tmp:
        Path(tmp).write_text(content, "utf-8")
    return summary
