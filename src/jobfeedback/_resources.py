"""Read the data files shipped inside the package (``jobfeedback/data``: taxonomy, guide, playbook, skills...)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def load_json(name: str) -> dict:
    """Return the parsed JSON data file ``name`` from ``jobfeedback/data``."""
    return json.loads(resources.files("jobfeedback").joinpath("data", name).read_text("utf-8"))


@cache
def load_lines(name: str) -> tuple[str, ...]:
    """Return the non-comment, non-blank lines of the text data file ``name``."""
    text = resources.files("jobfeedback").joinpath("data", name).read_text("utf-8")
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))
