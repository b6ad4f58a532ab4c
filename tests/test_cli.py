"""The command line: readable and JSON output, files in and out with every row kept."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest

from jobfeedback.analyzer import EMPTY_TEXT
from jobfeedback.cli import main
from jobfeedback.frame import RESULT_COLUMNS


def test_help_does_not_import_heavy_libraries():
    code = (
        "import sys\n"
        "from jobfeedback.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('spacy', 'sklearn', 'textblob', 'pandas') if m in sys.modules]\n"
        "print(heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"


def test_python_m_works():
    out = subprocess.run([sys.executable, "-m", "jobfeedback", "--version"], capture_output=True, text=True, check=True)
    assert out.stdout.startswith("jobfeedback ")


@pytest.mark.model
def test_analyze_text_readable(capsys):
    assert main(["analyze", "Your SQL was weak and we went with another candidate."]) == 0
    out = capsys.readouterr().out
    assert "Tone:" in out and "skills_gap" in out and "Next steps:" in out and "[Stay Professional]" in out


def test_analyze_text_json(capsys):
    assert main(["analyze", "--json", "We went with another candidate."]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["text"] == "We went with another candidate."
    assert {"themes", "sentiment", "next_steps"} <= set(data)


def _frame(n=2000):
    texts = []
    for i in range(n):
        if i % 10 == 3:
            texts.append(None)
        elif i % 10 == 7:
            texts.append("")
        else:
            texts.append(f"Row {i}: your SQL was weak." if i % 2 else f"Row {i}: we hired another candidate.")
    return pd.DataFrame({"id": range(n), "feedback": texts, "note": [f"n{i}" for i in range(n)]})


@pytest.mark.model
@pytest.mark.parametrize("ext", ["csv", "jsonl", "parquet"])
def test_file_round_trip_keeps_every_row_and_column(tmp_path, ext):
    df = _frame()
    src = tmp_path / f"in.{ext}"
    if ext == "csv":
        df.to_csv(src, index=False)
    elif ext == "jsonl":
        df.to_json(src, orient="records", lines=True)
    else:
        df.to_parquet(src, index=False)
    out = tmp_path / f"out.{ext}"
    rc = main(
        [
            "analyze",
            "--input",
            str(src),
            "--text-column",
            "feedback",
            "--output",
            str(out),
            "--chunk-rows",
            "333",
            "--no-progress",
        ]
    )
    assert rc == 0
    res = {"csv": pd.read_csv, "jsonl": lambda p: pd.read_json(p, lines=True), "parquet": pd.read_parquet}[ext](out)
    assert len(res) == len(df)
    assert list(res.columns) == ["id", "feedback", "note", *RESULT_COLUMNS]
    assert res["id"].tolist() == list(range(len(df)))
    assert res["note"].tolist() == df["note"].tolist()
    errors = res["error"].astype(object).fillna("").astype(str)
    no_text = df["feedback"].isna() | (df["feedback"] == "")
    assert (errors[no_text] != "").all()
    assert (errors[~no_text] == "").all()
    if ext == "csv":
        # CSV cannot tell a missing cell from an empty one: both are an empty text.
        assert set(errors[no_text]) == {EMPTY_TEXT}
    else:
        assert set(errors[df["feedback"] == ""]) == {EMPTY_TEXT}
        assert set(errors[df["feedback"].isna()]) != {EMPTY_TEXT}
    assert res.loc[1, "themes"] and "skills_gap" in res.loc[1, "themes"]


def test_malformed_jsonl_names_the_line_and_keeps_output(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    src.write_text('{"t": "ok"}\n{"t": "fine"}\n{"t": broken\n')
    out = tmp_path / "out.jsonl"
    out.write_text("precious")
    assert main(["analyze", "--input", str(src), "--text-column", "t", "--output", str(out), "--no-progress"]) == 1
    assert "line 3" in capsys.readouterr().err
    assert out.read_text() == "precious"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_missing_column_is_named(tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_text("a,b\n1,2\n")
    assert main(["analyze", "--input", str(src), "--text-column", "feedback", "--output", str(tmp_path / "o.csv")]) == 1
    assert "'feedback' not found" in capsys.readouterr().err


def test_bad_csv_quoting_is_reported(tmp_path, capsys):
    src = tmp_path / "in.csv"
    src.write_text('t,x\n"unclosed,1\nfine,2\n')
    assert main(["analyze", "--input", str(src), "--text-column", "t", "--output", str(tmp_path / "o.csv")]) == 1
    assert "not valid CSV" in capsys.readouterr().err


def test_invalid_utf8_row_becomes_error_row(tmp_path):
    src = tmp_path / "in.csv"
    src.write_bytes(b"t,x\nYour SQL was weak,1\n\xff\xfe broken,2\nfine,3\n")
    out = tmp_path / "o.csv"
    assert main(["analyze", "--input", str(src), "--text-column", "t", "--output", str(out), "--no-progress"]) == 0
    res = pd.read_csv(out, encoding_errors="replace")
    assert len(res) == 3
    assert "UTF-8" in str(res.loc[1, "error"])


def test_evaluate_prints_table(capsys):
    assert main(["evaluate"]) == 0
    out = capsys.readouterr().out
    assert "macro-F1" in out and "skills_gap" in out
