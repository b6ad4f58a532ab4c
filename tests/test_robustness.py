"""Any input: never raises, never loses a row, flags what it cannot analyse."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textblob import TextBlob

import jobfeedback
from jobfeedback import Analyzer
from jobfeedback.analyzer import default_model_dir

NASTY = [
    json.loads(line)
    for line in (Path(__file__).parent / "data" / "nasty.jsonl").read_text("utf-8").splitlines()
    if line.strip() and "_about" not in line
]


@pytest.mark.parametrize("case", NASTY, ids=[c["name"] for c in NASTY])
def test_nasty_inputs(case):
    a = jobfeedback.analyze(case["text"])
    assert a.text == case["text"]
    assert json.dumps(a.to_dict())
    if not a.analysed:  # empty, no words, or another language: nothing guessed
        assert a.themes == () and a.next_steps == () and a.sentiment.label == ""
        assert (a.error is None) == (a.language not in ("en", "und"))
        return
    for hit in a.themes:
        assert all(ev in case["text"] for ev in hit.evidence)
    assert a.sentiment.polarity == TextBlob(case["text"]).sentiment.polarity


@pytest.mark.parametrize("name", ["german", "french", "spanish", "russian", "chinese", "rtl arabic"])
def test_other_languages_are_flagged_without_themes(name):
    text = next(c["text"] for c in NASTY if c["name"] == name)
    a = jobfeedback.analyze(text)
    assert not a.is_supported and a.language != "en"
    assert a.themes == ()


def test_long_text_is_truncated_with_flag():
    analyzer = Analyzer.load(max_chars=1000)
    text = "Your SQL was weak. " * 200
    a = analyzer.analyze(text)
    assert a.truncated and a.text == text
    assert not jobfeedback.analyze("short").truncated


def test_megabyte_text_completes():
    a = jobfeedback.analyze(("We went with another candidate. Your SQL was weak.\n" * 21000)[:1_000_000])
    assert a.truncated


def test_text_is_never_logged_at_info(caplog):
    secret = "Jane Roe jane.roe@example.com failed the SQL test"
    with caplog.at_level(logging.DEBUG, logger="jobfeedback"):
        jobfeedback.analyze_many([secret, secret * 10_000])
    for record in caplog.records:
        if record.levelno >= logging.INFO:
            assert "Jane" not in record.getMessage()


text_strategy = st.text(alphabet=st.characters(codec="utf-8"), max_size=400)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_strategy)
def test_arbitrary_text_never_raises(text):
    a = jobfeedback.analyze(text)
    assert a.text == text
    for hit in a.themes:
        assert all(ev and ev in text for ev in hit.evidence)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.one_of(text_strategy, st.none(), st.integers(), st.binary(max_size=10)), max_size=12), st.integers(1, 5)
)
def test_batch_equals_single_and_keeps_every_row(items, batch_size):
    out = jobfeedback.analyze_many(items, batch_size=batch_size)
    assert len(out) == len(items)
    for item, a in zip(items, out, strict=True):
        if isinstance(item, str):
            assert a == jobfeedback.analyze(item)
        else:
            assert a.error


def test_parallel_equals_serial():
    texts = [c["text"] for c in NASTY[:12]] + ["Your SQL was weak."] * 5
    assert jobfeedback.analyze_many(texts, n_jobs=2, batch_size=4) == jobfeedback.analyze_many(texts)


def test_default_model_dir_exists():
    assert (default_model_dir() / "meta.json").is_file()


def test_redact_replaces_emails_phones_and_names():
    text = (
        "Hi Sam Patel,\nYour SQL was weak. Call Ms Diaz on +44 20 7946 0958 or write to ana.diaz@acme.com.\n"
        "Best regards,\nAna Diaz"
    )
    plain = jobfeedback.analyze(text)
    red = jobfeedback.analyze(text, redact=True)
    assert red.theme_names == plain.theme_names and red.scores == plain.scores
    blob = json.dumps(red.to_dict())
    for secret in ("Sam", "Patel", "Diaz", "ana.diaz@acme.com", "7946"):
        assert secret not in blob
    assert "[email]" in red.text and "[phone]" in red.text and "[name]" in red.text
    assert jobfeedback.analyze_many([text], redact=True) == [red]
