"""The examples in the package's docstrings run and print what they say."""

from __future__ import annotations

import doctest
import importlib
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "jobfeedback"
MODULES = sorted(
    p.stem
    for p in SRC.glob("*.py")
    if any(">>>" in line and "+SKIP" not in line for line in p.read_text("utf-8").splitlines())
)


@pytest.mark.model
@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module("jobfeedback" if name == "__init__" else f"jobfeedback.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
