"""The error catalogue: every coded message in one place, codes unique, each used, every raise coded."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from jobfeedback.errors import Errors

SRC = Path(__file__).resolve().parents[1] / "src" / "jobfeedback"


def _codes():
    return {name: value for name, value in vars(Errors).items() if re.fullmatch(r"E\d{3}", name)}


def test_each_message_starts_with_its_own_code():
    for name, message in _codes().items():
        assert message.startswith(name + " "), name


def test_every_code_is_used():
    sources = "\n".join(p.read_text("utf-8") for p in SRC.rglob("*.py"))
    unused = [name for name in _codes() if f"Errors.{name}" not in sources]
    assert not unused


def test_no_coded_message_is_written_outside_the_catalogue():
    for path in SRC.rglob("*.py"):
        if path.name == "errors.py":
            continue
        text = path.read_text("utf-8")
        assert not re.search(r"""["']E\d{3} """, text), f"{path.name} writes a coded message inline"


def test_every_raise_carries_a_code():
    # A raise is coded when its message comes from Errors, or it raises NotInstalled (coded
    # itself), or it re-raises. AttributeError from module __getattr__ follows Python's wording.
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Raise) or node.exc is None:
                continue
            source = ast.unparse(node.exc)
            if source.startswith(("NotInstalled(", "AttributeError(")) or "Errors.E" in source:
                continue
            if isinstance(node.exc, ast.Name):  # re-raise of a caught exception
                continue
            raise AssertionError(f"{path.name}:{node.lineno}: uncoded raise {source[:80]}")
