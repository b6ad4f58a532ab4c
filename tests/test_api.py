"""The public API other tools rely on: names, types, invariants."""

from __future__ import annotations

import json

import pytest
from textblob import TextBlob

import jobfeedback
from jobfeedback import THEMES, Analysis, NextStep, Sentiment, ThemeHit
from jobfeedback.analyzer import EMPTY_TEXT
from jobfeedback.playbook import GUIDE_SECTIONS

TEXTS = [
    "Thank you for interviewing with us. Unfortunately your Kubernetes knowledge was not deep enough for the Platform Engineer role.",
    "We received many strong applications and have offered the position to another candidate.",
    "Dear Applicant, thank you for applying. We will not be progressing your application.",
    "You were brilliant in the interview and the team loved you, but the role has been cancelled due to budget cuts.",
    "Your answers rambled and you talked over the panel. You also hadn't looked at our website at all.",
    "",
    "   \n\t ",
    "ok",
]


def test_public_names():
    for name in [
        "analyze",
        "analyze_many",
        "pipe",
        "Analyzer",
        "Analysis",
        "ThemeHit",
        "Sentiment",
        "NextStep",
        "THEMES",
        "summarize",
        "analyze_frame",
    ]:
        assert hasattr(jobfeedback, name), name
    assert set(jobfeedback.__all__) <= set(dir(jobfeedback))
    assert THEMES == (
        "skills_gap",
        "experience",
        "communication",
        "culture_fit",
        "interview_preparation",
        "logistics",
        "competition",
    )


@pytest.mark.parametrize("text", TEXTS)
def test_result_types_and_invariants(text):
    a = jobfeedback.analyze(text)
    assert isinstance(a, Analysis)
    assert a.text == text
    assert len(a.scores) == len(THEMES)
    assert json.loads(json.dumps(a.to_dict()))["text"] == text
    if not text.strip():  # not analysed: no tone, themes or next steps, and error says why
        assert a.error and not a.analysed and a.status == f"not analysed: {a.error}"
        assert a.sentiment.label == "" and a.to_dict()["sentiment"]["label"] is None
        assert a.themes == () and a.next_steps == ()
        return
    assert isinstance(a.themes, tuple) and all(isinstance(h, ThemeHit) for h in a.themes)
    assert [h.confidence for h in a.themes] == sorted((h.confidence for h in a.themes), reverse=True)
    for hit in a.themes:
        assert hit.name in THEMES
        assert 0.0 <= hit.confidence <= 1.0
        assert hit.evidence, "a theme found must show at least one sentence"
        for sentence in hit.evidence:
            assert sentence and sentence in text
    assert isinstance(a.sentiment, Sentiment)
    assert a.sentiment.label in ("positive", "neutral", "negative", "mixed")
    assert 0.0 <= a.sentiment.score <= 1.0
    blob = TextBlob(text).sentiment
    assert a.sentiment.polarity == blob.polarity
    assert a.sentiment.subjectivity == blob.subjectivity
    assert a.next_steps and all(isinstance(s, NextStep) for s in a.next_steps)
    assert all(s.guide_section in GUIDE_SECTIONS for s in a.next_steps)
    if a.kind == "rejection":
        assert any(s.guide_section == "Stay Professional" for s in a.next_steps)
    assert len(a.next_steps) <= 4
    assert len(a.scores) == len(THEMES)
    assert json.loads(json.dumps(a.to_dict()))["text"] == text


def test_analyze_rejects_non_strings_naming_the_type():
    for bad, name in [(None, "NoneType"), (b"bytes", "bytes"), (3, "int"), (["a"], "list")]:
        with pytest.raises(TypeError, match=name):
            jobfeedback.analyze(bad)


