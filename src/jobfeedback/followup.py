"""Draft the thank-you and request-for-feedback email the guide recommends, shaped by the themes found."""

from __future__ import annotations

# One question per theme: what the candidate most needs to learn when that theme came up.
_QUESTIONS = {
    "skills_gap": "Which part of {skill} mattered most for the role, and what level would you expect someone to reach?",
    "experience": "What kind or amount of experience were you looking for, so I can judge how to build it?",
    "communication": "Was there a moment where my answers were unclear or too long? An example would help me most.",
    "culture_fit": "What ways of working or values did you feel were missing from my answers?",
    "interview_preparation": "Which part of my preparation (examples, research, the task) would have made the biggest difference?",
}
_GENERIC_QUESTION = "If you have a moment, could you share one or two things that would have made my application stronger?"


def draft_follow_up(analysis, name=None, role=None, company=None) -> str:
    """Return a plain-text email (subject line first) for ``analysis``; see :meth:`Analysis.follow_up_email`."""
    role = role or analysis.role or "the role"
    team = company or "your team"
    skill = ", ".join(analysis.skills[:2]) if analysis.skills else "the technical skills"
    questions = [_QUESTIONS[t].format(skill=skill) for t in analysis.theme_names if t in _QUESTIONS][:2]
    if not questions:
        questions = [_GENERIC_QUESTION]
    names = analysis.theme_names
    lines = [
        f"Subject: Thank you - {role}",
        "",
        f"Hi {name or 'there'},",
        "",
        f"Thank you for letting me know, and for the time you and {team} spent considering me for {role}. "
        "I enjoyed learning about the work and I remain interested in the company.",
        "",
    ]
    if questions == [_GENERIC_QUESTION]:
        lines.append(_GENERIC_QUESTION)
    else:
        lines.append("I would value your feedback so I can improve:")
        lines += [f"- {q}" for q in questions]
    lines.append("")
    if "logistics" in names or "competition" in names:
        lines.append("If the situation changes or a similar role opens, I would be glad to hear from you.")
    else:
        lines.append("I would be glad to stay in touch and to be considered for future openings.")
    lines += ["", "Best regards,", ""]
    return "\n".join(lines)
