"""Cleaning masks email noise without moving offsets; sentences map back to the original."""

from __future__ import annotations

import pytest

from jobfeedback.cleaning import mask_noise
from jobfeedback.sentences import segment_many


def test_mask_keeps_length_and_line_breaks():
    text = "<p>Hi Sam,</p>\n<p>Your SQL was weak.</p>\nBest regards,\nAna Diaz\nRecruiter | Acme\n+1 555 123 4567"
    masked = mask_noise(text)
    assert len(masked) == len(text)
    # Original line breaks stay; block tags such as <p> become line breaks too.
    assert {i for i, c in enumerate(text) if c == "\n"} <= {i for i, c in enumerate(masked) if c == "\n"}
    assert "Your SQL was weak." in masked
    for noise in ("<p>", "Hi Sam", "Best regards", "Ana Diaz", "555"):
        assert noise not in masked


@pytest.mark.parametrize(
    "text, kept, dropped",
    [
        (
            "Thanks for applying.\n\nOn Tue, 3 May 2026, Jo <jo@x.com> wrote:\n> Any news?",
            "Thanks for applying.",
            "Any news",
        ),
        ("We went with someone else.\n-----Original Message-----\nFrom: me\nHello?", "someone else", "Hello?"),
        ("Role filled.\n--\nSent with care\nACME Ltd", "Role filled.", "ACME"),
        ("Role filled.\nSent from my iPhone", "Role filled.", "iPhone"),
        (
            "Your Excel was weak.\nThis email and any attachments are confidential and intended for the addressee only.",
            "Excel",
            "confidential",
        ),
    ],
)
def test_mask_removes_replies_signatures_footers(text, kept, dropped):
    masked = mask_noise(text)
    assert kept in masked
    assert dropped not in masked


@pytest.mark.parametrize(
    "line, kept",
    [
        ("Hi John, unfortunately we went with someone else.", "unfortunately we went with someone else."),
        ("Thanks for applying, but the role is filled.", "Thanks for applying, but the role is filled."),
        ("Thank you, but the role is filled.", "Thank you, but the role is filled."),
        ("Hey we went with another candidate today sorry", "Hey we went with another candidate today sorry"),
    ],
)
def test_sentences_that_start_like_greetings_or_sign_offs_are_kept(line, kept):
    assert mask_noise(line).strip() == kept


def test_segments_point_into_original():
    text = "<div>Hello Ana,<br>We loved your portfolio.  But your Figma skills\nneed work.</div>\n- bullet one\n- bullet two"
    [segments] = segment_many([mask_noise(text)])
    assert segments
    for s in segments:
        assert text[s.start : s.end].strip()
        assert s.clean.split()[0] in text[s.start : s.end]
    cleaned = [s.clean for s in segments]
    assert "- bullet one" in cleaned and "- bullet two" in cleaned


def test_headers_at_top_and_footer_sentences_in_one_line_html():
    text = (
        "From: careers@acme.com\nSubject: Your application\n\nHi Jo,\n\nYour SQL was weak.\n"
        "<p>We went with someone else.</p><p>Please do not reply to this email. Good luck!</p>"
    )
    masked = mask_noise(text)
    assert "careers@acme.com" not in masked and "Subject" not in masked
    assert "Your SQL was weak." in masked and "We went with someone else." in masked
    assert "do not reply" not in masked and "Good luck!" in masked


def test_greeting_on_the_same_line_as_the_message():
    masked = mask_noise("Hi [Name], Thank you for applying. We filled the role.")
    assert "Hi" not in masked and masked.strip().startswith("Thank you for applying.")


def test_empty_and_noise_only():
    assert mask_noise("") == ""
    assert segment_many(["", "   ", mask_noise("Best regards,\nTom")]) == [[], [], []]


def test_stray_angle_brackets_do_not_blow_up():
    text = "<" * 50_000 + "a" * 50_000 + "Your SQL was weak."
    assert len(mask_noise(text)) == len(text)


def test_hard_wrapped_paragraph_stays_one_sentence():
    text = "Thank you for interviewing. The panel felt your SQL was not\nstrong enough for the role.\n- next bullet\nNew line"
    [segments] = segment_many([mask_noise(text)])
    assert [s.clean for s in segments] == [
        "Thank you for interviewing.",
        "The panel felt your SQL was not strong enough for the role.",
        "- next bullet",
        "New line",
    ]


def test_a_job_level_i_ends_a_sentence():
    from jobfeedback.sentences import parse_texts

    (p,) = parse_texts(["Thanks for applying for Software Engineer I. We regret that this position has closed."])
    assert [s.clean for s in p.segments] == [
        "Thanks for applying for Software Engineer I.",
        "We regret that this position has closed.",
    ]
    (q,) = parse_texts(["Ana J. Smith called about the role."])
    assert len(q.segments) == 1  # other initials do not end a sentence