def test_empty_text_is_an_error_with_no_tone_themes_or_steps():
    for text in ["", "   ", "\n\n", "\u00a0\t"]:
        a = jobfeedback.analyze(text)
        assert a.error == EMPTY_TEXT
        assert a.themes == () and a.next_steps == () and a.sentiment.label == ""
        assert not a.is_supported and not a.analysed


def test_short_notes_are_analysed():
    for text in ["ok", "No.", "Not selected.", "HM pass, no reason given."]:
        a = jobfeedback.analyze(text)
        assert a.error is None and a.analysed and a.language == "en", text
        assert a.sentiment.label in ("positive", "neutral", "negative", "mixed") and a.next_steps


def test_analyze_many_equals_analyze_in_order():
    many = jobfeedback.analyze_many(TEXTS)
    assert len(many) == len(TEXTS)
    assert many == [jobfeedback.analyze(t) for t in TEXTS]
    assert list(jobfeedback.pipe(iter(TEXTS), batch_size=3)) == many


def test_analyze_many_keeps_bad_rows():
    items = ["Your SQL was weak.", None, float("nan"), b"raw", 42, ""]
    out = jobfeedback.analyze_many(items)
    assert len(out) == len(items)
    assert out[0].error is None and out[-1].error == EMPTY_TEXT
    assert "None" in out[1].error and "NaN" in out[2].error and "bytes" in out[3].error and "int" in out[4].error
    assert all(a.themes == () for a in out[1:5])


@pytest.mark.model
def test_clear_cases(shipped_analyzer):
    analyzer = shipped_analyzer
    cases = {
        "Unfortunately your Kubernetes knowledge was not deep enough for this role.": "skills_gap",
        "We have decided to offer the position to another candidate.": "competition",
        "The role has been put on hold because of a hiring freeze.": "logistics",
        "You rambled a lot and your answers were hard to follow.": "communication",
    }
    for text, theme in cases.items():
        assert theme in analyzer.analyze(text).theme_names, text


@pytest.mark.model
def test_generic_rejection_gets_no_theme_and_request_feedback():
    a = jobfeedback.analyze(
        "Dear Applicant,\nThank you for your application. Unfortunately we will not be progressing it further. "
        "We wish you the best in your search.\nKind regards,\nThe Recruiting Team"
    )
    assert a.themes == ()
    assert a.sentiment.label == "neutral"
    assert any(s.guide_section == "Request Feedback" for s in a.next_steps)


@pytest.mark.model
def test_next_steps_name_the_skill():
    a = jobfeedback.analyze(
        "Thanks for your time. Your Kubernetes experience was too thin: you could not explain pods or deployments."
    )
    assert "skills_gap" in a.theme_names
    assert "Kubernetes" in a.skills
    assert any("Kubernetes" in s.action for s in a.next_steps if s.theme == "skills_gap")


def test_score_lookup():
    a = jobfeedback.analyze("We went with another candidate.")
    assert a.score("competition") == a.scores[THEMES.index("competition")]
    with pytest.raises(KeyError):
        a.score("nope")


def test_results_are_frozen_and_hashable_parts():
    a = jobfeedback.analyze("We went with another candidate.")
    with pytest.raises(AttributeError):
        a.text = "x"  # type: ignore[misc]
    hash(a.sentiment)
    hash(a.next_steps)


@pytest.mark.model
def test_follow_up_email_is_tailored():
    a = jobfeedback.analyze("Your SQL was not strong enough for the Data Analyst role.")
    email = a.follow_up_email(recipient="Marta", sender="Alex Kim", company="Brightline")
    assert email.startswith("Subject:")
    assert "Hi Marta," in email and "Brightline" in email
    assert "SQL" in email
    assert email.rstrip().endswith("Best regards,\nAlex Kim")
    generic = jobfeedback.analyze("We will not be progressing your application.").follow_up_email()
    assert "could you share" in generic


def _analysis(kind="rejection", role=None, themes=()):
    return Analysis(
        text="x", themes=themes, sentiment=Sentiment("neutral", 0.5, 0.0, 0.0), next_steps=(), role=role, kind=kind
    )


