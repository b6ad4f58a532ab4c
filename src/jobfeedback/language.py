"""Tell English text from text in other languages, offline, with lingua.

The themes and tone models were trained on English only; text in another language is
not analysed (``is_supported=False``, no themes, no tone, no advice) rather than given a
guess. The detector is `lingua <https://github.com/pemistahl/lingua-py>`_, restricted to
the languages in :data:`LANGUAGES` and run in its low-accuracy mode (trigrams only): on
the project's evaluation set (``tests/data/language_eval.jsonl``, see
``benchmarks/language_id.py``) it keeps every English text, short recruiter notes
included, and flags the other languages, at a fraction of a millisecond per text.

English is the default: a text is flagged only when lingua gives English little
probability, and a note of one or two words is always taken as English, since nothing
reliable can be said about it.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

LANGUAGES: tuple[str, ...] = (
    "en", "es", "fr", "de", "nl", "it", "pt", "ca", "ro", "pl", "cs", "sk", "hu", "hr", "sl",
    "sv", "da", "nb", "fi", "et", "lv", "lt", "tr", "id", "ms", "vi",
    "ru", "uk", "bg", "el", "he", "ar", "fa", "hi", "bn", "th", "zh", "ja", "ko",
)  # fmt: skip
"""ISO 639-1 codes of the languages told apart. Norwegian is ``nb`` (Bokmål)."""

EN_FLOOR = 0.12
"""A text is taken as English when lingua gives English at least this probability."""

MIN_WORDS = 3
"""Below this many words a Latin-script text is taken as English: too short to tell."""

SAMPLE_CHARS = 1000
"""Only the first this many characters (after cleaning) are read: enough to tell, and fast."""

_WORD = re.compile(r"[^\W\d_]{2,}")


@cache
def _detector():
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    languages = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def detect_language(text: str) -> str:
    """Return the language code of a raw text: ``"en"``, another code of :data:`LANGUAGES`, or ``"und"``.

    Email noise (greetings, signatures, footers, HTML) is masked first, so an English
    footer does not make a French email English. A text with no words is ``"und"``.
    """
    from .sentences import mask_noise

    return detect_masked(mask_noise(text))


def detect_masked(masked: str) -> str:
    """Return the language code of a text already passed through :func:`~jobfeedback.sentences.mask_noise`."""
    return _detect_sample(" ".join(masked[: SAMPLE_CHARS * 2].split())[:SAMPLE_CHARS])


# The analyser asks before parsing and the parser again: the cache makes the second ask free.
@lru_cache(maxsize=1024)
def _detect_sample(sample: str) -> str:
    words = _WORD.findall(sample)
    if not words:
        return "und"
    latin = sum(1 for w in words if w.isascii() or all(c <= "\u024f" for c in w))
    if latin * 2 >= len(words) and len(words) < MIN_WORDS:
        return "en"
    values = _detector().compute_language_confidence_values(sample)
    if not values:
        return "und"
    best = values[0]
    english = next((v.value for v in values if v.language.iso_code_639_1.name == "EN"), 0.0)
    if english >= EN_FLOOR:
        return "en"
    return best.language.iso_code_639_1.name.lower()
