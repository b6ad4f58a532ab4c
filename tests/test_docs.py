"""The README's Python examples run, so the README cannot rot."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"


def _blocks(lang):
    return re.findall(rf"```{lang}\n(.*?)```", README.read_text("utf-8"), flags=re.S)


@pytest.mark.model
def test_readme_python_blocks_run():
    blocks = _blocks("python")
    assert blocks
    for block in blocks:
        exec(compile(block, str(README), "exec"), {"__name__": "__readme__"})


def test_readme_cli_examples_run(tmp_path, monkeypatch):
    from jobfeedback.cli import main

    monkeypatch.chdir(README.parent)
    commands = [
        line[2:] for block in _blocks("console") for line in block.splitlines() if line.startswith("$ jobfeedback ")
    ]
    assert commands
    for command in commands:
        args = shlex.split(command)[1:]
        args = [str(tmp_path / a) if a.startswith("out") else a for a in args]
        assert main(args) == 0, command


def test_quickstart_has_two_commands():
    text = README.read_text("utf-8")
    section = text.split("## Quickstart", 1)[1]
    block = re.search(r"```(?:bash|sh|shell)?\n(.*?)```", section, flags=re.S).group(1)
    lines = [line for line in block.splitlines() if line.strip() and not line.strip().startswith("#")]
    assert len(lines) == 2
    assert "datasets/" in lines[0] and "pytest" in lines[1]
