"""TextBlob's lexicon polarity and subjectivity, computed by TextBlob's own code.

``TextBlob(text).sentiment`` runs the pattern sentiment analyser in ``textblob/_text.py``
over the lexicon ``textblob/en/en-sentiment.xml``. Importing ``textblob`` itself also
imports NLTK, which costs seconds and is not needed for sentiment. This module loads
TextBlob's ``_text.py`` file directly (it depends only on the standard library) and
configures it exactly as ``textblob.en`` does, so the values are TextBlob's, unmodified,
without the NLTK import. A test checks equality with ``TextBlob(text).sentiment``.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from functools import cache


def _textblob_dir() -> str:
    spec = importlib.util.find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        from .errors import NotInstalled

        raise NotInstalled("textblob", "all")
    return list(spec.submodule_search_locations)[0]


@cache
def _analyser():
    """Build TextBlob's English pattern sentiment analyser without importing textblob."""
    root = _textblob_dir()
    name = "jobfeedback._textblob_text"
    module = sys.modules.get(name)
    if module is None:
        spec = importlib.util.spec_from_file_location(name, os.path.join(root, "_text.py"))
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)

    class _EnglishSentiment(module.Sentiment):
        # Same as textblob.en.Sentiment: adjectives also score as their -ly adverbs.
        def load(self, path=None):
            module.Sentiment.load(self, path)
            if not path:
                for w, pos in list(dict.items(self)):
                    if "JJ" in pos:
                        if w.endswith("y"):
                            w = w[:-1] + "i"
                        if w.endswith("le"):
                            w = w[:-2]
                        p, s, i = pos["JJ"]
                        self.annotate(w + "ly", "RB", p, s, i)

    def tokenizer(string):
        return module.find_tokens(
            str(string),
            punctuation=module.PUNCTUATION,
            abbreviations=module.ABBREVIATIONS,
            replace=module.replacements,
            linebreak=r"\n{2,}",
        )

    analyser = _EnglishSentiment(
        path=os.path.join(root, "en", "en-sentiment.xml"),
        synset="wordnet_id",
        negations=("no", "not", "n't", "never"),
        modifiers=("RB",),
        modifier=lambda w: w.endswith("ly"),
        tokenizer=tokenizer,
        language="en",
    )
    analyser.load()
    return analyser


def polarity_subjectivity(text: str) -> tuple[float, float]:
    """Return ``(polarity, subjectivity)`` exactly as ``TextBlob(text).sentiment`` gives them.

    Parameters
    ----------
    text : str
        Any text.

    Returns
    -------
    tuple of float
        Polarity in [-1, 1] and subjectivity in [0, 1].
    """
    score = _analyser()(text)
    return float(score[0]), float(score[1])
