"""Analyse feedback saved in files (CSV, JSONL, Parquet), chunk by chunk, without losing a row.

Every input row gives exactly one output row, in the same order, with the original
columns first and the result columns (:data:`jobfeedback.frame.RESULT_COLUMNS`) after.
Rows whose text is missing, not text, or not valid UTF-8 get an ``error`` instead of
results. The output is written to a temporary file next to the target and renamed into
place only when everything succeeded, so a failure never leaves a half-written file or
destroys an existing one.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import Errors, InputFileError

FORMATS = ("csv", "jsonl", "parquet")
CHUNK_ROWS = 2_000


def detect_format(path, explicit: str | None = None) -> str:
    """Return ``csv``, ``jsonl`` or ``parquet`` from ``explicit`` or the file extension."""
    if explicit:
        if explicit not in FORMATS:
            raise InputFileError(Errors.E030.format(explicit=explicit, choices=", ".join(FORMATS)))
        return explicit
    suffix = Path(path).suffix.lower().lstrip(".")
    fmt = {
        "csv": "csv",
        "tsv": "csv",
        "jsonl": "jsonl",
        "ndjson": "jsonl",
        "json": "jsonl",
        "parquet": "parquet",
        "pq": "parquet",
    }.get(suffix)
    if fmt is None:
        raise InputFileError(Errors.E031.format(path=str(path), choices=", ".join(FORMATS)))
    return fmt


def _has_surrogates(value) -> bool:
    return isinstance(value, str) and any("\udc80" <= c <= "\udcff" for c in value)


def read_chunks(path, text_column: str, fmt: str | None = None, chunk_rows: int = CHUNK_ROWS) -> Iterator:
    """Yield pandas DataFrames of at most ``chunk_rows`` rows from the file at ``path``.

    Raises
    ------
    InputFileError
        If the file is missing, malformed (naming the line) or has no ``text_column``.
    """
    path = Path(path)
    if not path.is_file():
        raise InputFileError(Errors.E032.format(path=str(path)))
    fmt = detect_format(path, fmt)
    if fmt != "parquet":
        _check_is_text(path, fmt)
    reader = {"csv": _csv_chunks, "jsonl": _jsonl_chunks, "parquet": _parquet_chunks}[fmt]
    first = True
    for chunk in reader(path, chunk_rows):
        if first and text_column not in chunk.columns:
            raise InputFileError(
                Errors.E033.format(text_column=text_column, path=str(path), columns=[str(c) for c in chunk.columns])
            )
        first = False
        yield chunk


def _check_is_text(path: Path, fmt: str) -> None:
    """Refuse a binary file (a PDF, a spreadsheet, an image) named as CSV or JSONL, naming it."""
    with open(path, "rb") as f:
        head = f.read(8192)
    if b"\x00" in head:
        raise InputFileError(Errors.E044.format(path=str(path), format=fmt.upper()))


def _csv_chunks(path: Path, chunk_rows: int):
    import pandas as pd

    sep = "\t" if path.suffix.lower() == ".tsv" else ","
    try:
        # Text stays text: no "NA" -> NaN guessing, and an empty cell is an empty text (CSV
        # cannot tell empty from missing). Invalid UTF-8 bytes are
        # kept as surrogates so the row can be flagged and written back unchanged.
        reader = pd.read_csv(
            path,
            sep=sep,
            chunksize=chunk_rows,
            dtype=object,
            keep_default_na=False,
            encoding="utf-8",
            encoding_errors="surrogateescape",
        )
        yield from reader
    except pd.errors.EmptyDataError:
        raise InputFileError(Errors.E034.format(path=str(path))) from None
    except pd.errors.ParserError as exc:
        raise InputFileError(Errors.E035.format(path=str(path), exc=exc).strip()) from None
    except (UnicodeError, ValueError) as exc:  # what pandas raises for other unreadable bytes
        raise InputFileError(Errors.E045.format(path=str(path), exc=exc).strip()) from None


def _jsonl_chunks(path: Path, chunk_rows: int):
    import pandas as pd

    rows: list[dict] = []
    columns: dict[str, None] = {}
    with open(path, "rb") as f:
        for lineno, raw in enumerate(f, 1):
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                line = raw.decode("utf-8", errors="surrogateescape")
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputFileError(Errors.E036.format(path=str(path), lineno=lineno, msg=exc.msg)) from None
            if not isinstance(rec, dict):
                raise InputFileError(Errors.E037.format(path=str(path), lineno=lineno, type=type(rec).__name__))
            columns.update(dict.fromkeys(rec))
            rows.append(rec)
            if len(rows) >= chunk_rows:
                yield pd.DataFrame(rows, columns=list(columns))
                rows = []
    if rows or not columns:
        yield pd.DataFrame(rows, columns=list(columns))


def _parquet_chunks(path: Path, chunk_rows: int):
    try:
        import pyarrow.parquet as pq
    except ImportError:
        from .errors import NotInstalled

        raise NotInstalled("pyarrow", "parquet") from None
    try:
        parquet = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several types for a corrupt file
        raise InputFileError(Errors.E038.format(path=str(path), exc=exc)) from None
    empty = True
    for batch in parquet.iter_batches(batch_size=chunk_rows):
        empty = False
        yield batch.to_pandas()
    if empty:
        yield parquet.schema_arrow.empty_table().to_pandas()


@contextmanager
def atomic_output(path):
    """Give a temporary path next to ``path``; rename it to ``path`` only if the block succeeds."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(fd)
    # mkstemp makes the file private (0600); give it the mode a normal new file would get.
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class _Writer:
    """Append DataFrame chunks to one output file in the given format."""

    def __init__(self, path: Path, fmt: str):
        self.path, self.fmt = path, fmt
        self._parquet = None
        self._first = True

    def write(self, df) -> None:
        if self.fmt == "csv":
            df.to_csv(
                self.path,
                mode="w" if self._first else "a",
                header=self._first,
                index=False,
                encoding="utf-8",
                errors="surrogateescape",
            )
        elif self.fmt == "jsonl":
            with open(self.path, "w" if self._first else "a", encoding="utf-8", errors="surrogateescape") as f:
                for rec in df.to_dict(orient="records"):
                    f.write(json.dumps(rec, ensure_ascii=False, default=_json_default) + "\n")
        else:
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pa.Table.from_pandas(df, preserve_index=False)
            if self._parquet is None:
                self._parquet = pq.ParquetWriter(self.path, table.schema)
            self._parquet.write_table(table.cast(self._parquet.schema))
        self._first = False

    def close(self) -> None:
        if self._parquet is not None:
            self._parquet.close()


