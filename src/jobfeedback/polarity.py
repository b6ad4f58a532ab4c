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
import re
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

    # Each emoticon (lowercased) with the polarity of the first EMOTICONS entry that lists it,
    # which is the one TextBlob's loop over EMOTICONS would find.
    emoticons: dict[str, float] = {}
    for (_kind, p), forms in module.EMOTICONS.items():
        for form in forms:
            emoticons.setdefault(form.lower(), p)
    punctuation, mood, irony = module.PUNCTUATION, module.MOOD, module.IRONY

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
            self._plain = dict(dict.items(self))

        def assessments(self, words=None, negation=True):
            # TextBlob's Sentiment.assessments, statement for statement, reading the lexicon
            # as a plain dict (its lazydict wrapper costs a Python call per word looked up),
            # and skipping at once the words for which no branch below would do anything.
            if words is None:
                words = []
            lexicon, labeler = self._plain, self.labeler
            negations, modifiers, modifier = self.negations, self.modifiers, self.modifier
            a = []
            m = None
            n = None
            plain_negations = frozenset(negations)
            for w, pos in words:
                if w is None:
                    continue
                entry = lexicon.get(w)
                if entry is None and n is None and m is None and w.isalpha() and w not in plain_negations:
                    continue  # an unknown plain word with no negation or modifier pending: no branch acts

                if entry is not None and pos in entry:
                    p, s, i = entry[pos]
                    if m is None:
                        a.append(dict(w=[w], p=p, s=s, i=i, n=1, x=labeler.get(w)))
                    if m is not None:
                        a[-1]["w"].append(w)
                        a[-1]["p"] = max(-1.0, min(p * a[-1]["i"], +1.0))
                        a[-1]["s"] = max(-1.0, min(s * a[-1]["i"], +1.0))
                        a[-1]["i"] = i
                        a[-1]["x"] = labeler.get(w)
                    if n is not None:
                        a[-1]["w"].insert(0, n)
                        a[-1]["i"] = 1.0 / a[-1]["i"]
                        a[-1]["n"] = -1
                    m = None
                    n = None
                    if pos and pos in modifiers or any(map(entry.__contains__, modifiers)):
                        m = (w, pos)
                    if negation and w in negations:
                        n = w
                else:
                    if negation and w in negations:
                        n = w
                    elif n and len(w.strip("'")) > 1:
                        n = None
                    if n is not None and m is not None and (pos in modifiers or modifier(m[0])):
                        a[-1]["w"].append(n)
                        a[-1]["n"] = -1
                        n = None
                    elif m and len(w) > 2:
                        m = None
                    if w == "!" and len(a) > 0:
                        a[-1]["w"].append("!")
                        a[-1]["p"] = max(-1.0, min(a[-1]["p"] * 1.25, +1.0))
                    if w == "(!)":
                        a.append(dict(w=[w], p=0.0, s=1.0, i=1.0, n=1, x=irony))
                    if w.isalpha() is False and len(w) <= 5 and w not in punctuation:
                        p = emoticons.get(w)
                        if p is not None:
                            a.append(dict(w=[w], p=p, s=1.0, i=1.0, n=1, x=mood))
            for i in range(len(a)):
                w = a[i]["w"]
                p = a[i]["p"]
                s = a[i]["s"]
                n = a[i]["n"]
                x = a[i]["x"]
                a[i] = (w, p * -0.5 if n < 0 else p, s, x)
            return a

    tokenizer = _make_tokenizer(module)

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


