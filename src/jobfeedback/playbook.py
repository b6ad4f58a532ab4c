"""Turn what a text says into next steps from the guide (``data/playbook.json``).

Steps name what the text names (the skill, the experience area, which logistics reason,
which part of communication...), at most :data:`MAX_STEPS` per text, ranked by how sure
each theme is, never two that give the same advice; offers, invitations and other
messages get a short answer of their own instead of rejection advice.
"""

from __future__ import annotations

from dataclasses import dataclass

from ._resources import load_json
from .errors import Errors
from .results import NextStep
from .taxonomy import IMPROVEMENT_THEMES, THEMES

GUIDE_SECTIONS: tuple[str, ...] = tuple(s["heading"] for s in load_json("guide.json")["sections"])
"""The exact headings of the guide's sections, in the guide's order."""

STEPS_PER_THEME = 2
"""Each theme contributes at most this many steps."""

MAX_STEPS = 4
"""A text gets at most this many steps: more is a list nobody acts on."""


def _join(items) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _fill(template: str, skills: tuple[str, ...] = (), role: str | None = None, areas: tuple[str, ...] = ()) -> str:
    return template.format(
        skill=_join(skills[:3]) if skills else "the skills they mentioned",
        area=_join(areas[:2]) if areas else "the area they mentioned",
        the_role=f"the {role} role" if role else "this role",
        roles=f"{role} roles" if role else "similar roles",
    )


def _theme_candidates(theme: str, skills, areas, aspects) -> list[dict]:
    """The steps a theme offers for what the text names, most specific first."""
    entry = load_json("playbook.json")["themes"][theme]
    out: list[dict] = []
    for aspect in aspects:
        out += entry.get("aspects", {}).get(aspect, [])
    named = (theme == "skills_gap" and skills) or (theme == "experience" and areas)
    if named:
        out += entry.get("named", [])
    # A general step only adds a section the specific ones leave out: "research the
    # company..." after a step about the research the text faulted says it twice.
    covered = {s["guide_section"] for s in out}
    return out + [s for s in entry["general"] if s["guide_section"] not in covered]


def next_steps(
    themes: tuple[str, ...],
    skills: tuple[str, ...] = (),
    role: str | None = None,
    *,
    kind: str = "rejection",
    areas: tuple[str, ...] = (),
    aspects: dict[str, tuple[str, ...]] | None = None,
    personal: bool = False,
    courtesy: bool = True,
    limit: int = MAX_STEPS,
) -> tuple[NextStep, ...]:
    """Return the next steps for a message of ``kind`` that raised ``themes``, most important first.

    Parameters
    ----------
    themes : tuple of str
        Theme ids, most confident first.
    skills : tuple of str
        Skills the text names as missing (not those it praises).
    role : str or None
        The role the text names.
    kind : str
        ``"rejection"`` (the default), ``"offer"``, ``"invitation"`` or ``"other"``; only
        rejections get advice per theme.
    areas : tuple of str
        Experience areas the text names ("enterprise sales").
    aspects : dict, optional
        Per theme, the parts of it the text names (see :func:`jobfeedback.mentions.find_aspects`).
    personal : bool
        True for a personal letter: no step then calls it a form rejection.
    courtesy : bool
        End with a Stay Professional thank-you when no step is one yet.
    limit : int
        At most this many steps.

    Returns
    -------
    tuple of NextStep
        Each cites the guide section it is drawn from by its exact heading.
    """
    unknown = [t for t in themes if t not in THEMES]
    if unknown:
        raise ValueError(Errors.E063.format(unknown=unknown, known=", ".join(THEMES)))
    book = load_json("playbook.json")
    if kind != "rejection":
        if kind not in book["kinds"]:
            raise ValueError(Errors.E064.format(kind=kind, known=", ".join(["rejection", *book["kinds"]])))
        return tuple(
            NextStep(None, _fill(s["action"], role=role), s["guide_section"]) for s in book["kinds"][kind][:limit]
        )
    aspects = aspects or {}
    per_theme = [
        [(theme, s) for s in _theme_candidates(theme, skills, areas, aspects.get(theme, ()))] for theme in themes
    ]
    # Round robin: each theme's best step before any theme's second one.
    per_theme = _distinct(per_theme)
    ranked: list[tuple[str | None, dict]] = []
    for rank in range(STEPS_PER_THEME):
        ranked += [steps[rank] for steps in per_theme if rank < len(steps)]
    if not themes:
        ranked += [(None, s) for s in book["no_reason"]["personal" if personal else "form"]]
    elif not any(t in IMPROVEMENT_THEMES for t in themes) and not any(aspects.get(t) for t in themes):
        ranked += [(None, s) for s in book["external_only"]]
    chosen = _distinct([ranked])[0][:limit]
    if courtesy and not any(s["guide_section"] == "Stay Professional" for _, s in chosen):
        chosen = chosen[: limit - 1] + [(None, book["courtesy"][0])]
    return tuple(NextStep(theme, _fill(s["action"], skills, role, areas), s["guide_section"]) for theme, s in chosen)


def _distinct(groups: list[list[tuple]]) -> list[list[tuple]]:
    """Drop, across all groups in order, steps whose text or 'says' key was already used."""
    seen: set[str] = set()
    out = []
    for group in groups:
        kept = []
        for theme, step in group:
            keys = {step["action"], step.get("says", step["action"])}
            if keys & seen:
                continue
            seen |= keys
            kept.append((theme, step))
        out.append(kept)
    return out


@dataclass(frozen=True)
class Advice:
    """What :func:`advise` finds in a text, and the steps it gives."""

    steps: tuple[NextStep, ...]
    skills: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()


def advise(text: str, hits, *, kind: str = "rejection", role: str | None = None) -> Advice:
    """Return the next steps for a text, with the skills and experience areas it names as missing.

    Parameters
    ----------
    text : str
        The (cleaned) text.
    hits : sequence of ThemeHit
        The themes found, most confident first; their evidence narrows what is searched.
    kind : str
        What the message is (see :func:`jobfeedback.kinds.kind_from_text`).
    role : str or None
        The role the text names.
    """
    from .mentions import find_areas, find_aspects, gap_skills, is_personal

    names = tuple(h.name for h in hits)
    evidence = {h.name: tuple(h.evidence) for h in hits}
    skills: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    if kind == "rejection" and any(t in IMPROVEMENT_THEMES for t in names):
        skills = gap_skills(text, evidence.get("skills_gap", ()) + evidence.get("experience", ()))
    if "experience" in names:
        areas = find_areas(" ".join(evidence["experience"])) or find_areas(text)
    # Look for a theme's specifics in its evidence first: "late" in a logistics text
    # should not read as punctuality when the theme is about pay.
    aspects = {t: find_aspects(" ".join(evidence[t]), t) or find_aspects(text, t) for t in names}
    steps = next_steps(names, skills, role, kind=kind, areas=areas, aspects=aspects, personal=is_personal(text))
    return Advice(steps, skills, areas)
