"""The skills lexicon: read once from data/skills.txt, case-sensitive names honoured, shared by features and mentions."""

from __future__ import annotations

import numpy as np
import pytest

from jobfeedback import lexicon
from jobfeedback.features import NgramCounter, _lexicon_keys
from jobfeedback.lexicon import SkillLexicon, default_lexicon
from jobfeedback.mentions import find_skills


@pytest.mark.parametrize(
    "text, skills",
    [
        ("Your R was not strong enough.", ("R",)),
        ("Sorry r we could not offer u the role.", ()),  # "r" in prose is not the language
        ("Your Go and Python were fine, but we had to go with someone else.", ("Go", "Python")),
        ("We need strong SQL; your sql was weak.", ("SQL",)),  # not case-sensitive: any case counts
        ("Your Excel pivot tables, and Excel in general, impressed us.", ("Excel pivot tables", "Excel")),
        ("In a word, you lacked Word and English.", ("Word", "English")),
        ("", ()),
    ],
)
def test_find_skills_honours_the_case_sensitive_marker(text, skills):
    assert find_skills(text) == skills


def test_the_marker_is_read_from_the_data_file():
    lex = default_lexicon()
    assert {"R", "Go", "Word", "English"} <= lex.case_sensitive <= set(lex.entries)
    assert "R" in lex.entries and "SQL" in lex.entries and "Excel pivot tables" in lex.entries
    assert not any("[" in e for e in lex.entries)  # the marker is not part of a name
    assert "R" not in lex.model_entries and "SQL" in lex.model_entries
    assert len(lex.model_entries) == len(lex.entries) - len(lex.case_sensitive)
    assert default_lexicon() is lex  # read once


def test_parsing_a_lexicon():
    lex = SkillLexicon.from_lines(["R  [case-sensitive]", "Spring [case-sensitive]", "Spring Boot", "SQL"])
    assert lex.entries == ("R", "Spring", "Spring Boot", "SQL")
    assert lex.case_sensitive == {"R", "Spring"} and lex.model_entries == ("Spring Boot", "SQL")
    assert lex.find("spring boot and R, spring and r") == ("Spring Boot", "R")


def test_an_unknown_marker_is_refused():
    with pytest.raises(ValueError, match="E070"):
        SkillLexicon.from_lines(["R [case sensitive]"])
    with pytest.raises(ValueError, match="E071"):
        SkillLexicon(["SQL"], case_sensitive=["R"])


def test_the_lexicon_hash_is_of_names_and_flags_not_layout():
    a = SkillLexicon.from_lines(["R  [case-sensitive]", "SQL"])
    assert a.sha256() == SkillLexicon.from_lines(["R [case-sensitive]", "SQL"]).sha256()
    assert a.sha256() != SkillLexicon.from_lines(["R", "SQL"]).sha256()
    assert a.sha256() != SkillLexicon.from_lines(["R [case-sensitive]", "SQL", "Python"]).sha256()


def test_features_and_mentions_read_the_same_lexicon(monkeypatch):
    keys = NgramCounter().fit().skill_keys_
    expected = _lexicon_keys(default_lexicon().model_entries)
    assert all(np.array_equal(keys[n], expected[n]) for n in (1, 2, 3))
    # Swap the lexicon: both readers follow it.
    tiny = SkillLexicon(["Terraform", "R"], case_sensitive=["R"])
    monkeypatch.setattr(lexicon, "default_lexicon", lambda: tiny)
    keys = NgramCounter().fit().skill_keys_
    expected = _lexicon_keys(["Terraform"])
    assert all(np.array_equal(keys[n], expected[n]) for n in (1, 2, 3)) and len(keys[1]) == 1
    assert find_skills("Your terraform and R were weak; SQL too, r.") == ("Terraform", "R")


@pytest.mark.model
def test_the_shipped_model_was_fitted_with_this_lexicon(shipped_analyzer):
    keys = shipped_analyzer.model.counter_.skill_keys_
    expected = _lexicon_keys(default_lexicon().model_entries)
    assert all(np.array_equal(keys[n], expected[n]) for n in (1, 2, 3))
