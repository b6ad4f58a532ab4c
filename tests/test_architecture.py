"""The package's shape: no import cycles between modules, no private names imported across them."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "jobfeedback"


def _imports() -> dict[str, set[str]]:
    """For each module, the package modules it imports (at any level: top or inside functions)."""
    graph = {}
    for path in SRC.glob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        deps = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                if node.module:
                    deps.add(node.module.split(".")[0])
                else:  # from . import x
                    deps.update(a.name for a in node.names)
        graph[path.stem] = deps - {path.stem}
    return graph


def test_no_import_cycles():
    graph = _imports()
    # The package's __init__ re-exports the API and imports lazily from many modules; modules
    # importing the package itself would be a cycle, which the graph shows as a dependency on
    # "__init__" (from . import x).
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(module):
        state[module] = 1
        stack.append(module)
        for dep in sorted(graph.get(module, ())):
            if dep not in graph:
                continue
            if state.get(dep) == 1:
                raise AssertionError("import cycle: " + " -> ".join([*stack[stack.index(dep) :], dep]))
            if dep not in state:
                visit(dep)
        stack.pop()
        state[module] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)


def test_no_private_names_imported_across_modules():
    for path in SRC.glob("*.py"):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
                private = [a.name for a in node.names if a.name.startswith("_") and not a.name.startswith("__")]
                assert not private, f"{path.name} imports {private} from .{node.module}"
