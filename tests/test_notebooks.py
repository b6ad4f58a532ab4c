"""Every notebook in notebooks/ runs from top to bottom without an error."""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import pytest
from ipykernel.kernelspec import write_kernel_spec
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

NOTEBOOKS_DIR = Path(__file__).resolve().parent.parent / "notebooks"
NOTEBOOKS = sorted(NOTEBOOKS_DIR.glob("*.ipynb"))


@pytest.fixture
def python3_kernel(tmp_path, monkeypatch):
    """Make the "python3" kernel run on this interpreter (sys.executable).

    A "python3" kernel spec installed elsewhere (for instance in ~/.local/share/jupyter)
    may point at another Python without jobfeedback. Kernel specs in JUPYTER_PATH are
    found first, so one written there for sys.executable wins, and nothing is installed
    outside the test's temporary directory.
    """
    write_kernel_spec(tmp_path / "kernels" / "python3")
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    assert KernelSpecManager().get_kernel_spec("python3").argv[0] == sys.executable
    return "python3"


def test_notebooks_exist():
    assert NOTEBOOKS, f"no notebooks found in {NOTEBOOKS_DIR}"


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_without_errors(path, python3_kernel):
    nb = nbformat.read(path, as_version=4)  # an in-memory copy: the file is not rewritten
    client = NotebookClient(
        nb,
        timeout=300,
        kernel_name=python3_kernel,
        resources={"metadata": {"path": str(NOTEBOOKS_DIR)}},
    )
    client.execute()

    errors = [
        (index, output.get("ename"), output.get("evalue"))
        for index, cell in enumerate(nb.cells)
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
    assert not errors, f"{path.name}: cells raised {errors}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebooks_store_no_outputs(path):
    """Stored outputs go stale whenever the model is retrained, so none are kept.

    The notebooks are run by ``test_notebook_runs_without_errors``; clear them before
    committing with ``jupyter nbconvert --clear-output --inplace notebooks/*.ipynb``.
    """
    nb = nbformat.read(path, as_version=4)
    stale = [
        i for i, cell in enumerate(nb.cells) if cell.cell_type == "code" and (cell.outputs or cell.execution_count)
    ]
    assert not stale, f"{path.name}: cells {stale} have stored outputs; clear them (see this test's docstring)"
