"""Shared fixtures: no network for any test, and which model a test runs on.

Plumbing tests (API, files, CLI in process, report, frames) run on a tiny model fitted on
``tests/tiny.py``'s corpus, so a retrained shipped model cannot break them; tests that
assert what the shipped model predicts carry the ``model`` marker and get the shipped model.
"""

from __future__ import annotations

import socket

import pytest


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Fail any test that tries to open a network connection (the library never should)."""

    def guard(*args, **kwargs):
        raise AssertionError("jobfeedback tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", guard)
    monkeypatch.setattr(socket, "create_connection", guard)


def _tiny_analyzer():
    from tiny import tiny_model

    from jobfeedback import Analyzer

    global _TINY
    try:
        return _TINY
    except NameError:
        _TINY = Analyzer(tiny_model())
        return _TINY


@pytest.fixture(autouse=True)
def default_model_for_the_test(request, monkeypatch):
    """Give plumbing tests the tiny model as the default; ``model``-marked tests keep the shipped one."""
    if request.node.get_closest_marker("model") is None:
        import jobfeedback.analyzer

        tiny = _tiny_analyzer()
        monkeypatch.setattr(jobfeedback.analyzer, "default_analyzer", lambda: tiny)


@pytest.fixture(scope="session")
def analyzer():
    """The tiny-model analyser, for plumbing tests that take an analyser."""
    return _tiny_analyzer()


@pytest.fixture(scope="session")
def shipped_analyzer():
    """The shipped default model, for tests marked ``model``."""
    from jobfeedback.analyzer import default_analyzer

    return default_analyzer()
