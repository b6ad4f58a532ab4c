"""Time for long texts: 1 MB of email text, and every pathological case of 100,000 characters.

Run from the project root:  python benchmarks/long_text.py

The first table times a 1 MB text analysed truncated (the default) and in full at 250 kB,
500 kB and 1 MB, to show the time grows linearly with length. The second times each case
of ``tests/data/pathological.jsonl``: long runs without whitespace (brackets, emoji, rule
lines, glued punctuation) that once made spaCy's tokenizer quadratic. The last line is the
worst case, the number to watch.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

CASES = Path(__file__).resolve().parents[1] / "tests" / "data" / "pathological.jsonl"


LEAD = "Thanks for applying. Your SQL was weak.\n"


def make_text(n_chars: int) -> str:
    block = (
        "<p>Hi Sam,</p><p>Your SQL was weak and we went with another candidate.</p>\n"
        "Thanks for your time. The panel felt your answers were long < and unstructured.\n"
        "> On Monday you wrote:\n> any update?\n"
    )
    return (block * (n_chars // len(block) + 1))[:n_chars]


def pathological_cases(path: Path = CASES) -> list[tuple[str, str]]:
    """Return ``(name, text)`` for every case of ``tests/data/pathological.jsonl``."""
    cases = []
    for line in path.read_text("utf-8").splitlines():
        if not line.strip() or "_about" in line:
            continue
        c = json.loads(line)
        cases.append((c["name"], build_case(c)))
    return cases


def build_case(case: dict) -> str:
    """Build the text of one case of ``tests/data/pathological.jsonl``.

    A case is ``unit`` repeated ``repeat`` times (then ``after_unit`` ``after_repeat``
    times), between ``before`` and ``after``; or, with ``alphabet``, runs of ``run``
    characters drawn from it with a fixed seed, separated by spaces, up to ``length``.
    """
    if "alphabet" in case:
        import random

        rng = random.Random(case["seed"])
        runs, n = [], 0
        while n < case["length"]:
            runs.append("".join(rng.choice(case["alphabet"]) for _ in range(case["run"])))
            n += case["run"] + 1
        body = " ".join(runs)[: case["length"]]
    else:
        body = case["unit"] * case["repeat"] + case.get("after_unit", "") * case.get("after_repeat", 0)
    return case.get("before", "") + body + case.get("after", "")


def main() -> int:
    from jobfeedback import Analyzer

    default = Analyzer.load()
    full = Analyzer.load(max_chars=2_000_000)
    default.analyze("Warm up: we went with another candidate, sorry.")  # loads the model and the language detector
    print(f"{'text':<36}{'seconds':>10}")
    for label, analyzer, size in [
        ("1 MB, default (first 100,000 chars)", default, 1_000_000),
        ("250 kB, in full", full, 250_000),
        ("500 kB, in full", full, 500_000),
        ("1 MB, in full", full, 1_000_000),
    ]:
        text = make_text(size)
        start = time.perf_counter()
        a = analyzer.analyze(text)
        print(f"{label:<36}{time.perf_counter() - start:>10.2f}   truncated={a.truncated} themes={list(a.theme_names)}")
    print()
    print(f"{'pathological case':<36}{'chars':>8}{'seconds':>10}")
    worst = ("", 0.0)
    for name, text in pathological_cases():
        text = LEAD + text  # a sentence first, so that the text is analysed, not refused as having no words
        start = time.perf_counter()
        default.analyze(text)
        seconds = time.perf_counter() - start
        worst = max(worst, (name, seconds), key=lambda w: w[1])
        print(f"{name:<36}{len(text):>8}{seconds:>10.2f}")
    print(f"{'worst case: ' + worst[0]:<44}{worst[1]:>10.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
