"""Email cleaning (cleaning.py): noise is masked by spaces, never moved or rewritten."""

from __future__ import annotations

import pytest

from jobfeedback.cleaning import mask_noise

EMAIL = (
    "Hi Dana,\n\nThank you for your time last week. Unfortunately your SQL was not strong enough.\n\n"
    "Best regards,\nMorgan Lee\nTalent Team | Northwind Ltd\n\n"
    "This email and any attachments are confidential. If you received it in error, please delete it."
)


def test_masking_keeps_every_offset():
    masked = mask_noise(EMAIL)
    assert len(masked) == len(EMAIL)
    for i, (a, b) in enumerate(zip(EMAIL, masked, strict=True)):
        assert b == a or b == " " or (a == "\n" and b == "\n"), i


def test_the_message_stays_and_the_noise_goes():
    masked = mask_noise(EMAIL)
    assert "your SQL was not strong enough" in masked
    assert "Morgan Lee" not in masked
    assert "confidential" not in masked


@pytest.mark.parametrize(
    "noise",
    [
        "<p>Your SQL was weak.</p><br>",
        "> On Tue, 3 Mar 2026, Dana wrote:\n> thanks for the update",
        "Sent from my iPhone",
    ],
)
def test_markup_quotes_and_signatures_are_masked(noise):
    masked = mask_noise(noise)
    assert len(masked) == len(noise)
    assert "<p>" not in masked and "wrote:" not in masked and "iPhone" not in masked


def test_plain_notes_are_left_alone():
    note = "HM pass - wants more AWS"
    assert mask_noise(note) == note


def test_empty_text():
    assert mask_noise("") == ""
