"""Compare theme/tone model approaches across writing voices and on real text.

Run from the project root:  python benchmarks/compare_models.py [--approaches both,text,...]

For each approach it prints per-theme F1, macro- and micro-F1 and tone macro-F1 on:

- **group CV**: k-fold (``--folds``, default 5) cross-validation over train+dev grouped by writing pass (each pass a
  group), so every text is scored by a model that never saw its writer's voice — the number
  to select on;
- **realmix**: the real-mix dev split (written at real base rates, never trained on);
- **real dev**: the 130 real texts of ``../shared/realworld/`` with the project's labels
  (``datasets/realdev/labels.jsonl``), when ``../shared`` is present;
- **test**: the same-voice test split (reported, never selected on).

Approaches: ``text`` (a text-level model, as jobfeedback 0.1), ``sentence`` (sentence-level
model trained on rationales), ``both`` (the sentence + text stack, the shipped default), and
``tfidf`` (plain scikit-learn TF-IDF 1-2-grams + logistic regression, thresholds tuned on
inner out-of-fold predictions), plus keyword rules. A model approach with the suffix
``-nopraise`` (``both-nopraise``) is the same model without praise marks, ``-noruled``
without ruled-out marks, ``-noclause`` with praise marks read per sentence only (no clause praise), ``-sentpraise``
with the sentence praise input of the tone model (off by default). Results are also written as Markdown to
``benchmarks/results/compare_models.md``.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np
from sklearn.metrics import f1_score
from sklearn.model_selection import GroupKFold

from jobfeedback import Analyzer
from jobfeedback.classifier import FeedbackModel
from jobfeedback.dataset import label_matrix, load_dataset, rationale_spans, split, writing_pass
from jobfeedback.evaluation import keyword_themes
from jobfeedback.metrics import theme_report
from jobfeedback.sentences import parse_texts
from jobfeedback.taxonomy import IMPROVEMENT_THEMES, THEMES

ROOT = Path(__file__).resolve().parents[1]
REAL_TEXTS = ROOT.parent / "shared" / "realworld" / "texts.jsonl"
REAL_LABELS = ROOT / "datasets" / "realdev" / "labels.jsonl"


def load_real():
    """The real dev set as records (text from ../shared, labels from the project), or []."""
    if not REAL_TEXTS.is_file():
        return []
    texts = {json.loads(line)["id"]: json.loads(line)["text"] for line in open(REAL_TEXTS, encoding="utf-8")}
    out = []
    for line in open(REAL_LABELS, encoding="utf-8"):
        lab = json.loads(line)
        out.append({**lab, "text": texts[lab["id"]]})
    return out


class ModelApproach:
    """A :class:`FeedbackModel` configuration."""

    def __init__(self, levels, **params):
        self.levels = levels
        self.params = params

    def fit(self, recs, parsed):
        self.model = FeedbackModel(levels=self.levels, **self.params).fit(
            parsed,
            label_matrix(recs),
            tones=[r["tone"] for r in recs],
            rationales=rationale_spans(recs),
            groups=[writing_pass(r) for r in recs],
        )
        return self

    def predict(self, parsed):
        # Through the analyser, the path users get: its thresholds, the tone rule and the
        # language gate are part of what is measured.
        results = Analyzer(self.model).analyze_many([p.text for p in parsed])
        pred = np.array([[t in a.theme_names for t in THEMES] for a in results], dtype=int)
        return pred, [a.sentiment.label or "neutral" for a in results]


class TfidfApproach:
    """Plain TF-IDF word 1-2-grams + one logistic regression per theme and one for tone."""

    def fit(self, recs, parsed):
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import cross_val_predict

        texts = [r["text"] for r in recs]
        Y = label_matrix(recs)
        self.vec = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True).fit(texts)
        X = self.vec.transform(texts)
        groups = [writing_pass(r) for r in recs]
        self.clfs, self.th = [], []
        for j in range(len(THEMES)):
            clf = LogisticRegression(C=10, class_weight="balanced", solver="liblinear")
            oof = cross_val_predict(clf, X, Y[:, j], cv=GroupKFold(3), groups=groups, method="predict_proba")[:, 1]
            grid = np.arange(0.2, 0.81, 0.05)
            self.th.append(grid[int(np.argmax([f1_score(Y[:, j], oof >= g, zero_division=0) for g in grid]))])
            self.clfs.append(clf.fit(X, Y[:, j]))
        self.tone = LogisticRegression(C=30, class_weight="balanced", max_iter=3000).fit(X, [r["tone"] for r in recs])
        return self

    def predict(self, parsed):
        X = self.vec.transform([p.text for p in parsed])
        pred = np.column_stack([c.predict_proba(X)[:, 1] >= t for c, t in zip(self.clfs, self.th, strict=True)])
        return pred.astype(int), list(self.tone.predict(X))


def make(name):
    """``tfidf``, or a model's ``levels``; ``-nopraise`` / ``-noruled`` / ``-noclause`` turn its praise / ruled-out / clause praise marks off, ``-sentpraise`` turns the sentence praise input on."""
    if name == "tfidf":
        return TfidfApproach()
    levels, _, variant = name.partition("-")
    off = {
        "nopraise": {"praise_marks": False},
        "noruled": {"ruled_out_marks": False},
        "noclause": {"clause_praise": False},
        "sentpraise": {"sentence_praise": 1.0},
    }.get(variant, {})
    return ModelApproach(levels, **off)


