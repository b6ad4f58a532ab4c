"""Cold start: a fresh Python running one analysis, against a fresh Python importing the stack.

Run from the project root:  python benchmarks/cold_start.py [--runs 7]

Times, alternately, ``python -c "import jobfeedback; jobfeedback.analyze('...')"`` and
``python -c "import spacy, sklearn.linear_model, textblob"`` (what any user of the same
stack pays before doing anything), and ``jobfeedback --help``. Prints the median wall
times and the ratio.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time

ANALYZE = "import jobfeedback; jobfeedback.analyze('Thanks for interviewing. Your SQL was not strong enough and we went with another candidate.')"
BASELINE = "import spacy, sklearn.linear_model, textblob"


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    cli = shutil.which("jobfeedback")
    commands = {
        "baseline: import spacy, sklearn.linear_model, textblob": [sys.executable, "-c", BASELINE],
        "jobfeedback: import + analyze one text": [sys.executable, "-c", ANALYZE],
        "jobfeedback --help": [cli, "--help"] if cli else [sys.executable, "-m", "jobfeedback", "--help"],
    }
    for cmd in commands.values():  # warm the OS file cache once; then measure
        wall(cmd)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, cmd in commands.items():
            times[name].append(wall(cmd))
    base = statistics.median(times["baseline: import spacy, sklearn.linear_model, textblob"])
    print(f"{'command':<58}{'median s':>10}{'min s':>8}{'ratio':>8}")
    for name, values in times.items():
        med = statistics.median(values)
        print(f"{name:<58}{med:>10.2f}{min(values):>8.2f}{med / base:>8.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
