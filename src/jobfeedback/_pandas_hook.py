"""Register ``DataFrame.jobfeedback`` without importing pandas at ``import jobfeedback``.

pandas takes about half a second to import; most uses of jobfeedback never need it. If
pandas is already imported, the accessor is registered at once; otherwise a finder on
``sys.meta_path`` waits for pandas' first import and registers it right after.
"""

from __future__ import annotations

import importlib.abc
import importlib.util
import sys


def _register() -> None:
    from .frame import register_accessor

    register_accessor()


class _AfterPandasImport(importlib.abc.MetaPathFinder):
    def find_spec(self, fullname, path=None, target=None):
        if fullname != "pandas":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec("pandas")
        if spec is None or spec.loader is None:
            return spec
        loader = spec.loader
        original_exec = loader.exec_module

        def exec_module(module):
            original_exec(module)
            _register()

        loader.exec_module = exec_module
        return spec


def install() -> None:
    """Register the accessor now if pandas is loaded, else as soon as it is."""
    if "pandas" in sys.modules:
        _register()
    elif not any(isinstance(f, _AfterPandasImport) for f in sys.meta_path):
        sys.meta_path.insert(0, _AfterPandasImport())
