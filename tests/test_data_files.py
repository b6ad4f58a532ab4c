"""The data files shipped in the package load, and say what they hold."""

from __future__ import annotations

import re
from importlib import resources

import pytest

from jobfeedback._resources import load_json, load_lines
from jobfeedback.taxonomy import THEMES

DATA = resources.files("jobfeedback").joinpath("data")


@pytest.mark.parametrize("name", ["skills.txt", "not_names.txt"])
def test_text_data_files_start_with_a_header_and_load(name):
    text = DATA.joinpath(name).read_text("utf-8")
    assert text.startswith("# ")  # what the file is, where it came from
    lines = load_lines(name)
    assert lines and not any(line.startswith("#") or not line.strip() for line in lines)
    assert len(set(lines)) == len(lines)


@pytest.mark.parametrize(
    "name",
    ["followup.json", "guide.json", "kinds.json", "mentions.json", "playbook.json", "praise.json", "taxonomy.json"],
)
def test_json_data_files_load(name):
    assert isinstance(load_json(name), dict)


def test_follow_up_questions():
    data = load_json("followup.json")
    assert data["_about"] and data["generic"].endswith("?")
    assert set(data["questions"]) <= set(THEMES) and data["questions"]
    for question in data["questions"].values():
        assert "?" in question
        assert set(re.findall(r"{(\w*)}", question)) <= {"skill", "experience"}
        question.format(skill="SQL", experience="experience")  # every placeholder is one the email fills


def test_name_stop_list_is_used_by_redaction():
    from jobfeedback.redaction import redact_text

    assert {"Team", "Candidate"} <= set(load_lines("not_names.txt"))
    assert redact_text("Hi Team,\nThanks, Sam") == "Hi Team,\nThanks, [name]"
