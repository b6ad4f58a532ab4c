"""Time for one very long text: 1 MB, analysed truncated (the default) and in full.

Run from the project root:  python benchmarks/long_text.py

Also times 250 kB and 500 kB in full, to show the time grows linearly with length (no
regex or loop that is quadratic in the input). Texts mix feedback sentences, HTML, a
quoted thread and stray angle brackets.
"""

from __future__ import annotations

import sys
import time


def make_text(n_chars: int) -> str:
    block = (
        "<p>Hi Sam,</p><p>Your SQL was weak and we went with another candidate.</p>\n"
        "Thanks for your time. The panel felt your answers were long < and unstructured.\n"
        "> On Monday you wrote:\n> any update?\n"
    )
    return (block * (n_chars // len(block) + 1))[:n_chars]


def main() -> int:
    from jobfeedback import Analyzer

    default = Analyzer.load()
    full = Analyzer.load(max_chars=2_000_000)
    default.analyze("warm up")
    print(f"{'text':<34}{'seconds':>10}")
    for label, analyzer, size in [
        ("1 MB, default (first 100,000 chars)", default, 1_000_000),
        ("250 kB, in full", full, 250_000),
        ("500 kB, in full", full, 500_000),
        ("1 MB, in full", full, 1_000_000),
    ]:
        text = make_text(size)
        start = time.perf_counter()
        a = analyzer.analyze(text)
        print(f"{label:<34}{time.perf_counter() - start:>10.2f}   truncated={a.truncated} themes={list(a.theme_names)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
