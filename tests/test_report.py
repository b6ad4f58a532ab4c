"""Aggregate summaries and the HTML/Markdown report."""

from __future__ import annotations

import base64
import re

import pytest

import jobfeedback
from jobfeedback import Analysis, Sentiment, ThemeHit
from jobfeedback.cli import main
from jobfeedback.report import summarize, to_html

TEXTS = [
    "Your SQL was weak.",
    "Your SQL and Python were not at the level we need.",
    "We went with another candidate.",
    "Thank you for applying; we will not progress your application.",
    "Your answers rambled.",
]


def _a(text, themes=(), kind="rejection", skills=(), supported=True, error=None):
    hits = tuple(ThemeHit(t, 0.9, (f"{text}",), threshold=0.5) for t in themes)
    return Analysis(
        text=text,
        themes=hits,
        sentiment=Sentiment("neutral", 0.8, 0.0, 0.0),
        next_steps=(),
        skills=skills,
        kind=kind,
        is_supported=supported,
        language="en" if supported else "fr",
        error=error,
    )


# Plumbing tests build their analyses by hand: they must not depend on what the shipped model predicts.
ANALYSES = [
    _a("Your SQL was weak <b>really</b>.", ("skills_gap",), skills=("SQL",)),
    _a("Your SQL and Python were not at the level we need.", ("skills_gap",), skills=("SQL", "Python")),
    _a("We cannot sponsor a visa.", ("logistics",)),
    _a("We will not progress your application."),
    _a("Congratulations, we are pleased to offer you the job.", kind="offer"),
    _a("We would like to invite you to the next round.", kind="invitation"),
    _a("Merci, mais non.", supported=False),
    _a("", error="missing text (None)"),
]
DATES = ["2026-01-03", "2026-01-20", "2026-03-01", "2026-03-10", "2026-03-11", "2026-01-05", "2026-01-06", None]
GROUPS = ["Acme", "Acme", "Finch", None, "Finch", "Acme", "Acme", "Acme"]


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
    with pytest.raises(ValueError, match="dates"):
        summarize(ANALYSES, dates=["2026-01-01"])
    with pytest.raises(ValueError, match="groups"):
        summarize(ANALYSES, groups=iter(["a"]))


def test_summary_of_nothing():
    s = summarize([])
    assert s.n_texts == 0 and s.focus_theme is None and s.themes == ()
    assert "no rejection" in s.to_markdown().lower()


def test_markdown_report_reads_correctly():
    md = summarize(ANALYSES, dates=DATES, groups=GROUPS, group_name="company").to_markdown()
    assert md.startswith("# What your feedback keeps saying")
    assert "Messages dated 2026-01-03 to 2026-03-11." in md
    assert "- 1 row skipped" in md and "- 1 offer\n" in md and "- 1 invitation to a next stage\n" in md
    assert "1 rows" not in md
    assert re.search(r"^1\. .*\n2\. ", md, flags=re.MULTILINE)  # numbered lists count up
    assert "| 2026-02 | none |" in md
    assert "## By company" in md
    assert "\\<b\\>" in md  # feedback text cannot inject Markdown or HTML


def test_report_shows_other_languages_and_unreadable_dates(caplog):
    dates = ["2026-01-03", "not a date", *DATES[2:6], "2026-01-06", None]
    with caplog.at_level("WARNING", logger="jobfeedback"):
        s = summarize(ANALYSES, dates=dates)
    assert s.n_undated == 1 and s.to_dict()["n_undated"] == 1
    assert s.to_dict()["languages"] == {"fr": 1} and s.to_dict()["n_other_language"] == 1
    assert "1 analysed texts have a missing or unreadable date" in caplog.text
    assert dict(s.rejections_by_period)["2026-01"] == 1  # the undated rejection is left out
    md = s.to_markdown()
    assert "- 6 texts analysed" in md and "- 1 not analysed (other language: fr 1" in md
    assert "1 analysed text has a missing or unreadable date" in md
    html = to_html(s)
    assert "not analysed (other language: fr 1)" in html
    assert "1 analysed text has a missing or unreadable date" in html
    # Dates given but none readable: no period, and the report says why rather than "no dates given".
    md = summarize(ANALYSES[:2], dates=["soon", "later"]).to_markdown()
    assert "2 analysed texts have a missing or unreadable date" in md and "No dates given" not in md


@pytest.mark.parametrize(
    ("name", "fmt", "code"), [("r.pdf", None, "E042"), ("r.docx", "md", "E042"), ("r.html", "md", "E043")]
)
def test_report_refuses_an_output_it_cannot_write_before_loading_a_model(tmp_path, name, fmt, code):
    from jobfeedback.errors import OutputFileError
    from jobfeedback.report import report_file, report_format

    with pytest.raises(OutputFileError, match=code):
        # No analyser and no input file: the output is checked first.
        report_file(tmp_path / "missing.csv", tmp_path / name, text_column="t", fmt=fmt)
    assert not (tmp_path / name).exists()
    assert report_format("r.HTM") == "html" and report_format("r.markdown", "md") == "md"


def test_html_report_is_self_contained_escaped_and_described():
    html = to_html(summarize(ANALYSES, dates=DATES, groups=GROUPS, group_name="company"))
    assert "<b>really</b>" not in html and "&lt;b&gt;really&lt;/b&gt;" in html
    assert not re.search(r"(?:src|href)\s*=\s*['\"]?(?:https?:)?//", html)
    images = re.findall(r"<img ([^>]*)>", html)
    assert len(images) == 2  # themes, and themes over time
    for attrs in images:
        alt = re.search(r'alt="([^"]+)"', attrs).group(1)
        assert len(alt) > 40
        png = re.search(r"data:image/png;base64,([A-Za-z0-9+/=]+)", attrs).group(1)
        assert base64.b64decode(png)[:8] == b"\x89PNG\r\n\x1a\n"
    assert "Months with no texts: 2026-02" in html
    assert "2 invitations" not in html and "1 offer" not in html  # counts are in their own boxes
    assert "By company" in html


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_report_command(tmp_path, fmt):
    src = tmp_path / "in.csv"
    import pandas as pd

    pd.DataFrame(
        {"t": TEXTS, "d": ["2026-01-03", "2026-01-20", "2026-02-01", "2026-02-10", "2026-04-01"], "c": list("ABABA")}
    ).to_csv(src, index=False)
    out = tmp_path / f"report.{fmt}"
    args = ["report", str(src), "--text-column", "t", "--date-column", "d", "--group-column", "c", "--output", str(out)]
    assert main([*args, "--no-progress"]) == 0
    content = out.read_text()
    assert "5 texts analysed" in content.replace("<strong>5</strong>", "5 ")
    assert "2026-03" in content  # a month without texts is shown, not skipped
    if fmt == "md":
        assert content.startswith("# What your feedback keeps saying") and "## By c" in content


def test_report_command_names_a_missing_group_column(tmp_path, capsys):
    import pandas as pd

    src = tmp_path / "in.csv"
    pd.DataFrame({"t": TEXTS}).to_csv(src, index=False)
    assert (
        main(
            [
                "report",
                str(src),
                "--text-column",
                "t",
                "--group-column",
                "nope",
                "--output",
                str(tmp_path / "r.md"),
                "--no-progress",
            ]
        )
        == 1
    )
    assert "nope" in capsys.readouterr().err


def test_summarize_from_the_api_keeps_working():
    s = jobfeedback.summarize(jobfeedback.analyze_many(TEXTS + [None]))
    assert s.n_texts == 5 and s.n_errors == 1
