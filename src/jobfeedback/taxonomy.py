"""The theme taxonomy: the seven ids, in order, with their descriptions (from ``data/taxonomy.json``)."""

from __future__ import annotations

from ._resources import load_json
from .errors import Errors

_TAXONOMY = load_json("taxonomy.json")["themes"]

THEMES: tuple[str, ...] = tuple(t["id"] for t in _TAXONOMY)
"""The theme ids, in the taxonomy's order."""

IMPROVEMENT_THEMES: tuple[str, ...] = tuple(t["id"] for t in _TAXONOMY if t["kind"] == "improvement")
"""Themes about the candidate's merit, which the candidate can work on."""

TONES: tuple[str, ...] = ("positive", "neutral", "negative", "mixed")
"""The tone labels, toward the candidate."""

KINDS: tuple[str, ...] = ("rejection", "offer", "invitation", "other")
"""What a message is: a rejection, a job offer, an invitation to a next stage, or anything else."""


def describe(theme: str) -> dict:
    """Return the taxonomy entry (id, kind, label, description, definition) of ``theme``.

    Raises
    ------
    KeyError
        If ``theme`` is not one of :data:`THEMES`.
    """
    for entry in _TAXONOMY:
        if entry["id"] == theme:
            return dict(entry)
    raise KeyError(Errors.E063.format(unknown=[theme], known=", ".join(THEMES)))
