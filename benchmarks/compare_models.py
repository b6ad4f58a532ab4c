"""Compare model approaches for themes and tone on the dev split, with cross-validation.

Run from the project root:  python benchmarks/compare_models.py [--no-spacy]

For each approach: 5-fold cross-validated theme macro-F1 on the train split, then
macro-F1, micro-F1, tone macro-F1 and expected calibration error (ECE) on the dev split
when trained on train. Thresholds are 0.5 for every approach so they are compared on
equal terms (the shipped model then tunes thresholds out-of-fold). Baselines on the same
dev texts: keyword rules (themes), TextBlob and VADER polarity (tone). The test split is
not touched.
"""

from __future__ import annotations

import argparse
import sys
import time

import numpy as np
from sklearn.metrics import f1_score
from sklearn.model_selection import KFold

from jobfeedback.evaluation import keyword_themes, polarity_tone
from jobfeedback.model import FeedbackModel, FeedbackVectorizer
from jobfeedback.polarity import polarity_subjectivity
from jobfeedback.taxonomy import THEMES
from jobfeedback.training import expected_calibration_error, label_matrix, load_dataset, split


class SklearnApproach:
    """A FeedbackModel configuration, or the same features with another classifier."""

    def __init__(self, name, classifier="lr", **params):
        self.name, self.classifier, self.params = name, classifier, params

    def fit_predict(self, train_docs, train_recs, test_docs):
        if self.classifier == "lr":
            m = FeedbackModel(calibration_cv=5, **self.params).fit(train_docs, [r["themes"] for r in train_recs], [r["tone"] for r in train_recs])
            probs, tone_probs = m.predict_scores(test_docs)
            return probs, [m.tones_[i] for i in tone_probs.argmax(1)]
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.multiclass import OneVsRestClassifier
        from sklearn.svm import LinearSVC

        vec = FeedbackVectorizer(**self.params).fit(train_docs)
        X, Xt = vec.transform(train_docs), vec.transform(test_docs)
        Y = label_matrix(train_recs)
        svm = OneVsRestClassifier(CalibratedClassifierCV(LinearSVC(C=0.5, class_weight="balanced"), method="sigmoid", cv=5))
        probs = svm.fit(X, Y).predict_proba(Xt)
        tone = CalibratedClassifierCV(LinearSVC(C=0.5, class_weight="balanced"), cv=5).fit(X, [r["tone"] for r in train_recs])
        return probs, list(tone.predict(Xt))


class SpacyTextcat:
    """spaCy's textcat_multilabel (bag-of-words + CNN ensemble) and textcat for tone."""

    name = "spacy textcat_multilabel (ensemble) + textcat"

    def __init__(self, epochs=8, seed=0):
        self.epochs, self.seed = epochs, seed

    def _train(self, docs, labels, component, label_set):
        import random

        import spacy
        from spacy.training import Example

        spacy.util.fix_random_seed(self.seed)
        nlp = spacy.blank("en")
        cat = nlp.add_pipe(component)
        for label in label_set:
            cat.add_label(label)
        examples = [Example.from_dict(nlp.make_doc(d), {"cats": c}) for d, c in zip(docs, labels)]
        optimizer = nlp.initialize(lambda: examples)
        rng = random.Random(self.seed)
        for _ in range(self.epochs):
            rng.shuffle(examples)
            for i in range(0, len(examples), 32):
                nlp.update(examples[i : i + 32], sgd=optimizer, drop=0.2)
        return nlp

    def fit_predict(self, train_docs, train_recs, test_docs):
        theme_cats = [{t: float(t in r["themes"]) for t in THEMES} for r in train_recs]
        tones = sorted({r["tone"] for r in train_recs})
        tone_cats = [{t: float(r["tone"] == t) for t in tones} for r in train_recs]
        themes_nlp = self._train(train_docs, theme_cats, "textcat_multilabel", THEMES)
        tone_nlp = self._train(train_docs, tone_cats, "textcat", tones)
        probs = np.array([[d.cats[t] for t in THEMES] for d in themes_nlp.pipe(test_docs)])
        tone_pred = [max(d.cats, key=d.cats.get) for d in tone_nlp.pipe(test_docs)]
        return probs, tone_pred


