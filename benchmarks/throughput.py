"""Throughput of the full analysis against TextBlob's sentiment alone, in one process.

Run from the project root:  python benchmarks/throughput.py [--copies 8] [--rounds 5]

Texts: the dataset's test split, copied until there are at least 3,000, each copy with a
unique reference appended so no two texts are equal and no cache can help. Each round
times, on the same texts, alternately:
- ``TextBlob(t).sentiment`` for every text (polarity and subjectivity read);
- ``jobfeedback.analyze_many(texts)`` with every field of every result read;
- the same with ``n_jobs=2`` (worker processes started in a warm-up run first).
Reports texts/second and the ratios (median of the rounds), and checks that
jobfeedback's polarity equals TextBlob's on every text.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time


def load_texts(min_texts: int) -> list[str]:
    from jobfeedback.training import load_dataset, split

    base = [r["text"] for r in split(load_dataset(), "test")]
    texts, copy = [], 0
    while len(texts) < min_texts:
        texts += [f"{t}\nRef: JF-{copy:03d}-{i:05d}" for i, t in enumerate(base)]
        copy += 1
    return texts


def read_everything(results) -> int:
    """Touch every field of every result, as a consumer would."""
    n = 0
    for a in results:
        n += len(a.text) + len(a.language) + int(a.is_supported) + int(a.truncated) + len(a.error or "")
        s = a.sentiment
        n += len(s.label) + int(s.score * 0 + s.polarity * 0 + s.subjectivity * 0)
        for h in a.themes:
            n += len(h.name) + int(h.confidence * 0) + sum(len(e) for e in h.evidence)
        for step in a.next_steps:
            n += len(step.action) + len(step.guide_section) + len(step.theme or "")
        n += len(a.scores) + len(a.skills) + len(a.role or "")
    return n


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min-texts", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-parallel", action="store_true")
    args = parser.parse_args(argv)

    from textblob import TextBlob

    import jobfeedback

    texts = load_texts(args.min_texts)
    print(f"{len(texts)} distinct texts, mean {statistics.mean(map(len, texts)):.0f} chars; {os.cpu_count()} CPUs")
    jobfeedback.analyze("warm up: load the model")
    if not args.no_parallel:
        jobfeedback.analyze_many(texts[:64], n_jobs=2, batch_size=32)  # start the workers

    def run_textblob():
        out = []
        for t in texts:
            s = TextBlob(t).sentiment
            out.append((s.polarity, s.subjectivity))
        return out

    timings: dict[str, list[float]] = {"textblob": [], "jobfeedback": [], "jobfeedback n_jobs=2": []}
    reference = None
    for _ in range(args.rounds):
        start = time.perf_counter()
        reference = run_textblob()
        timings["textblob"].append(time.perf_counter() - start)

        start = time.perf_counter()
        results = jobfeedback.analyze_many(texts)
        read_everything(results)
        timings["jobfeedback"].append(time.perf_counter() - start)

        if not args.no_parallel:
            start = time.perf_counter()
            read_everything(jobfeedback.analyze_many(texts, n_jobs=2, batch_size=256))
            timings["jobfeedback n_jobs=2"].append(time.perf_counter() - start)

    mismatches = sum(
        (a.sentiment.polarity, a.sentiment.subjectivity) != r for a, r in zip(results, reference, strict=True)
    )
    base = statistics.median(timings["textblob"])
    print(f"\n{'run':<24}{'median s':>10}{'texts/s':>10}{'ratio vs TextBlob':>20}")
    for name, values in timings.items():
        if not values:
            continue
        med = statistics.median(values)
        print(f"{name:<24}{med:>10.3f}{len(texts) / med:>10.0f}{base / med:>20.2f}")
    print(f"\npolarity/subjectivity different from TextBlob's: {mismatches} of {len(texts)}")
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
