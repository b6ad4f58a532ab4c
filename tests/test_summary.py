"""The summary of many analyses: counting and choosing, without rendering anything."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from handmade import ANALYSES, DATES, GROUPS, analysis

import jobfeedback
from jobfeedback.summary import Summary, summarize


def test_summary_counts_kinds_and_themes_over_rejections_only():
    s = summarize(ANALYSES, dates=DATES, groups=GROUPS, group_name="company")
    # The French text is not analysed: counted apart, not among the texts analysed.
    assert s.n_texts == 6 and s.n_errors == 1 and s.n_other_language == 1 and s.n_unsupported == 1
    assert dict(s.languages) == {"fr": 1} and s.n_undated == 0
    assert sum(c for _, c in s.kind_counts) == s.n_texts
    assert dict(s.kind_counts) == {"rejection": 4, "offer": 1, "invitation": 1, "other": 0}
    counts = {t: c for t, c, _ in s.theme_counts}
    assert counts["skills_gap"] == 2 and counts["logistics"] == 1
    assert s.no_reason_share == pytest.approx(1 / 4)  # the offer is not "no reason"
    assert s.focus_theme == "skills_gap"
    assert s.period == ("2026-01-03", "2026-03-11")
    assert [p for p, _ in s.by_period] == ["2026-01", "2026-02", "2026-03"]  # the empty month is kept
    assert dict(s.rejections_by_period) == {"2026-01": 2, "2026-02": 0, "2026-03": 2}
    gap = next(t for t in s.themes if t.theme == "skills_gap")
    assert gap.count == 2 and 1 <= len(gap.quotes) <= 3
    assert dict(gap.named)["SQL"] == 2
    assert any("SQL" in step.action for step in gap.steps) and 1 <= len(gap.steps) <= 2
    assert dict(gap.groups) == {"Acme": 2}
    visa = next(t for t in s.themes if t.theme == "logistics")
    assert "sponsor" in visa.steps[0].action and dict(visa.named) == {"work authorisation": 1}
    assert [g for g, _, _ in s.by_group] == ["Acme", "(none)", "Finch"]
    assert s.to_dict()["kinds"]["offer"] == 1


def test_summarize_rejects_mismatched_lengths():
    with pytest.raises(ValueError, match="E065.*dates"):
        summarize(ANALYSES, dates=["2026-01-01"])
    with pytest.raises(ValueError, match="E065.*groups"):
        summarize(ANALYSES, groups=iter(["a"]))


def test_summary_of_nothing():
    s = summarize([])
    assert isinstance(s, Summary)
    assert s.n_texts == 0 and s.n_rejections == 0 and s.focus_theme is None and s.themes == ()
    assert s.no_reason_share == 0.0 and all(share == 0.0 for _, _, share in s.theme_counts)
    assert s.plan  # general steps, even with nothing to focus on


def test_summary_counts_other_languages_and_unreadable_dates(caplog):
    dates = ["2026-01-03", "not a date", *DATES[2:6], "2026-01-06", None]
    with caplog.at_level("WARNING", logger="jobfeedback"):
        s = summarize(ANALYSES, dates=dates)
    assert s.n_undated == 1 and s.to_dict()["n_undated"] == 1
    assert s.to_dict()["languages"] == {"fr": 1} and s.to_dict()["n_other_language"] == 1
    assert "1 analysed texts have a missing or unreadable date" in caplog.text
    assert dict(s.rejections_by_period)["2026-01"] == 1  # the undated rejection is left out
    s = summarize(ANALYSES[:2], dates=["soon", "later"])
    assert s.period is None and s.by_period == () and s.n_undated == 2


def test_quotes_come_from_different_texts_most_confident_first():
    same = [analysis("Your SQL was weak.", ("skills_gap",), skills=("SQL",)) for _ in range(3)]
    other = analysis("Python let you down.", ("skills_gap",), skills=("Python",))
    s = summarize([*same, other])
    gap = next(t for t in s.themes if t.theme == "skills_gap")
    assert gap.quotes == ("Your SQL was weak.", "Python let you down.")
    assert gap.named == (("SQL", 3), ("Python", 1))


def test_summary_to_dict_is_plain_json():
    d = summarize(ANALYSES, dates=DATES, groups=GROUPS, group_name="company").to_dict()
    assert json.loads(json.dumps(d)) == d
    assert [row["period"] for row in d["by_period"]] == ["2026-01", "2026-02", "2026-03"]
    assert d["by_group"][0] == {"group": "Acme", "rejections": 2, "themes": {"skills_gap": 2}}


def test_summarizing_renders_nothing():
    # Aggregation needs neither Jinja nor matplotlib: the rendering module is not imported.
    code = (
        "import sys; from handmade import ANALYSES; from jobfeedback.summary import summarize; "
        "summarize(ANALYSES); print(sorted(m for m in ('jobfeedback.rendering', 'jinja2', 'matplotlib') "
        "if m in sys.modules))"
    )
    path = [str(Path(__file__).parent), str(Path(jobfeedback.__file__).parents[1]), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in path if p)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.strip() == "[]"