@pytest.mark.parametrize("role", [None, "Platform Engineer", "Platform Engineer role"])
@pytest.mark.parametrize("company", [None, "Brightline"])
def test_follow_up_email_reads_well_with_or_without_role_and_company(role, company):
    email = _analysis().follow_up_email(recipient="Marta", sender="Alex", role=role, company=company)
    subject = email.splitlines()[0]
    assert "the role" not in subject and "role role" not in email and "  " not in email
    if role:
        assert "for the Platform Engineer role." in email and "Platform Engineer" in subject
    else:
        assert "considering me for the role." in email
    assert ("Brightline" in email) == bool(company)
    assert "Best regards,\nAlex" in email


def test_follow_up_email_name_is_deprecated_but_works():
    with pytest.warns(DeprecationWarning, match="recipient"):
        email = _analysis().follow_up_email(name="Marta")
    assert "Hi Marta," in email and "[your name]" in email


@pytest.mark.parametrize("kind, words", [("offer", "offering me"), ("invitation", "next stage")])
def test_offer_and_invitation_get_a_short_different_note(kind, words):
    email = _analysis(kind=kind, role="Data Analyst").follow_up_email(recipient="Jo", sender="Sam")
    assert words in email and "feedback" not in email and "stronger" not in email
    assert len(email.split()) < 80


def test_no_email_for_an_acknowledgement():
    assert _analysis(kind="other").follow_up_email() == ""


@pytest.mark.model
def test_analyzer_load_default_and_repr():
    a = jobfeedback.Analyzer.load()
    assert "models" in repr(a)
    assert a.analyze("We went with another candidate.") == jobfeedback.analyze("We went with another candidate.")


@pytest.mark.model
def test_offer_is_not_a_rejection():
    a = jobfeedback.analyze(
        "Congratulations! We are pleased to offer you the position of Data Analyst. The offer letter is attached."
    )
    assert a.kind == "offer" and a.to_dict()["kind"] == "offer"
    text = " ".join(s.action for s in a.next_steps)
    assert "offer" in text
    assert "future openings" not in text and "form rejection" not in text and "stronger" not in text
    assert len(a.next_steps) <= 2


@pytest.mark.model
def test_invitation_and_acknowledgement_get_their_own_answer():
    invite = jobfeedback.analyze("We would like to invite you to the next round. Please schedule an interview slot.")
    assert invite.kind == "invitation" and len(invite.next_steps) == 1 and "next stage" in invite.next_steps[0].action
    ack = jobfeedback.analyze("We have received your application and are still reviewing applications.")
    assert ack.kind == "other" and "No decision yet" in ack.next_steps[0].action


def test_rejection_steps_are_bounded_and_distinct():
    for text in TEXTS:
        a = jobfeedback.analyze(text)
        assert len(a.next_steps) <= 4
        assert len({s.action for s in a.next_steps}) == len(a.next_steps)


def test_theme_strength_words():
    from jobfeedback.results import confidence_word

    assert confidence_word(0.95, 0.4) == "clear"
    assert confidence_word(0.7, 0.4) == "likely"
    assert confidence_word(0.45, 0.4) == "possible"
    assert confidence_word(0.3, 0.4) == "not found"
    hit = ThemeHit("skills_gap", 0.45, ("x",), threshold=0.4)
    assert hit.strength == "possible" and hit.to_dict()["strength"] == "possible"


def test_found_themes_carry_their_threshold():
    a = jobfeedback.analyze("We went with another candidate.")
    assert all(h.threshold is not None and h.confidence >= h.threshold for h in a.themes)


def test_tone_description_has_no_meaningless_percentage():
    assert jobfeedback.analyze("").sentiment.describe() == "not analysed"
    assert Sentiment("positive", 0.92, 0.5, 0.5).describe() == "positive (clear, 92%)"
