"""Language identification: the shipped detector against alternatives, on the project's data.

Run from the project root:  python benchmarks/language_id.py

For each method: English texts of ``tests/data/language_eval.jsonl`` kept as English
(300, mostly short recruiter notes), texts of ``datasets/feedback.jsonl`` kept as English
(4,648), other-language texts of the evaluation set flagged as not English, and the
mean time per dataset text. Methods:

- ``py3langid`` (shipped): langid.py's model restricted to
  :data:`jobfeedback.language.LANGUAGES`, with jobfeedback's decision rule;
- ``rules (0.1)``: the function-word rule of jobfeedback 0.1, on regex words (its word
  lists and thresholds copied here);
- ``lingua low`` / ``lingua high``: lingua restricted to the same languages, in its low-
  and high-accuracy modes, with the same rule (English floor 0.05; only if
  ``lingua-language-detector`` is installed).

Also prints the share of analysis time the language step takes.
"""

from __future__ import annotations

import json
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_OLD_WORDS = {
    "en": "the and to of a in is you your we for that with this was not have are be our it on as at but will thank",
    "es": "el la los las de que y en un una por para con su sus lo del al es no le se gracias usted nos",
    "fr": "le la les de des et en un une pour avec votre vous nous est pas que qui du au sur merci ce",
    "de": "der die das und ist nicht sie wir ihr ihre ihnen mit für den dem des ein eine zu auf vielen dank",
    "nl": "de het een en van ik je jij u uw wij we niet met voor op dat zijn is bedankt helaas",
    "it": "il lo la gli le di che e non un una per con del della sono grazie siamo sua suo",
    "pt": "o a os as de que e em um uma para com não do da seu sua obrigado você nós",
}
_OLD = {k: frozenset(v.split()) for k, v in _OLD_WORDS.items()}


def old_rules(text: str) -> str:
    """jobfeedback 0.1's rule: function-word counts, English unless another list wins clearly."""
    from jobfeedback.cleaning import mask_noise

    words = re.findall(r"[^\W\d_]+", mask_noise(text).lower())
    if not words:
        return "en"
    latin = sum(1 for w in words if all(c.isascii() or "\u00c0" <= c <= "\u024f" for c in w))
    if latin / len(words) < 0.5:
        return "und"
    if len(words) < 4:
        return "en"
    counts = {lang: sum(w in ws for w in words) for lang, ws in _OLD.items()}
    best = max(counts, key=counts.get)
    if counts[best] == 0 or counts["en"] >= 0.6 * counts[best]:
        return "en"
    return best


LINGUA_EN_FLOOR = 0.05
"""The best floor for lingua on this data (0.12 loses more short English notes)."""


def lingua_method(high: bool):
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    from jobfeedback import language

    codes = [c if c != "no" else "nb" for c in language.LANGUAGES]
    langs = [Language.from_iso_code_639_1(getattr(IsoCode639_1, c.upper())) for c in codes]
    builder = LanguageDetectorBuilder.from_languages(*langs)
    detector = (builder if high else builder.with_low_accuracy_mode()).build()

    def detect(text: str) -> str:
        from jobfeedback.cleaning import mask_noise

        masked = mask_noise(text)
        sample = " ".join(masked[: language.SAMPLE_CHARS * 2].split())[: language.SAMPLE_CHARS]
        words = re.findall(r"[^\W\d_]{2,}", sample)
        if len(words) < language.MIN_WORDS:
            return "en"
        values = detector.compute_language_confidence_values(sample)
        english = next((v.value for v in values if v.language.iso_code_639_1.name == "EN"), 0.0)
        return "en" if english >= LINGUA_EN_FLOOR else values[0].language.iso_code_639_1.name.lower()

    return detect


def shipped(text: str) -> str:
    from jobfeedback.language import detect_language

    return detect_language(text)


def _size(package: str) -> str:
    import importlib.util

    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return "-"
    root = Path(list(spec.submodule_search_locations)[0])
    return f"{sum(f.stat().st_size for f in root.rglob('*') if f.is_file()) / 1e6:.0f} MB"


def main() -> int:
    rows = [json.loads(x) for x in (ROOT / "tests/data/language_eval.jsonl").read_text("utf-8").splitlines()]
    rows = [r for r in rows if "lang" in r]
    english = [r["text"] for r in rows if r["lang"] == "en"]
    others = [r for r in rows if r["lang"] != "en"]
    dataset = [
        json.loads(x)["text"] for x in (ROOT / "datasets/feedback.jsonl").read_text("utf-8").splitlines() if x.strip()
    ]
    methods = [("py3langid (shipped)", shipped, _size("py3langid")), ("rules (0.1)", old_rules, "0 MB")]
    try:
        methods.append(("lingua low", lingua_method(high=False), _size("lingua")))
        methods.append(("lingua high", lingua_method(high=True), _size("lingua")))
    except ImportError:
        pass
    for _, detect, _ in methods:  # load models before timing
        detect("Merci pour votre candidature, nous avons retenu un autre profil.")
    print("| method | eval English kept | dataset kept | others flagged | ms / dataset text | install |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, detect, size in methods:
        kept = sum(detect(t) == "en" for t in english)
        start = time.perf_counter()
        dataset_kept = sum(detect(t) == "en" for t in dataset)
        per_text = (time.perf_counter() - start) / len(dataset) * 1000
        flagged = sum(detect(r["text"]) != "en" for r in others)
        print(
            f"| {name} | {kept}/{len(english)} | {dataset_kept}/{len(dataset)} | "
            f"{flagged}/{len(others)} ({flagged / len(others):.1%}) | {per_text:.2f} | {size} |"
        )
    missed = [(r["lang"], r["text"]) for r in others if shipped(r["text"]) == "en"]
    lost = [t for t in english + dataset if shipped(t) != "en"]
    print(f"\nshipped: {len(missed)} other-language texts kept as English, {len(lost)} English texts flagged")
    for lang, text in missed[:10]:
        print(f"  kept  {lang}: {text}")
    for text in lost[:10]:
        print(f"  flagged {shipped(text)}: {' '.join(text.split())[:100]}")

    import jobfeedback
    from jobfeedback import language
    from jobfeedback.cleaning import mask_noise

    sample = dataset[:1000]
    jobfeedback.analyze_many(sample[:10])
    language._detect_sample.cache_clear()
    start = time.perf_counter()
    jobfeedback.analyze_many(sample)
    total = time.perf_counter() - start
    language._detect_sample.cache_clear()
    masked = [mask_noise(t) for t in sample]
    start = time.perf_counter()
    for m in masked:
        language.detect_masked(m)
    step = time.perf_counter() - start
    print(f"\nlanguage step: {step:.2f} s of {total:.2f} s analysing 1,000 dataset texts ({step / total:.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
