"""Every error jobfeedback raises, each with a code and a message that says what to do.

All inherit from :class:`JobfeedbackError`, so callers can catch one type.
"""

from __future__ import annotations


class JobfeedbackError(Exception):
    """Base class of the errors jobfeedback raises on purpose."""


class ModelLoadError(JobfeedbackError):
    """A model directory could not be loaded safely (missing, tampered, untrusted, incompatible)."""


class InputFileError(JobfeedbackError, ValueError):
    """An input file cannot be read as asked (format, encoding, missing column, malformed line)."""


class NotInstalled(JobfeedbackError, ImportError):
    """An optional dependency is missing; the message names the pip extra that provides it."""

    def __init__(self, package: str, extra: str):
        super().__init__(
            f"E010 This feature needs {package!r}, which is not installed. "
            f"Install it with: pip install 'jobfeedback[{extra}]'"
        )
        self.package = package
        self.extra = extra


class OutputFileError(JobfeedbackError, ValueError):
    """An output file cannot be written as asked (for example, an extension no writer handles)."""
