"""Shared fixtures: the default analyser, and no network for any test."""

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


@pytest.fixture(scope="session")
def analyzer():
    from jobfeedback.analyzer import default_analyzer

    return default_analyzer()
