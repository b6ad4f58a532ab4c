"""Tell English text from text in other languages, offline, from function words and script.

The themes and tone models were trained on English only; text in another language gets
``is_supported=False`` and no themes, rather than a guess.
"""

from __future__ import annotations

import re

# Frequent function words that are rare in the other languages listed.
_STOPWORDS = {
    "en": "the and to of a in is you your we for that with this was not have are be our it on as at but will thank".split(),
    "es": "el la los las de que y en un una por para con su sus lo del al es no le se gracias usted nos".split(),
    "fr": "le la les de des et en un une pour avec votre vous nous est pas que qui du au sur merci ce".split(),
    "de": "der die das und ist nicht sie wir ihr ihre ihnen mit für den dem des ein eine zu auf vielen dank".split(),
    "nl": "de het een en van ik je jij u uw wij we niet met voor op dat zijn is bedankt helaas".split(),
    "it": "il lo la gli le di che e non un una per con del della sono grazie siamo sua suo".split(),
    "pt": "o a os as de que e em um uma para com não do da seu sua obrigado você nós".split(),
}
_SETS = {lang: frozenset(words) for lang, words in _STOPWORDS.items()}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

MIN_WORDS = 4
"""Below this many words the text is assumed English: too short to tell."""


def detect_language(text: str) -> str:
    """Return a language code (``"en"``, ``"es"``, ``"fr"``, ``"de"``, ``"nl"``, ``"it"``, ``"pt"``) or ``"und"``.

    Short texts (fewer than :data:`MIN_WORDS` words) and texts whose words are
    mostly Latin-script but match no function-word list are taken as English, since
    terse English notes ("Rejected - comp too high") have few function words.
    Text mostly in a non-Latin script (Cyrillic, Arabic, CJK, ...) is ``"und"``.
    """
    words = _WORD.findall(text[:20_000].lower())
    if len(words) < MIN_WORDS:
        letters = [c for c in text[:2000] if c.isalpha()]
        if letters and sum(c.isascii() for c in letters) / len(letters) < 0.5:
            return "und"
        return "en"
    latin = sum(1 for w in words if w.isascii() or all("\u00c0" <= c <= "\u024f" or c.isascii() for c in w))
    if latin / len(words) < 0.5:
        return "und"
    counts = {lang: sum(1 for w in words if w in stop) for lang, stop in _SETS.items()}
    best = max(counts, key=counts.get)
    if counts[best] == 0 or counts["en"] >= 0.6 * counts[best]:
        return "en"
    return best
