"""Scaling: time to analyse 1k, 10k and 100k distinct texts (should grow linearly).

Run from the project root:  python benchmarks/scaling.py [--sizes 1000 10000 100000]

Streams the texts through ``jobfeedback.pipe`` (as the CLI does) and prints the time and
the time per 1,000 texts for each size; a linear pipeline keeps the last column flat.
"""

from __future__ import annotations

import argparse
import sys
import time


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    args = parser.parse_args(argv)

    import jobfeedback
    from jobfeedback.training import load_dataset, split

    base = [r["text"] for r in split(load_dataset(), "test")]
    jobfeedback.analyze("warm up")

    def texts(n):
        return (f"{base[i % len(base)]}\nRef: JF-{i:07d}" for i in range(n))

    print(f"{'texts':>8}{'seconds':>10}{'s per 1k':>10}")
    for n in args.sizes:
        start = time.perf_counter()
        count = sum(1 for _ in jobfeedback.pipe(texts(n)))
        seconds = time.perf_counter() - start
        assert count == n
        print(f"{n:>8}{seconds:>10.1f}{seconds / n * 1000:>10.2f}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
