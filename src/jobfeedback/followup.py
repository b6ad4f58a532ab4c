"""Draft the email to send back: thanks and a request for feedback after a rejection, a short note otherwise.

The rejection email follows the guide's Stay Professional section (thank the people
involved, say you remain interested) and its Request Feedback section (ask what to
improve), with questions shaped by the themes found (``data/followup.json``).
"""

from __future__ import annotations

import warnings

from ._resources import load_json


def _questions() -> dict:
    """The questions to ask, per theme and in general (``data/followup.json``)."""
    return load_json("followup.json")


def _role_phrase(role: str | None) -> str | None:
    if not role:
        return None
    role = role.strip()
    return role[: -len(" role")].strip() if role.lower().endswith(" role") else role


def draft_follow_up(analysis, recipient=None, sender=None, role=None, company=None, name=None) -> str:
    """Return the email for ``analysis`` (subject line first); see :meth:`Analysis.follow_up_email`."""
    if name is not None:
        warnings.warn(
            "follow_up_email(name=...) is deprecated: the parameter is the recipient's name; use recipient=...",
            DeprecationWarning,
            stacklevel=3,
        )
        recipient = recipient or name
    title = _role_phrase(role or analysis.role)
    the_role = f"the {title} role" if title else "the role"
    at_company = f" at {company}" if company else ""
    greeting = f"Hi {recipient}," if recipient else "Hello,"
    signature = ["", "Best regards,", sender or "[your name]", ""]
    if analysis.kind == "other":
        return ""
    if analysis.kind == "offer":
        subject = f"Subject: Your offer - {title}" if title else "Subject: Thank you for the offer"
        body = (
            f"Thank you very much for offering me {the_role}{at_company}. I am delighted, and I will give you "
            "my answer by the date you asked. Could you send me the contract and the details of pay, benefits "
            "and the start date in writing, so I can review them?"
        )
        return "\n".join([subject, "", greeting, "", body, *signature])
    if analysis.kind == "invitation":
        subject = f"Subject: Next stage - {title}" if title else "Subject: Thank you for the invitation"
        body = (
            f"Thank you for inviting me to the next stage for {the_role}{at_company}; I would be glad to take part. "
            "Could you tell me what this stage involves, how long it takes and who I will meet?"
        )
        return "\n".join([subject, "", greeting, "", body, *signature])

    subject = f"Subject: Thank you - {title} application" if title else "Subject: Thank you for your time"
    team = f"the team at {company}" if company else "your colleagues"
    names = analysis.theme_names
    skill = " and ".join(analysis.skills[:2]) if analysis.skills else "the technical skills"
    experience = f"depth of experience in {analysis.areas[0]}" if analysis.areas else "kind or amount of experience"
    by_theme = _questions()["questions"]
    questions = [by_theme[t].format(skill=skill, experience=experience) for t in names if t in by_theme][:2]
    lines = [
        subject,
        "",
        greeting,
        "",
        (
            f"Thank you for letting me know, and for the time you and {team} spent considering me for {the_role}. "
            f"I enjoyed learning about the work, and I remain interested in {company or 'the company'}."
        ),
        "",
    ]
    if questions:
        lines.append("I would value your feedback, so I can improve:")
        lines += [f"- {q}" for q in questions]
    else:
        lines.append(_questions()["generic"])
    lines.append("")
    if "logistics" in names or "competition" in names:
        lines.append("If the situation changes or a similar role opens, I would be glad to hear from you.")
    else:
        lines.append("I would be glad to stay in touch and to be considered for future openings.")
    return "\n".join(lines + signature)