def scores(Y, probs, tones_true, tones_pred):
    pred = (probs >= 0.5).astype(int)
    return {
        "macro": f1_score(Y, pred, average="macro", zero_division=0),
        "micro": f1_score(Y, pred, average="micro", zero_division=0),
        "per_theme": f1_score(Y, pred, average=None, zero_division=0),
        "tone": f1_score(tones_true, tones_pred, average="macro", zero_division=0) if tones_pred is not None else float("nan"),
        "ece": expected_calibration_error(Y, probs),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-spacy", action="store_true", help="skip the (slow) spaCy approach")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)

    records = load_dataset()
    train, dev = split(records, "train"), split(records, "dev")
    # The sklearn approaches clean and tokenize raw texts themselves; spaCy gets the same texts.
    train_docs, dev_docs = [r["text"] for r in train], [r["text"] for r in dev]
    Y_dev = label_matrix(dev)
    dev_tones = [r["tone"] for r in dev]
    print(f"train {len(train)}  dev {len(dev)}  (test split not used)")

    approaches = [
        SklearnApproach("word 1-2gram TF-IDF + logistic regression (shipped)"),
        SklearnApproach("word unigram TF-IDF + logistic regression", ngram_range=(1, 1)),
        SklearnApproach("word 1-2gram TF-IDF, no skill marker + logistic regression", mark_skills=False),
        SklearnApproach("word 1-2gram TF-IDF + calibrated linear SVM", classifier="svm"),
    ]
    if not args.no_spacy:
        approaches.append(SpacyTextcat())

    rows = []
    for approach in approaches:
        start = time.perf_counter()
        cv_macro = []
        for tr_idx, va_idx in KFold(args.folds, shuffle=True, random_state=0).split(train_docs):
            probs, _ = approach.fit_predict([train_docs[i] for i in tr_idx], [train[i] for i in tr_idx], [train_docs[i] for i in va_idx])
            cv_macro.append(f1_score(label_matrix([train[i] for i in va_idx]), (probs >= 0.5).astype(int), average="macro", zero_division=0))
        probs, tone_pred = approach.fit_predict(train_docs, train, dev_docs)
        s = scores(Y_dev, probs, dev_tones, tone_pred)
        s["cv"] = (float(np.mean(cv_macro)), float(np.std(cv_macro)))
        s["seconds"] = time.perf_counter() - start
        rows.append((approach.name, s))
        print(f"  done: {approach.name} ({s['seconds']:.0f}s)", file=sys.stderr, flush=True)

    kw = np.array([[t in keyword_themes(r["text"]) for t in THEMES] for r in dev], dtype=int)
    kw_macro = f1_score(Y_dev, kw, average="macro", zero_division=0)
    kw_micro = f1_score(Y_dev, kw, average="micro", zero_division=0)
    tb = [polarity_tone(polarity_subjectivity(r["text"])[0]) for r in dev]
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        vader = SentimentIntensityAnalyzer()
        vd = f1_score(dev_tones, [polarity_tone(vader.polarity_scores(r["text"])["compound"], 0.05) for r in dev], average="macro")
    except ImportError:
        vd = float("nan")

    print()
    print(f"{'approach':<62}{'CV macro-F1 (train)':>22}{'dev macro':>11}{'dev micro':>11}{'tone F1':>9}{'ECE':>7}{'time':>7}")
    for name, s in rows:
        cv = f"{s['cv'][0]:.3f} ± {s['cv'][1]:.3f}"
        print(f"{name:<62}{cv:>22}{s['macro']:>11.3f}{s['micro']:>11.3f}{s['tone']:>9.3f}{s['ece']:>7.3f}{s['seconds']:>6.0f}s")
    print(f"{'keyword rules (baseline)':<62}{'':>22}{kw_macro:>11.3f}{kw_micro:>11.3f}")
    print(f"{'TextBlob polarity -> tone (baseline)':<62}{'':>22}{'':>11}{'':>11}{f1_score(dev_tones, tb, average='macro'):>9.3f}")
    print(f"{'VADER compound -> tone (baseline)':<62}{'':>22}{'':>11}{'':>11}{vd:>9.3f}")
    print()
    print("per-theme dev F1 of each approach:")
    print(f"{'':<62}" + "".join(f"{t[:11]:>12}" for t in THEMES))
    for name, s in rows:
        print(f"{name:<62}" + "".join(f"{v:>12.3f}" for v in s["per_theme"]))
    best = max(rows, key=lambda r: r[1]["macro"])
    print(f"\nbest by dev macro-F1: {best[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
