"""The spaCy component works through the entry point, without importing jobfeedback first."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.model
@pytest.mark.slow
def test_add_pipe_in_fresh_process_without_import():
    code = (
        "import sys, spacy\n"
        "nlp = spacy.blank('en')\n"
        "nlp.add_pipe('sentencizer')\n"
        "nlp.add_pipe('jobfeedback')\n"
        "doc = nlp('Thanks for your time. Your SQL was weak.')\n"
        "a = doc._.jobfeedback\n"
        "print(type(a).__name__, 'skills_gap' in a.theme_names)\n"
        "sents = list(doc.sents)\n"
        "print(sents[1]._.jobfeedback_scores['skills_gap'] > sents[0]._.jobfeedback_scores['skills_gap'])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["Analysis", "True", "True"]


def test_component_pipe():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("jobfeedback")
    docs = list(nlp.pipe(["We hired someone else.", "Your SQL was weak."]))
    assert [d._.jobfeedback.text for d in docs] == ["We hired someone else.", "Your SQL was weak."]
