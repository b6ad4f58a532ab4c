"""pandas accessor, analyze_frame, and the Dask path."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

import jobfeedback
from jobfeedback.frame import RESULT_COLUMNS


def test_accessor_registered_by_import_in_fresh_process():
    code = "import jobfeedback, pandas as pd\nprint(hasattr(pd.DataFrame({'t': ['x']}), 'jobfeedback'))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "True"


def test_import_does_not_import_heavy_libraries():
    code = "import sys, jobfeedback\nprint([m for m in ('spacy', 'sklearn', 'textblob', 'pandas', 'nltk') if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_accessor_and_function_agree():
    df = pd.DataFrame({"t": ["Your SQL was weak.", None, "We hired someone else."], "k": [1, 2, 3]}, index=[10, 20, 30])
    res = df.jobfeedback.analyze("t")
    assert list(res.columns) == ["t", "k", *RESULT_COLUMNS]
    assert list(res.index) == [10, 20, 30]
    assert res.loc[20, "error"] != ""
    pd.testing.assert_frame_equal(res, jobfeedback.analyze_frame(df, text_column="t"))


def test_analyze_frame_errors():
    with pytest.raises(KeyError, match="nope"):
        jobfeedback.analyze_frame(pd.DataFrame({"t": ["x"]}), text_column="nope")
    with pytest.raises(TypeError):
        jobfeedback.analyze_frame([1, 2], text_column="t")


def test_dask_dataframe_in_and_out():
    dd = pytest.importorskip("dask.dataframe")
    import dask

    df = pd.DataFrame({"t": ["Your SQL was weak.", "", "We hired someone else.", None] * 3, "k": range(12)})
    ddf = dd.from_pandas(df, npartitions=3)
    lazy = jobfeedback.analyze_frame(ddf, text_column="t")
    assert type(lazy).__module__.startswith("dask")
    with dask.config.set(scheduler="synchronous"):
        got = lazy.compute()
    expected = jobfeedback.analyze_frame(df, text_column="t")
    assert list(got.columns) == list(expected.columns)
    assert got["themes"].tolist() == expected["themes"].tolist()
    assert got["k"].tolist() == list(range(12))


def test_frame_has_a_kind_column_first():
    from jobfeedback.frame import RESULT_COLUMNS

    assert RESULT_COLUMNS[0] == "kind"
