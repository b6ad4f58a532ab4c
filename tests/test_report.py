"""Aggregate summaries and the HTML/Markdown report."""

from __future__ import annotations

import base64
import re

import pytest

import jobfeedback
from jobfeedback.cli import main

TEXTS = [
    "Your SQL was weak.",
    "Your SQL and Python were not at the level we need.",
    "We went with another candidate.",
    "Thank you for applying; we will not progress your application.",
    "Your answers rambled.",
]


@pytest.mark.model
def test_summarize_counts_and_plan():
    analyses = jobfeedback.analyze_many(TEXTS + [None])
    s = jobfeedback.summarize(analyses, dates=["2026-01-03", "2026-01-20", "2026-02-01", "2026-02-10", "2026-03-01", None])
    assert s.n_texts == 5 and s.n_errors == 1
    counts = {t: c for t, c, _ in s.theme_counts}
    assert counts["skills_gap"] == 2
    assert s.focus_theme == "skills_gap"
    assert dict(s.top_skills)["SQL"] == 2
    assert any("SQL" in step.action for step in s.plan)
    assert [p for p, _ in s.by_period] == ["2026-01", "2026-02", "2026-03"]
    assert sum(c for _, c in s.tone_counts) == 5
    d = s.to_dict()
    assert d["focus_theme"] == "skills_gap"


def test_summarize_rejects_mismatched_dates():
    with pytest.raises(ValueError):
        jobfeedback.summarize(jobfeedback.analyze_many(TEXTS), dates=["2026-01-01"])


def test_empty_rows_are_skipped_not_counted_as_no_reason():
    s = jobfeedback.summarize(jobfeedback.analyze_many(["Your SQL was weak.", "", "   "]))
    assert s.n_texts == 1 and s.n_errors == 2 and s.no_reason_share == 0.0


def test_summary_of_nothing():
    s = jobfeedback.summarize([])
    assert s.n_texts == 0 and s.focus_theme is None and s.plan


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_report_command(tmp_path, fmt):
    src = tmp_path / "in.csv"
    import pandas as pd

    pd.DataFrame({"t": TEXTS, "d": ["2026-01-03", "2026-01-20", "2026-02-01", "2026-02-10", "2026-03-01"]}).to_csv(src, index=False)
    out = tmp_path / f"report.{fmt}"
    assert main(["report", str(src), "--text-column", "t", "--date-column", "d", "--output", str(out), "--no-progress"]) == 0
    content = out.read_text()
    assert ("Skills gap" if fmt == "html" else "skills_gap") in content
    if fmt == "html":
        images = re.findall(r"data:image/png;base64,([A-Za-z0-9+/=]+)", content)
        assert len(images) == 3
        assert all(base64.b64decode(i)[:8] == b"\x89PNG\r\n\x1a\n" for i in images)
    else:
        assert content.startswith("# What your feedback keeps saying")
