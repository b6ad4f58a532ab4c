"""What a text names, beyond skills: experience areas, which part of a theme, praise, a personal voice."""

from __future__ import annotations

import pytest

from jobfeedback.mentions import find_areas, find_aspects, gap_skills, is_personal, praised_skills


@pytest.mark.parametrize(
    "text, areas",
    [
        ("The panel felt you lacked experience in enterprise sales; we need a closer.", ("enterprise sales",)),
        ("We went with a candidate with more experience in paid social campaigns.", ("paid social campaigns",)),
        ("We were looking for more hands-on ward experience.", ("ward",)),
        ("You don't have enough experience for the role.", ()),
        ("", ()),
    ],
)
def test_find_areas(text, areas):
    assert find_areas(text) == areas


@pytest.mark.parametrize(
    "text, theme, aspects",
    [
        ("The salary you asked for is above our budget.", "logistics", ("salary",)),
        ("We cannot sponsor a visa.", "logistics", ("visa",)),
        ("The job needs you to relocate to Leeds.", "logistics", ("location",)),
        ("It involves weekend shifts.", "logistics", ("schedule",)),
        ("The role is on hold.", "logistics", ("role_closed",)),
        ("You are overqualified for this post.", "experience", ("overqualified",)),
        ("Your answers rambled and were hard to follow.", "communication", ("length", "structure")),
        ("You had not researched our product.", "interview_preparation", ("research",)),
        ("Thanks for applying.", "logistics", ()),
    ],
)
def test_find_aspects(text, theme, aspects):
    assert find_aspects(text, theme) == aspects


def test_praised_skills_are_not_gaps():
    text = "Your SQL was excellent, but your Python was not at the level we need."
    assert praised_skills(text) == ("SQL",)
    assert gap_skills(text) == ("Python",)


@pytest.mark.parametrize(
    "text, personal",
    [
        ("Dear Sam,\nIt was great to meet you.", True),
        ("It was a real pleasure to talk with you, and I'd be glad to keep in touch.", True),
        ("Dear Candidate,\nThank you for your application. We will not be progressing it.", False),
        ("Thank you for your application. We will not be progressing it.", False),
    ],
)
def test_is_personal(text, personal):
    assert is_personal(text) is personal