def summarize(recs, pred, tones_pred):
    Y = label_matrix(recs)
    rep = theme_report(Y, pred)
    imp = [THEMES.index(t) for t in IMPROVEMENT_THEMES]
    generic = [i for i, r in enumerate(recs) if not r["themes"]]
    rep["generic_improvement"] = float(np.mean([pred[i, imp].any() for i in generic])) if generic else None
    rep["tone_macro_f1"] = (
        float(f1_score([r["tone"] for r in recs], tones_pred, average="macro", zero_division=0)) if tones_pred else None
    )
    return rep


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--approaches", default="text,sentence,both,tfidf")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--no-cv", action="store_true", help="skip group cross-validation (faster)")
    ap.add_argument("--out", default="compare_models.md", help="file name under benchmarks/results/")
    args = ap.parse_args()
    records = load_dataset()
    fit_recs = split(records, "train", "dev")
    held = {"realmix": split(records, "realmix"), "real dev": load_real(), "test": split(records, "test")}
    fit_parsed = parse_texts([r["text"] for r in fit_recs])
    held_parsed = {k: parse_texts([r["text"] for r in v]) for k, v in held.items() if v}
    groups = np.array([writing_pass(r) for r in fit_recs])
    results = {}
    for name in args.approaches.split(","):
        t0 = time.perf_counter()
        res = {}
        if not args.no_cv:
            pred = np.zeros((len(fit_recs), len(THEMES)), dtype=int)
            tones = np.empty(len(fit_recs), dtype=object)
            for tr, te in GroupKFold(args.folds).split(fit_parsed, groups=groups):
                model = make(name).fit([fit_recs[i] for i in tr], [fit_parsed[i] for i in tr])
                p, t = model.predict([fit_parsed[i] for i in te])
                pred[te], tones[te] = p, t
            res["group CV"] = summarize(fit_recs, pred, list(tones))
        model = make(name).fit(fit_recs, fit_parsed)
        for split_name, parsed in held_parsed.items():
            p, t = model.predict(parsed)
            res[split_name] = summarize(held[split_name], p, t)
        results[name] = res
        print(f"{name}: {time.perf_counter() - t0:.0f} s", flush=True)
    for split_name, recs in [("realmix", held["realmix"]), ("real dev", held["real dev"]), ("test", held["test"])]:
        if recs:
            kw = np.array([[t in keyword_themes(r["text"]) for t in THEMES] for r in recs], dtype=int)
            results.setdefault("keyword rules", {})[split_name] = summarize(recs, kw, None)
    lines = render(results)
    print("\n".join(lines))
    out = ROOT / "benchmarks" / "results" / args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("\n".join(lines) + "\n", "utf-8")
    return 0


def render(results) -> list[str]:
    lines = []
    sets = ["group CV", "realmix", "real dev", "test"]
    lines += [
        "| approach | set | "
        + " | ".join(t[:12] for t in THEMES)
        + " | macro-F1 | micro-F1 | tone macro-F1 | no-reason given improvement theme |"
    ]
    lines += ["|---|---|" + "---:|" * (len(THEMES) + 4)]
    for name, res in results.items():
        for s in sets:
            if s not in res:
                continue
            r = res[s]
            tone = f"{r['tone_macro_f1']:.3f}" if r["tone_macro_f1"] is not None else "–"
            gen = f"{r['generic_improvement']:.1%}" if r["generic_improvement"] is not None else "–"
            per = " | ".join(f"{r['per_theme'][t]['f1']:.2f}" if r["per_theme"][t]["support"] else "–" for t in THEMES)
            lines.append(f"| {name} | {s} | {per} | {r['macro_f1']:.3f} | {r['micro_f1']:.3f} | {tone} | {gen} |")
    return lines


if __name__ == "__main__":
    raise SystemExit(main())
