"""Language identification (language.py): short English notes stay English, other languages are flagged."""

from __future__ import annotations

import pytest

from jobfeedback.language import detect_language


@pytest.mark.parametrize(
    "text",
    [
        "HM pass, no reason given.",
        "screened out - no degree",
        "Requisition cancelled. No action needed.",
        "comp too high",
        "",
    ],
)
def test_short_english_notes_are_english(text):
    assert detect_language(text) == "en"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Niestety zdecydowaliśmy się na innego kandydata, którego doświadczenie lepiej pasuje do stanowiska.", "pl"),
        ("Helaas hebben wij besloten om niet verder te gaan met uw sollicitatie voor deze functie.", "nl"),
        ("Leider müssen wir Ihnen mitteilen, dass wir uns für eine andere Bewerberin entschieden haben.", "de"),
        ("Lamentablemente hemos decidido continuar el proceso con otros candidatos para este puesto.", "es"),
    ],
)
def test_other_languages_are_flagged(text, code):
    assert detect_language(text) == code


def test_an_english_footer_does_not_make_a_french_email_english():
    text = (
        "Bonjour,\n\nNous vous remercions pour votre candidature. Malheureusement, nous avons retenu un autre "
        "profil pour ce poste.\n\nCordialement,\nL'équipe RH\n\n"
        "This email and any attachments are confidential. If you received it in error, please delete it."
    )
    assert detect_language(text) == "fr"
