"""Replace personal data in results: email addresses, phone numbers and people's names.

Feedback is personal data. With ``redact=True`` the analysis is done on the original text
(so results do not change), then every text field of the result is redacted before it
is returned. Names are found without a language model, from where they appear in
feedback: after a greeting ("Hi Sam"), after a title ("Ms Diaz"), in the signature block
after a sign-off, and as "[Name]"-style placeholders. Other names in running text are not
found; do not rely on redaction alone before publishing texts.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from ._resources import load_lines

EMAIL = re.compile(r"[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}")
PHONE = re.compile(r"(?<![\w/])\+?\d[\d ().-]{6,18}\d(?![\w/])")
_NAME = r"[A-Z][a-z'’-]{1,30}(?:[ \t]+[A-Z][a-z'’-]{1,30}){0,2}"
_AFTER_GREETING = re.compile(rf"\b(?:Hi|Hello|Hey|Dear|Thanks|Thank you|Cheers|Regards|Best|Sincerely)[ \t,]+({_NAME})")
_AFTER_TITLE = re.compile(rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof)\.?[ \t]+({_NAME})")
_SIGNATURE_NAME = re.compile(
    rf"(?m)^(?:Best|Kind|Warm|Many thanks|Thanks|Thank you|Regards|Best regards|Kind regards|Sincerely|Cheers)\b[^\n]{{0,20}}\n[ \t]*({_NAME})[ \t]*$"
)


@cache
def _not_names() -> frozenset[str]:
    """Words that look like a name after a greeting or title but are not one (``data/not_names.txt``)."""
    return frozenset(load_lines("not_names.txt"))


def _names(text: str) -> set[str]:
    found = set()
    for pattern in (_AFTER_GREETING, _AFTER_TITLE, _SIGNATURE_NAME):
        for m in pattern.finditer(text):
            name = m.group(1)
            if name.split()[0] not in _not_names():
                found.add(name)
    return found


def redact_text(text: str, names: set[str] | None = None) -> str:
    """Return ``text`` with emails, phone numbers and the given (or found) names replaced."""
    names = _names(text) if names is None else names
    text = EMAIL.sub("[email]", text)
    text = PHONE.sub("[phone]", text)
    for name in sorted(names, key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(name)}\b", "[name]", text)
    return text


def redact_analysis(analysis):
    """Return a copy of ``analysis`` with personal data replaced in every text field."""
    names = _names(analysis.text)

    def clean(value: str) -> str:
        return redact_text(value, names)

    return replace(
        analysis,
        text=clean(analysis.text),
        themes=tuple(replace(h, evidence=tuple(clean(e) for e in h.evidence)) for h in analysis.themes),
        next_steps=tuple(replace(s, action=clean(s.action)) for s in analysis.next_steps),
        role=clean(analysis.role) if analysis.role else analysis.role,
    )
