"""The playbook: steps that fit the kind of message and name what the text names."""

from __future__ import annotations

import pytest

from jobfeedback import THEMES
from jobfeedback._resources import load_json
from jobfeedback.playbook import GUIDE_SECTIONS, MAX_STEPS, advise, next_steps
from jobfeedback.results import ThemeHit


def _all_steps(node):
    if isinstance(node, list):
        for item in node:
            yield from _all_steps(item)
    elif isinstance(node, dict):
        if "action" in node:
            yield node
        else:
            for key, value in node.items():
                if key != "_about":
                    yield from _all_steps(value)


def test_guide_headings_are_the_guides():
    assert GUIDE_SECTIONS == (
        "Request Feedback",
        "Stay Professional",
        "Keep Networking",
        "Continue Your Job Search",
        "Conclusion",
    )


def test_every_step_cites_a_guide_heading_and_every_theme_has_general_steps():
    book = load_json("playbook.json")
    assert set(book["themes"]) == set(THEMES)
    for theme, entry in book["themes"].items():
        assert len(entry["general"]) >= 2, theme
    steps = list(_all_steps(book))
    assert len(steps) > 40
    for step in steps:
        assert step["guide_section"] in GUIDE_SECTIONS
        assert step["action"].strip()


def test_playbook_aspects_are_the_ones_mentions_finds():
    book, mentions = load_json("playbook.json"), load_json("mentions.json")
    for theme, entry in book["themes"].items():
        assert set(entry.get("aspects", {})) <= set(mentions["aspects"].get(theme, {})), theme


@pytest.mark.parametrize("theme", THEMES)
def test_steps_for_each_theme(theme):
    steps = next_steps((theme,), skills=("Kubernetes",), role="Platform Engineer", areas=("enterprise sales",))
    assert 2 <= len(steps) <= MAX_STEPS
    assert sum(s.theme == theme for s in steps) >= 1
    assert any(s.guide_section == "Stay Professional" for s in steps)
    text = " ".join(s.action for s in steps)
    assert "{" not in text and "}" not in text
    if theme == "skills_gap":
        assert "Kubernetes" in text
    if theme == "experience":
        assert "enterprise sales" in text


def test_at_most_four_steps_ranked_by_theme_and_none_repeated():
    steps = next_steps(
        ("communication", "interview_preparation", "culture_fit", "skills_gap", "competition"), skills=("SQL",)
    )
    assert len(steps) == MAX_STEPS
    assert [s.theme for s in steps[:3]] == ["communication", "interview_preparation", "culture_fit"]
    assert len({s.action for s in steps}) == len(steps)


def test_steps_saying_the_same_thing_are_given_once():
    # logistics and competition both say "stay in touch"; communication's general
    # practice step repeats its specific one.
    steps = next_steps(("logistics", "competition"))
    assert sum("Stay in touch" in s.action or "remain interested" in s.action for s in steps) == 1
    steps = next_steps(("communication",), aspects={"communication": ("length",)})
    assert sum(s.guide_section == "Continue Your Job Search" for s in steps) == 1


@pytest.mark.parametrize(
    "aspect, words",
    [
        ("salary", "pay range"),
        ("location", "location"),
        ("visa", "sponsor"),
        ("schedule", "shifts"),
        ("role_closed", "reopens"),
    ],
)
def test_each_logistics_reason_gets_its_own_advice(aspect, words):
    steps = next_steps(("logistics",), aspects={"logistics": (aspect,)})
    assert words in steps[0].action
    others = {a for a in ("salary", "location", "visa", "schedule", "role_closed") if a != aspect}
    first_steps = {next_steps(("logistics",), aspects={"logistics": (a,)})[0].action for a in others}
    assert steps[0].action not in first_steps


def test_overqualified_is_not_told_to_build_experience():
    steps = next_steps(("experience",), aspects={"experience": ("overqualified",)})
    assert "overqualified" in steps[0].action
    assert not any("Build experience" in s.action or "amount of experience" in s.action for s in steps)


@pytest.mark.parametrize("kind", ["offer", "invitation", "other"])
def test_other_kinds_get_a_short_fitting_answer(kind):
    steps = next_steps(("competition",), kind=kind, role="Data Analyst")
    assert 1 <= len(steps) <= 2
    text = " ".join(s.action for s in steps)
    assert "future openings" not in text and "form rejection" not in text and "stronger" not in text
    assert all(s.guide_section in GUIDE_SECTIONS for s in steps)


def test_personal_letter_is_not_called_a_form_rejection():
    assert any("form rejection" in s.action for s in next_steps(()))
    assert not any("form rejection" in s.action for s in next_steps((), personal=True))


def test_no_reason_and_external_reasons_ask_for_feedback():
    for themes in [(), ("competition",), ("logistics", "competition")]:
        assert any(s.guide_section == "Request Feedback" and s.theme is None for s in next_steps(themes))


def test_unknown_theme_or_kind_is_an_error():
    with pytest.raises(ValueError, match="nope"):
        next_steps(("nope",))
    with pytest.raises(ValueError, match="nope"):
        next_steps((), kind="nope")


def test_advise_names_the_area_and_does_not_fault_praised_skills():
    text = "Dear Sam, your SQL skills impressed everyone, but we went with someone with more experience in paid social campaigns."
    hits = (
        ThemeHit("experience", 0.9, ("we went with someone with more experience in paid social campaigns.",)),
        ThemeHit("competition", 0.8, ("we went with someone",)),
    )
    advice = advise(text, hits, role=None)
    assert "SQL" not in advice.skills
    assert advice.areas == ("paid social campaigns",)
    text_of_steps = " ".join(s.action for s in advice.steps)
    assert "paid social campaigns" in text_of_steps
    assert "close the gap in SQL" not in text_of_steps and "form rejection" not in text_of_steps


def test_advise_finds_the_logistics_reason_in_the_evidence():
    text = "We are unable to sponsor a work visa for this role."
    advice = advise(text, (ThemeHit("logistics", 0.99, (text,)),))
    assert "sponsor" in advice.steps[0].action and advice.steps[0].theme == "logistics"
