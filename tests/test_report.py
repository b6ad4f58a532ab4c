"""The report: a summary rendered as HTML or Markdown, and the report command."""

from __future__ import annotations

import base64
import re

import pytest
from handmade import ANALYSES, DATES, GROUPS

import jobfeedback
from jobfeedback.cli import main
from jobfeedback.report import summarize, to_html, to_markdown

TEXTS = [
    "Your SQL was weak.",
    "Your SQL and Python were not at the level we need.",
    "We went with another candidate.",
    "Thank you for applying; we will not progress your application.",
    "Your answers rambled.",
]


def test_report_of_nothing():
    assert "no rejection" in to_markdown(summarize([])).lower()


def test_summary_to_markdown_is_the_report_rendering():
    s = summarize(ANALYSES, dates=DATES, groups=GROUPS, group_name="company")
    assert s.to_markdown() == to_markdown(s)


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


def test_report_shows_other_languages_and_unreadable_dates():
    dates = ["2026-01-03", "not a date", *DATES[2:6], "2026-01-06", None]
    s = summarize(ANALYSES, dates=dates)
    md = to_markdown(s)
    assert "- 6 texts analysed" in md and "- 1 not analysed (other language: fr 1" in md
    assert "1 analysed text has a missing or unreadable date" in md
    html = to_html(s)
    assert "not analysed (other language: fr 1)" in html
    assert "1 analysed text has a missing or unreadable date" in html
    # Dates given but none readable: no period, and the report says why rather than "no dates given".
    md = to_markdown(summarize(ANALYSES[:2], dates=["soon", "later"]))
    assert "2 analysed texts have a missing or unreadable date" in md and "No dates given" not in md


def test_public_names_stay_importable_from_report():
    from jobfeedback import rendering, report, summary

    assert report.summarize is summary.summarize and report.Summary is summary.Summary
    assert report.ThemeSummary is summary.ThemeSummary
    assert report.to_html is rendering.to_html and report.to_markdown is rendering.to_markdown
    assert set(report.__all__) <= set(dir(report))


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
