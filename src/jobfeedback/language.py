"""Tell English text from text in other languages, offline, from function words and script.

The themes and tone models were trained on English only; text in another language gets
``is_supported=False`` and no themes, rather than a guess. Counting is done on spaCy's
tokens by :func:`jobfeedback.sentences.parse_many` (with lexeme flags, so it is nearly
free); this module holds the word lists and the decision rule.
"""

from __future__ import annotations

# Frequent function words that are rare in the other languages listed.
_WORDS = {
    "en": "the and to of a in is you your we for that with this was not have are be our it on as at but will thank",
    "es": "el la los las de que y en un una por para con su sus lo del al es no le se gracias usted nos",
    "fr": "le la les de des et en un une pour avec votre vous nous est pas que qui du au sur merci ce",
    "de": "der die das und ist nicht sie wir ihr ihre ihnen mit für den dem des ein eine zu auf vielen dank",
    "nl": "de het een en van ik je jij u uw wij we niet met voor op dat zijn is bedankt helaas",
    "it": "il lo la gli le di che e non un una per con del della sono grazie siamo sua suo",
    "pt": "o a os as de que e em um uma para com não do da seu sua obrigado você nós",
}
FUNCTION_WORDS: dict[str, frozenset[str]] = {lang: frozenset(words.split()) for lang, words in _WORDS.items()}
"""Function words per language code."""

MIN_WORDS = 4
"""Below this many words the text is assumed English: too short to tell."""


def language_from_counts(n_words: int, n_latin: int, function_words: dict[str, int]) -> str:
    """Decide the language from word counts.

    Parameters
    ----------
    n_words : int
        Alphabetic words in the text.
    n_latin : int
        Of those, words written in the Latin script.
    function_words : dict
        For each language code of :data:`FUNCTION_WORDS`, how many words are its function words.

    Returns
    -------
    str
        ``"en"``, another code of :data:`FUNCTION_WORDS`, or ``"und"`` for text mostly in
        another script (Cyrillic, Arabic, CJK, ...). Short texts and Latin-script texts
        matching no list are taken as English: terse English notes ("Rejected - comp too
        high") have few function words.
    """
    if n_words == 0:
        return "en"
    if n_latin / n_words < 0.5:
        return "und"
    if n_words < MIN_WORDS:
        return "en"
    best = max(function_words, key=function_words.get)
    if function_words[best] == 0 or function_words.get("en", 0) >= 0.6 * function_words[best]:
        return "en"
    return best


def detect_language(text: str) -> str:
    """Return the language code of ``text`` (see :func:`language_from_counts`)."""
    from .sentences import mask_noise, parse_many

    return parse_many([mask_noise(text)])[0].language