def _make_tokenizer(module):
    """TextBlob's ``find_tokens`` as ``textblob.en`` calls it, with the same result, faster.

    The code below is TextBlob's (MIT licence), statement for statement, except that:
    literal substitutions use ``str.replace`` instead of ``re.sub`` (same result for
    patterns without special characters); a token with no punctuation at either end skips
    the loops that peel punctuation off (they would do nothing); the sentence split
    visits only the sentence enders, not every token (same sentences, see the comment
    there); and the emoticon regex starts
    with a lookahead on the characters an emoticon can start with, so positions that
    cannot match are skipped at once (same matches, same groups, same alternation order).
    """
    import re

    punctuation_all = module.PUNCTUATION
    punctuation = tuple(punctuation_all.replace(".", ""))
    replace = module.replacements
    replace_items = list(replace.items())
    assert all(re.escape(a) == a for a, _ in replace_items)  # literal patterns only
    abbreviations = module.ABBREVIATIONS
    abbr1, abbr2, abbr3 = module.RE_ABBR1, module.RE_ABBR2, module.RE_ABBR3
    token_re, eos = module.TOKEN, module.EOS
    sarcasm = module.RE_SARCASM
    firsts = sorted({e[0] for forms in module.EMOTICONS.values() for e in forms})
    emoticons = re.compile(
        r"(?=[%s])(%s)($|\s)" % ("".join(re.escape(c) for c in firsts), "|".join(module.TEMP_RE_EMOTICONS))
    )
    linebreak = re.compile(r"\n{2,}")
    spaces = re.compile(r"\s+")
    edge = frozenset(punctuation) | {"."}  # a token starting or ending with one of these may be peeled
    enders = frozenset(("...", ".", "!", "?", eos))
    closers = frozenset(("”", "’", "...", ".", "!", "?", ")", eos))  # TextBlob's trailers but the quotes ' and "

    def find_tokens(string):
        string = str(string)
        for a, b in replace_items:
            string = string.replace(a, b)
        string = (
            string.replace("“", " “ ")
            .replace("”", " ” ")
            .replace("‘", " ‘ ")
            .replace("’", " ’ ")
            .replace("'", " ' ")
            .replace('"', ' " ')
        )
        string = string.replace("\r\n", "\n")
        string = linebreak.sub(" %s " % eos, string)
        string = spaces.sub(" ", string)
        tokens = []
        for t in token_re.findall(string + " "):
            if len(t) > 0:
                if t[0] not in edge and t[-1] not in edge:  # no punctuation to peel: the loops below do nothing
                    tokens.append(t)
                    continue
                tail = []
                while t.startswith(punctuation) and t not in replace:
                    if t.startswith(punctuation):
                        tokens.append(t[0])
                        t = t[1:]
                while t.endswith(punctuation + (".",)) and t not in replace:
                    if t.endswith(punctuation):
                        tail.append(t[-1])
                        t = t[:-1]
                    if t.endswith("..."):
                        tail.append("...")
                        t = t[:-3].rstrip(".")
                    if t.endswith("."):
                        if (
                            t in abbreviations
                            or abbr1.match(t) is not None
                            or abbr2.match(t) is not None
                            or abbr3.match(t) is not None
                        ):
                            break
                        else:
                            tail.append(t[-1])
                            t = t[:-1]
                if t != "":
                    tokens.append(t)
                tokens.extend(reversed(tail))
        # A sentence ends after an ender and the trailers that follow it. In TextBlob's loop a
        # quote always stops the trailers (it counts quotes in the sentence being built, which
        # is still empty there), and the token after the trailers is not checked as an ender.
        n = len(tokens)
        sentences, i, checked_from = [], 0, 0
        for j in [j for j, t in enumerate(tokens) if t in enders]:
            if j < checked_from:
                continue
            k = j
            while k < n and tokens[k] in closers:
                k += 1
            sentences.append([t for t in tokens[i:k] if t != eos])
            i, checked_from = k, k + 1
        sentences.append(tokens[i:])
        joined = (" ".join(s) for s in sentences if len(s) > 0)
        joined = (sarcasm.sub("(!)", s) if "(" in s else s for s in joined)
        return [emoticons.sub(lambda m: m.group(1).replace(" ", "") + m.group(2), s) for s in joined]

    return find_tokens


MAX_RUN = 1000
"""Runs without whitespace longer than this are read as their words only (TextBlob is quadratic in them)."""


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

    Notes
    -----
    TextBlob's tokenizer is quadratic in the length of a run without whitespace, so the
    symbols of a run longer than :data:`MAX_RUN` characters become spaces first (see
    :func:`jobfeedback.sentences.words_only_in_long_runs`); only on texts with such a
    run may the values differ from TextBlob's.
    """
    from .typography import words_only_in_long_runs

    score = _analyser()(words_only_in_long_runs(text, MAX_RUN + 1, max_run=MAX_RUN))
    return float(score[0]), float(score[1])


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@cache
def _hyphen_neighbours() -> tuple[frozenset, frozenset] | None:
    """The characters before and after "-" in TextBlob's emoticons (":-)" gives ":" and ")"),
    or None if an emoticon starts or ends with "-"."""
    _analyser()
    forms = [f for fs in sys.modules["jobfeedback._textblob_text"].EMOTICONS.values() for f in fs]
    if any(f.startswith("-") or f.endswith("-") for f in forms):
        return None
    before = frozenset(f[i - 1] for f in forms for i, c in enumerate(f) if c == "-")
    after = frozenset(f[i + 1] for f in forms for i, c in enumerate(f) if c == "-")
    return before, after


def _lone_dash_reads_as_hyphen(text: str, i: int) -> bool:
    # A lone dash reads as a lone hyphen unless TextBlob could join the hyphen into an
    # emoticon with its neighbours (it allows a space between the characters: ": - )").
    if (i > 0 and not text[i - 1].isspace()) or (i < len(text) - 1 and not text[i + 1].isspace()):
        return False
    neighbours = _hyphen_neighbours()
    if neighbours is None:
        return False
    # The nearest characters that are not whitespace on each side (walking, not slicing, so a
    # text full of dashes stays linear: each blank run is walked from its two ends only).
    left, right = i - 1, i + 1
    while left >= 0 and text[left].isspace():
        left -= 1
    while right < len(text) and text[right].isspace():
        right += 1
    return not (left >= 0 and right < len(text) and text[left] in neighbours[0] and text[right] in neighbours[1])


def folding_keeps_polarity(text: str) -> bool:
    """Whether TextBlob gives ``text`` the values it gives ``text`` with its typography folded.

    True when folding (:func:`jobfeedback.typography.normalize_typography`) changes only
    space characters, which TextBlob's tokenizer reads as any whitespace, and dashes with
    whitespace or an edge of the text on both sides that cannot be part of an emoticon:
    TextBlob reads such a dash and a lone hyphen alike (neither is in its lexicon; neither
    negates, modifies or is long enough to end a modifier). False for any other change,
    such as a curly apostrophe. The analyser then reports the polarity the model read
    instead of computing it twice.
    """
    from .typography import dashes, normalize_typography

    if normalize_typography(text)[0] is text:
        return True
    for m in _NON_ASCII.finditer(text):
        c = m.group()
        if c.isspace() or (c in dashes() and _lone_dash_reads_as_hyphen(text, m.start())):
            continue
        if normalize_typography(c)[0] != c:
            return False
    return True
