"""The playbook and guide data: every theme has steps, every step cites a real guide heading."""

from __future__ import annotations

import pytest

from jobfeedback import THEMES
from jobfeedback._resources import load_json
from jobfeedback.playbook import GUIDE_SECTIONS, next_steps


def test_guide_headings_are_the_guides():
    assert GUIDE_SECTIONS == ("Request Feedback", "Stay Professional", "Keep Networking", "Continue Your Job Search", "Conclusion")


def test_every_theme_has_two_steps_citing_guide_headings():
    book = load_json("playbook.json")
    assert set(book["themes"]) == set(THEMES)
    for theme, steps in book["themes"].items():
        assert len(steps) >= 2, theme
    for group in (book["always"], book["no_reason"], book["external_only"], *book["themes"].values()):
        for step in group:
            assert step["guide_section"] in GUIDE_SECTIONS
            assert step["action"].strip()


@pytest.mark.parametrize("theme", THEMES)
def test_steps_for_each_theme(theme):
    steps = next_steps((theme,), skills=("Kubernetes",), role="Platform Engineer")
    assert steps[0].guide_section == "Stay Professional"
    assert sum(s.theme == theme for s in steps) >= 2
    text = " ".join(s.action for s in steps)
    assert "{" not in text and "}" not in text
    if theme == "skills_gap":
        assert "Kubernetes" in text


def test_no_reason_and_external_reasons_ask_for_feedback():
    for themes in [(), ("competition",), ("logistics", "competition")]:
        assert any(s.guide_section == "Request Feedback" and s.theme is None for s in next_steps(themes))


def test_unknown_theme_is_an_error():
    with pytest.raises(ValueError, match="nope"):
        next_steps(("nope",))
