"""Score the shipped model on the real dev set: 130 real texts labeled by id.

Run from the project root:  python benchmarks/real_dev.py [--model DIR] [--show-errors]

The texts live outside the project (``../shared/realworld/texts.jsonl``, no licence to copy
them); the labels are ours (``datasets/realdev/labels.jsonl``). Everything goes through
``Analyzer.analyze_many``, the path users get. Prints per-theme precision/recall/F1, macro-
and micro-F1, tone macro-F1 and its confusion matrix, kind precision/recall, and how many
texts with no reason get an improvement theme.
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

import numpy as np

from jobfeedback import Analyzer
from jobfeedback.dataset import label_matrix
from jobfeedback.metrics import kind_report, score
from jobfeedback.taxonomy import IMPROVEMENT_THEMES, THEMES, TONES

ROOT = Path(__file__).resolve().parents[1]
REAL_TEXTS = ROOT.parent / "shared" / "realworld" / "texts.jsonl"
REAL_LABELS = ROOT / "datasets" / "realdev" / "labels.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default=None, help="model directory (default: the shipped model)")
    ap.add_argument("--show-errors", action="store_true", help="print the ids of texts whose themes or tone differ")
    args = ap.parse_args()
    if not REAL_TEXTS.is_file():
        print(f"{REAL_TEXTS} not found: the real dev set needs ../shared next to the project.")
        return 0
    texts = {json.loads(line)["id"]: json.loads(line)["text"] for line in open(REAL_TEXTS, encoding="utf-8")}
    labels = [json.loads(line) for line in open(REAL_LABELS, encoding="utf-8")]
    analyzer = Analyzer.load(args.model, trusted=True) if args.model else Analyzer.load()
    results = analyzer.analyze_many([texts[lab["id"]] for lab in labels])
    Y = label_matrix(labels)
    probs = np.array([a.scores for a in results])
    tones = [a.sentiment.label or "neutral" for a in results]
    found = np.array([[t in a.theme_names for t in THEMES] for a in results], dtype=int)
    rep = score(Y, probs, analyzer.model.thresholds_, [lab["tone"] for lab in labels], tones, pred=found)
    print(f"real dev: {len(labels)} texts ({sum(not a.is_supported for a in results)} not analysed)")
    print(f"{'theme':<24}{'precision':>10}{'recall':>8}{'F1':>7}{'support':>9}")
    for t in THEMES:
        m = rep["per_theme"][t]
        print(f"{t:<24}{m['precision']:>10.3f}{m['recall']:>8.3f}{m['f1']:>7.3f}{m['support']:>9d}")
    print(f"theme macro-F1 {rep['macro_f1']:.3f} (themes present)   micro-F1 {rep['micro_f1']:.3f}")
    print(f"tone macro-F1 {rep['tone_macro_f1']:.3f}")
    confusion = collections.Counter((lab["tone"], t) for lab, t in zip(labels, tones, strict=True))
    print("tone confusion (rows true, columns predicted): " + " ".join(f"{t[:4]:>6}" for t in TONES))
    for true in TONES:
        print(f"  {true:<10}" + "".join(f"{confusion[(true, p)]:>7}" for p in TONES))
    imp = [THEMES.index(t) for t in IMPROVEMENT_THEMES]
    pred = found.astype(bool)
    generic = [i for i, lab in enumerate(labels) if not lab["themes"]]
    print(f"no-reason texts given an improvement theme: {np.mean([pred[i, imp].any() for i in generic]):.1%}")
    kinds = kind_report([lab["kind"] for lab in labels], [a.kind for a in results])
    print(
        "kinds: "
        + ", ".join(f"{k} P {v['precision']:.2f} R {v['recall']:.2f} (n={v['support']})" for k, v in kinds.items())
    )
    if args.show_errors:
        for lab, a in zip(labels, results, strict=True):
            if set(lab["themes"]) != set(a.theme_names) or lab["tone"] != a.sentiment.label:
                print(
                    f"  {lab['id']}: true {lab['themes']} {lab['tone']} | found {list(a.theme_names)} {a.sentiment.label}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())
