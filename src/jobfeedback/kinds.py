"""Tell what kind of message a text is: a rejection, an offer, an invitation to a next stage, or other.

Only rejections get rejection advice; offers and invitations get a short fitting answer.
:func:`kind_from_text` is the one place that decides, so a learned classifier can replace
it without touching anything else.

The rules (``data/kinds.json``) were measured before shipping, with
``tests/test_kinds.py``: on the 4,648 texts of ``datasets/feedback.jsonl`` (all of them
rejections) and on the hand-written offers, invitations and acknowledgements of
``tests/data/kinds.jsonl``. See that test for the bounds they must keep.
"""

from __future__ import annotations

import re
from functools import cache

from ._resources import load_json

KINDS: tuple[str, ...] = ("rejection", "offer", "invitation", "other")
"""The message kinds, the default (rejection) first."""


@cache
def _patterns() -> dict[str, re.Pattern]:
    data = load_json("kinds.json")
    out = {}
    for kind in (*KINDS, "offer_weak"):
        phrases = sorted(data[kind], key=len, reverse=True)
        # Apostrophes are written straight in the data; texts may use curly ones.
        alternatives = (re.escape(p).replace("'", "['\u2019]") for p in phrases)
        out[kind] = re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)
    return out


def kind_from_text(text: str) -> str:
    """Return ``"rejection"``, ``"offer"``, ``"invitation"`` or ``"other"`` for ``text``.

    A rejection phrase wins over the others ("we will not move forward, but we invite
    you to apply again"); then an offer, an invitation, an acknowledgement or status
    update. A text with none of these phrases is taken as a rejection, since feedback
    on an application that did not succeed is what jobfeedback reads.
    """
    patterns = _patterns()
    if patterns["rejection"].search(text):
        return "rejection"
    # A congratulation alone means an offer, but "congratulations, we'd like to invite you
    # to the final round" is an invitation: the weak offer cue comes after invitations.
    for kind in ("offer", "invitation", "offer_weak", "other"):
        if patterns[kind].search(text):
            return "offer" if kind == "offer_weak" else kind
    return "rejection"