def _json_default(value):
    import math

    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return value.item()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def analyze_file(
    input_path,
    output_path,
    text_column: str,
    *,
    analyzer=None,
    input_format: str | None = None,
    output_format: str | None = None,
    n_jobs: int = 1,
    batch_size: int = 256,
    chunk_rows: int = CHUNK_ROWS,
    progress: bool = False,
    redact: bool = False,
) -> int:
    """Analyse ``text_column`` of a CSV/JSONL/Parquet file and write the results; return the row count.

    The input is read in chunks of ``chunk_rows`` rows, so files larger than memory work.

    Parameters
    ----------
    input_path, output_path : path-like
    text_column : str
    analyzer : Analyzer, optional
        Defaults to the shipped model.
    input_format, output_format : str, optional
        ``csv``, ``jsonl`` or ``parquet``; guessed from the extensions when not given.
    n_jobs, batch_size
        As in :meth:`Analyzer.analyze_many`.
    chunk_rows : int
        Rows read at a time.
    progress : bool
        Show a progress bar counting rows.
    redact : bool
        Replace emails, phone numbers and names in the result columns (the original
        text column is kept as it was).

    Raises
    ------
    InputFileError
        For a missing or malformed input or a missing column; the output is not touched.
    """
    import pandas as pd

    from .analyzer import default_analyzer
    from .frame import RESULT_COLUMNS, results_frame

    analyzer = analyzer or default_analyzer()
    out_fmt = detect_format(output_path, output_format)
    in_path = Path(input_path)
    if Path(output_path).resolve() == in_path.resolve():
        raise InputFileError(Errors.E039)
    bar = None
    if progress:
        from tqdm.auto import tqdm

        bar = tqdm(unit="row", desc="jobfeedback", total=count_rows(in_path, detect_format(in_path, input_format)))
    total = 0
    try:
        with atomic_output(output_path) as tmp:
            writer = _Writer(tmp, out_fmt)
            try:
                for chunk in read_chunks(in_path, text_column, input_format, chunk_rows):
                    clash = [c for c in RESULT_COLUMNS if c in chunk.columns]
                    if clash:
                        raise InputFileError(Errors.E040.format(clash=clash))
                    cells = chunk[text_column].tolist()
                    undecodable = [_has_surrogates(v) for v in cells]
                    texts = [None if bad else v for v, bad in zip(cells, undecodable, strict=True)]
                    analyses = analyzer.analyze_many(texts, n_jobs=n_jobs, batch_size=batch_size, redact=redact)
                    results = results_frame(analyses, index=chunk.index)
                    results.loc[undecodable, "error"] = "text is not valid UTF-8"
                    if out_fmt == "csv":
                        # JSON inside a CSV cell is unreadable in a spreadsheet: plain lines instead.
                        results["evidence"] = [readable_evidence(a) for a in analyses]
                        results["next_steps"] = [readable_steps(a) for a in analyses]
                    writer.write(pd.concat([chunk, results], axis=1))
                    total += len(chunk)
                    if bar is not None:
                        bar.update(len(chunk))
            finally:
                writer.close()
    finally:
        if bar is not None:
            bar.close()
    return total


def readable_evidence(analysis) -> str:
    """The evidence of an analysis as plain text for a CSV cell: one ``theme: "sentence"`` per line."""
    return "\n".join(
        f'{hit.name}: "{" ".join(sentence.split())}"' for hit in analysis.themes for sentence in hit.evidence
    )


def readable_steps(analysis) -> str:
    """The next steps of an analysis as plain text for a CSV cell: one ``action (guide: section)`` per line."""
    return "\n".join(f"{step.action} (guide: {step.guide_section})" for step in analysis.next_steps)


def count_rows(path: Path, fmt: str) -> int | None:
    """Row count for the progress bar: Parquet metadata, non-blank lines for JSONL, CSV records.

    CSV is read once more with the csv module (fast, and right about quoted line
    breaks); None if it cannot be read that way, and the bar then shows no total.
    """
    if fmt == "parquet":
        import pyarrow.parquet as pq

        return pq.ParquetFile(path).metadata.num_rows
    if fmt == "jsonl":
        with open(path, "rb") as f:
            return sum(1 for line in f if line.strip())
    import csv

    try:
        with open(path, newline="", encoding="utf-8", errors="surrogateescape") as f:
            delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
            return max(0, sum(1 for row in csv.reader(f, delimiter=delimiter) if row) - 1)
    except (csv.Error, OSError):
        return None
