"""Beyond one machine: analyze_frame on a dask.distributed cluster of worker processes.

Slow: each test starts a LocalCluster of two worker processes, which load the model.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import time
from pathlib import Path

import pandas as pd
import pytest

pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import jobfeedback
from jobfeedback.frame import RESULT_COLUMNS

pytestmark = [pytest.mark.slow, pytest.mark.model]  # workers load the shipped model from disk

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """The scheduler and workers talk over loopback TCP: allow that, and nothing else."""
    connect = socket.socket.connect

    def guard(self, address, *args, **kwargs):
        host = address[0] if isinstance(address, tuple) else address
        if host not in ("127.0.0.1", "localhost", "::1"):
            raise AssertionError(f"jobfeedback tried to open a network connection to {host}")
        return connect(self, address, *args, **kwargs)

    monkeypatch.setattr(socket.socket, "connect", guard)


def _frame(n: int) -> pd.DataFrame:
    lines = (ROOT / "datasets" / "feedback.jsonl").read_text("utf-8").splitlines()
    texts = [json.loads(x)["text"] for x in lines[:n]]
    texts[3], texts[7], texts[11] = "", None, "Merci pour votre candidature, nous avons retenu un autre profil."
    return pd.DataFrame({"id": range(n), "text": texts, "part": [i % 4 for i in range(n)]})


def _cluster():
    from distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1")
    return cluster, Client(cluster)


def _results(df: pd.DataFrame) -> pd.DataFrame:
    out = df.sort_values("id").set_index("id")[list(RESULT_COLUMNS)]
    # Missing values keep their own message, which depends on the column's dtype (NaN / NA).
    same = {c: out[c].str.replace(r"missing text \(.*\)", "missing text", regex=True) for c in ("error", "status")}
    return out.assign(**same)


def test_local_cluster_over_partitioned_parquet_equals_single_process(tmp_path):
    import dask.dataframe as dd

    df = _frame(240)
    df.to_parquet(tmp_path / "feedback", partition_cols=["part"], index=False)
    expected = _results(jobfeedback.analyze_frame(df, "text"))
    cluster, client = _cluster()
    try:
        ddf = dd.read_parquet(tmp_path / "feedback")
        assert ddf.npartitions >= 4
        got = jobfeedback.analyze_frame(ddf, "text").compute()
        # Each worker process loaded the model once, however many partitions it analysed.
        loads = client.run(lambda: __import__("jobfeedback.analyzer").analyzer._load_cached.cache_info().misses)
        assert set(loads.values()) <= {0, 1} and sum(loads.values()) >= 1
    finally:
        client.close()
        cluster.close()
    assert len(got) == len(df) and got["id"].is_unique
    pd.testing.assert_frame_equal(_results(got), expected, check_dtype=False)


def test_killed_worker_loses_no_row_and_duplicates_none(tmp_path):
    import dask.dataframe as dd
    from distributed import futures_of

    df = _frame(1200)
    expected = _results(jobfeedback.analyze_frame(df, "text"))
    cluster, client = _cluster()
    try:
        ddf = dd.from_pandas(df.drop(columns="part"), npartitions=24)
        persisted = client.persist(jobfeedback.analyze_frame(ddf, "text", batch_size=16))
        futures = futures_of(persisted)
        deadline = time.monotonic() + 120
        while sum(f.done() for f in futures) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        done_before = sum(f.done() for f in futures)
        assert 0 < done_before < len(futures), "the run must be under way when the worker is killed"
        pids = client.run(os.getpid)
        victim = max(pids, key=lambda addr: len(client.has_what().get(addr, ())))
        os.kill(pids[victim], signal.SIGKILL)
        got = persisted.compute()
    finally:
        client.close()
        cluster.close()
    assert len(got) == len(df)
    assert sorted(got["id"]) == list(range(len(df)))  # every row once: none lost, none duplicated
    pd.testing.assert_frame_equal(_results(got), expected, check_dtype=False)
