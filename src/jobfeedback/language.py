"""Tell English text from text in other languages, offline, with py3langid.

The themes and tone models were trained on English only; text in another language is
not analysed (``is_supported=False``, no themes, no tone, no advice) rather than given a
guess. The detector is `py3langid <https://pypi.org/project/py3langid/>`_ (langid.py's
model, shipped inside the package, nothing downloaded), restricted to the languages of
:data:`LANGUAGES`. It was chosen by measurement against lingua and jobfeedback 0.1's
function-word rule (``benchmarks/language_id.py``): on the project's evaluation set
(``tests/data/language_eval.jsonl``) and dataset it keeps every English text, short
recruiter notes included, flags 99 % of the other-language texts, and is the fastest.

English is the default: a text is flagged only when the detector gives English less
than :data:`EN_FLOOR` probability, and a Latin-script note of fewer than
:data:`MIN_WORDS` words is always English, since nothing reliable can be said about it.

The detector costs about 0.2 ms a text, 15 % of an analysis; most texts are plainly
English, so a text of ASCII words of which at least a fifth are among
:data:`ENGLISH_MARKERS` is taken as English without asking it (two thirds of the
dataset, none of the other-language texts of the evaluation set). This only ever says
"English": every other language is told by the detector.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

LANGUAGES: tuple[str, ...] = (
    "en", "es", "fr", "de", "nl", "it", "pt", "ca", "ro", "pl", "cs", "sk", "hu", "hr", "sl",
    "sv", "da", "no", "fi", "et", "lv", "lt", "tr", "id", "ms", "vi",
    "ru", "uk", "bg", "el", "he", "ar", "fa", "hi", "bn", "th", "zh", "ja", "ko",
)  # fmt: skip
"""ISO 639-1 codes of the languages told apart (``no`` is Norwegian)."""

EN_FLOOR = 0.02
"""A text is English when the detector gives English at least this probability among :data:`LANGUAGES`."""

MIN_WORDS = 3
"""Below this many words a Latin-script text is English: too short to tell."""

SAMPLE_CHARS = 200
"""Only the first this many characters (after cleaning) are read: enough to tell, and fast."""

ENGLISH_MARKERS = frozenset(
    [
        "the",
        "and",
        "you",
        "your",
        "our",
        "this",
        "that",
        "have",
        "thank",
        "thanks",
        "not",
        "were",
        "will",
        "would",
        "but",
        "are",
        "to",
        "it",
        "with",
        "of",
        "for",
    ]
)
"""Frequent English words, chosen among those that are rare in the other languages of
:data:`LANGUAGES` ("we" is left out: it is Dutch too)."""

_WORD = re.compile(r"[^\W\d_]{2,}")


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages(list(LANGUAGES))
    return identifier


def detect_language(text: str) -> str:
    """Return the language code of a raw text: ``"en"`` or another code of :data:`LANGUAGES`.

    Email noise (greetings, signatures, footers, HTML) is masked first, so an English
    footer does not make a French email English. A text with no words left is ``"en"``,
    the default.
    """
    from .cleaning import mask_noise

    return detect_masked(mask_noise(text))


def detect_masked(masked: str) -> str:
    """Return the language code of a text already passed through :func:`~jobfeedback.sentences.mask_noise`."""
    from .typography import normalize_typography

    # Folded first, so full-width letters or curly quotes do not look like another script.
    folded = normalize_typography(masked[: SAMPLE_CHARS * 4])[0]
    return _detect_sample(" ".join(folded.split())[:SAMPLE_CHARS])


def _is_latin(word: str) -> bool:
    return word.isascii() or all(c <= "\u024f" for c in word)


# The analyser asks before parsing and the parser asks again: the cache answers the second.
@lru_cache(maxsize=1024)
def _detect_sample(sample: str) -> str:
    words = _WORD.findall(sample)
    if not words:
        return "en"  # nothing to tell (a signature, a quoted thread): English, the default
    if len(words) < MIN_WORDS and all(map(_is_latin, words)):
        return "en"
    if all(w.isascii() for w in words) and sum(w.lower() in ENGLISH_MARKERS for w in words) * 5 >= len(words):
        return "en"
    ranked = dict(_identifier().rank(sample))
    if ranked.get("en", 0.0) >= EN_FLOOR:
        return "en"
    return max(ranked, key=ranked.get)
