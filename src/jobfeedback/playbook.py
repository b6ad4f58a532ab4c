"""Turn the themes of an analysis into next steps from the guide (``data/playbook.json``)."""

from __future__ import annotations

from ._resources import load_json
from .results import NextStep
from .taxonomy import IMPROVEMENT_THEMES, THEMES

GUIDE_SECTIONS: tuple[str, ...] = tuple(s["heading"] for s in load_json("guide.json")["sections"])
"""The exact headings of the guide's sections, in the guide's order."""

STEPS_PER_THEME = 2


def _fill(template: str, skills: tuple[str, ...], role: str | None) -> str:
    if skills:
        skill = skills[0] if len(skills) == 1 else ", ".join(skills[:-1]) + " and " + skills[-1]
    else:
        skill = "the skills they mentioned"
    return template.format(
        skill=skill,
        the_role=f"the {role} role" if role else "this role",
        roles=f"{role} roles" if role else "similar roles",
    )


def next_steps(themes: tuple[str, ...], skills: tuple[str, ...] = (), role: str | None = None) -> tuple[NextStep, ...]:
    """Return the next steps for a text that raised ``themes`` (most important first).

    Every result starts with a Stay Professional step. A text with no improvement
    theme (no reason, or only other candidates or logistics) gets a Request Feedback
    step, worded for each case. Each theme then adds its first :data:`STEPS_PER_THEME` steps, personalised
    with the named ``skills`` and ``role``.

    Parameters
    ----------
    themes : tuple of str
        Theme ids, most confident first.
    skills : tuple of str
        Skills the text names as missing; used in skills_gap steps.
    role : str or None
        The role the text names.

    Returns
    -------
    tuple of NextStep
    """
    unknown = [t for t in themes if t not in THEMES]
    if unknown:
        raise ValueError(f"Unknown theme(s) {unknown}; known themes: {', '.join(THEMES)}")
    book = load_json("playbook.json")
    steps: list[NextStep] = [NextStep(None, _fill(s["action"], skills, role), s["guide_section"]) for s in book["always"]]
    if not themes:
        steps += [NextStep(None, _fill(s["action"], skills, role), s["guide_section"]) for s in book["no_reason"]]
    elif not any(t in IMPROVEMENT_THEMES for t in themes):
        steps += [NextStep(None, _fill(s["action"], skills, role), s["guide_section"]) for s in book["external_only"]]
    for theme in themes:
        for s in book["themes"][theme][:STEPS_PER_THEME]:
            steps.append(NextStep(theme, _fill(s["action"], skills, role), s["guide_section"]))
    return tuple(steps)
