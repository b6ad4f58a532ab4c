"""Peak memory (RSS) and time of the CLI on a 100,000-row CSV, processed in chunks.

Run from the project root:  python benchmarks/memory.py [--rows 100000]

Builds a CSV of distinct texts (the test split, each copy with a unique reference; some
empty cells), runs ``jobfeedback analyze --input ... --output ...`` in a child process,
and reports its peak RSS (from the kernel's accounting of the child), its wall time, and
that every row came back.
"""

from __future__ import annotations

import argparse
import csv
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def build_csv(path: Path, rows: int) -> None:
    from jobfeedback.training import load_dataset, split

    base = [r["text"] for r in split(load_dataset(), "test")]
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["row", "feedback"])
        for i in range(rows):
            text = "" if i % 97 == 0 else f"{base[i % len(base)]}\nRef: JF-{i:07d}"
            w.writerow([i, text])


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--n-jobs", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in.csv", Path(tmp) / "out.csv"
        build_csv(src, args.rows)
        size_mb = src.stat().st_size / 1e6
        cmd = [
            sys.executable,
            "-m",
            "jobfeedback",
            "analyze",
            "--input",
            str(src),
            "--text-column",
            "feedback",
            "--output",
            str(out),
            "--n-jobs",
            str(args.n_jobs),
            "--no-progress",
        ]
        start = time.perf_counter()
        subprocess.run(cmd, check=True)
        seconds = time.perf_counter() - start
        peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        with open(out, encoding="utf-8", newline="") as f:
            n_out = sum(1 for _ in csv.DictReader(f))
    print(f"rows {args.rows}  input {size_mb:.1f} MB  n_jobs {args.n_jobs}")
    print(f"peak RSS of the CLI process: {peak_kb / 1024:.0f} MB")
    print(f"wall time: {seconds:.1f} s  ({args.rows / seconds:.0f} rows/s)")
    print(f"rows written: {n_out} (expected {args.rows})")
    return 0 if n_out == args.rows else 1


if __name__ == "__main__":
    sys.exit(main())
