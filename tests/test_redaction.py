"""Redaction (redaction.py): emails, phone numbers and people's names replaced, nothing else."""

from __future__ import annotations

from jobfeedback.redaction import redact_text


def test_emails_and_phones_are_replaced():
    out = redact_text("Write to jo.bloggs@example.com or call +44 20 7946 0958 by Friday.")
    assert "[email]" in out and "[phone]" in out
    assert "example.com" not in out and "7946" not in out
    assert out.endswith("by Friday.")


def test_names_after_a_greeting_and_in_a_signature_are_replaced():
    out = redact_text("Hi Dana,\nYour SQL was weak.\nBest,\nMorgan Lee")
    assert "Dana" not in out and "Morgan Lee" not in out
    assert "Your SQL was weak." in out


def test_given_names_are_replaced_everywhere_and_words_are_not():
    out = redact_text("Dana said Dana's portfolio was strong.", names={"Dana"})
    assert "Dana" not in out and "portfolio was strong" in out


def test_text_without_personal_data_is_unchanged():
    text = "The role has been put on hold."
    assert redact_text(text) == text
