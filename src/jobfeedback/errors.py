"""Every error jobfeedback raises, each with a code and a message that says what to do.

All inherit from :class:`JobfeedbackError`, so callers can catch one type.
"""

from __future__ import annotations


class Errors:
    """Every coded message jobfeedback shows, in one place (as spaCy's ``errors.py``).

    A message says what was wrong and what to do; ``{name}`` fields are filled with
    ``str.format`` where it is raised. Codes are unique and never reused.
    """

    # Model directories (E00x, E011)
    E001 = "E001 Model directory {path!r} does not exist or is not a directory."
    E002 = (
        "E002 {path!r} is not a jobfeedback model: it needs {model} and {meta}. "
        "Train one with `jobfeedback train --output DIR`."
    )
    E003 = "E003 {path!r} is not valid JSON: {exc}"
    E004 = (
        "E004 Model format {found!r} is not supported by this jobfeedback (expects {expected}). "
        "Retrain with `jobfeedback train` or install a matching version."
    )
    E005 = "E005 Model labels {labels} do not match this version's themes {themes}."
    E006 = (
        "E006 Refusing to load {path!r}: loading a model runs code from its joblib file. "
        "Pass trusted=True (CLI: --trust-model) only for model directories you created or trust."
    )
    E007 = (
        "E007 {file} in {path!r} does not match the sha256 recorded in {meta} (expected {expected}…, found "
        "{found}…). The file was changed or corrupted; it was not loaded. Reinstall jobfeedback or retrain the model."
    )
    E008 = (
        "E008 The model was saved with scikit-learn {saved} but {installed} is installed. "
        "Install scikit-learn=={saved} or retrain with `jobfeedback train`."
    )
    E009 = "E009 {file} in {path!r} does not hold a jobfeedback FeedbackModel."
    E011 = "E011 {path!r} has no model_sha256; refusing to load an unverified model."

    # Arguments (E05x)
    E050 = "E050 {name} must be at least 1, got {value}."
    E051 = "E051 analyze() expects a str, got {type}; use analyze_many() for many texts."
    E052 = "E052 ngram_range must be (1, 1) or (1, 2), got {value!r}."

    # The dataset (E02x)
    E020 = "E020 No dataset found: run from the project checkout (datasets/feedback.jsonl) or pass --data FILE."
    E021 = "E021 {path}:{line}: invalid JSON ({msg})"
    E022 = "E022 {path}:{line}: missing field(s) {missing}"
    E023 = "E023 {path}:{line}: unknown theme, tone or kind in {labels!r}"
    E024 = "E024 The dataset has no records in split {split!r}."

    # Moved from the modules that raise them
    E030 = "E030 Unknown format {explicit!r}; use one of {choices}"
    E031 = "E031 Cannot tell the format of {path!r} from its extension; pass --format ({choices})."
    E032 = "E032 Input file {path!r} does not exist."
    E033 = "E033 Column {text_column!r} not found in {path!r}; columns are {columns}."
    E034 = "E034 {path!r} is empty: no header row."
    E035 = "E035 {path!r} is not valid CSV: {exc}"
    E036 = "E036 {path!r} line {lineno}: invalid JSON ({msg})."
    E037 = "E037 {path!r} line {lineno}: expected a JSON object, got {type}."
    E038 = "E038 {path!r} is not a valid Parquet file: {exc}"
    E039 = "E039 The output file must differ from the input file."
    E040 = "E040 The input already has result column(s) {clash}; rename them first."
    E044 = "E044 {path!r} is a binary file, not {format} text (it holds NUL bytes). Export it as CSV or JSONL (UTF-8), or pass a Parquet file."
    E045 = "E045 {path!r} cannot be read as CSV text: {exc}"

    # DataFrames and arguments (E06x)
    E060 = "E060 Column {column!r} not found; the DataFrame has columns {columns}."
    E061 = "E061 The DataFrame already has result column(s) {clash}; rename or drop them first."
    E062 = "E062 analyze_frame() expects a pandas or Dask DataFrame, got {type}."
    E063 = "E063 Unknown theme(s) {unknown}; known themes: {known}."
    E065 = "E065 {name} has {n} items but there are {n_analyses} analyses; give one per analysis."
    E064 = "E064 Unknown kind {kind!r}; known kinds: {known}."

    # Data files (E07x)
    E070 = (
        "E070 data/{source}: the line {line!r} ends in an unknown marker; the only marker is {mark} "
        "(after a name that counts only when written with its capital letter)."
    )
    E071 = "E071 Case-sensitive names {names} are not among the lexicon's entries; add them to the entries."

    # Optional dependencies
    E010 = "E010 This feature needs {package!r}, which is not installed. Install it with: pip install 'jobfeedback[{extra}]'"

    # Moved from the modules that raise them
    E041 = "E041 {what} column {column!r} not found; columns are {columns}."
    E042 = "E042 Cannot write a report to {output_path!r}: reports are HTML or Markdown; name the file with one of {choices}."
    E043 = "E043 --format {fmt} disagrees with the extension of {output_path!r} ({suffix})."

    # The model (E1xx)
    E101 = "E101 Iterable over raw texts expected, got a single string. Wrap it in a list: model.predict_proba([text])."
    E102 = "E102 Expected an iterable of str or of parsed texts, got items of type(s) {types}."
    E103 = "E103 Theme labels must have shape ({n}, {k}) (one row per text, one column per theme), got {shape}."
    E104 = "E104 Got {n_tones} labels or rationales for {n} texts; give one per text."
    E105 = "E105 Unknown {what}(s) {unknown}; known {what}s: {known}."
    E106 = "E106 levels must be 'both', 'sentence' or 'text', got {levels!r}."


class JobfeedbackError(Exception):
    """Base class of the errors jobfeedback raises on purpose."""


class ModelLoadError(JobfeedbackError):
    """A model directory could not be loaded safely (missing, tampered, untrusted, incompatible)."""


class InputFileError(JobfeedbackError, ValueError):
    """An input file cannot be read as asked (format, encoding, missing column, malformed line)."""


class NotInstalled(JobfeedbackError, ImportError):
    """An optional dependency is missing; the message names the pip extra that provides it."""

    def __init__(self, package: str, extra: str):
        super().__init__(Errors.E010.format(package=package, extra=extra))
        self.package = package
        self.extra = extra


class OutputFileError(JobfeedbackError, ValueError):
    """An output file cannot be written as asked (for example, an extension no writer handles)."""
