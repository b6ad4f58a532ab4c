"""The analyser: one code path from raw texts to :class:`~jobfeedback.Analysis` results."""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import cache
from itertools import islice
from pathlib import Path

from .classifier import CLEAR, PRAISE, rank_evidence  # noqa: F401  (CLEAR, PRAISE: documented here before 0.3)
from .cleaning import mask_noise
from .errors import Errors
from .kinds import kind_from_text
from .language import detect_masked
from .mentions import find_role
from .model_dir import default_model_dir
from .playbook import advise
from .polarity import folding_keeps_polarity, polarity_subjectivity
from .results import Analysis, Sentiment, ThemeHit
from .sentences import parse_many
from .taxonomy import THEMES

logger = logging.getLogger("jobfeedback")

MAX_CHARS = 100_000
"""Texts longer than this are analysed on their first ``MAX_CHARS`` characters (``truncated=True``)."""

EMPTY_TEXT = "empty text: nothing to analyse"
"""The ``error`` of a text that is empty or only whitespace."""

NO_WORDS = "no words to analyse: the text has no letters outside numbers, dates, ids, URLs, punctuation and emoji"
"""The ``error`` of a text that cannot be feedback (see :func:`has_words`)."""

_RUN = re.compile(r"\S+")
_WORD = re.compile(r"[^\W\d_]{2}")
_ADDRESS = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.|[^@\s]+@[^@\s]+\.)", re.IGNORECASE)


def has_words(text: str) -> bool:
    """Whether ``text`` holds a word: two letters in a row, outside URLs and email addresses.

    This is where the line is drawn between text that can be feedback and text that
    cannot: "123", "4.5", "2026-01-01", "#4521", "https://example.com/x", "!!!" and a row
    of emoji have no word; "OK", "No.", "REQ-4521 closed" and text in any script have one.
    Stops at the first word, so it is quick on long texts.
    """
    for m in _RUN.finditer(text):
        run = m.group()
        if _WORD.search(run) and not _ADDRESS.match(run):
            return True
    return False


def _describe_bad_input(item) -> str | None:
    """Why ``item`` cannot be analysed, or None if it is text that can be feedback."""
    if isinstance(item, str):
        if not item.strip():
            return EMPTY_TEXT
        if not has_words(item):
            return NO_WORDS
        return None
    if item is None:
        return "missing text (None)"
    if isinstance(item, float) and math.isnan(item):
        return "missing text (NaN)"
    if isinstance(item, (bytes, bytearray)):
        return f"expected str, got {type(item).__name__}: decode the bytes first"
    try:
        import pandas as pd  # only if pandas is already in use

        if item is pd.NA or item is pd.NaT:
            return "missing text (NA)"
    except ImportError:  # pragma: no cover - pandas is a dependency
        pass
    return f"expected str, got {type(item).__name__}"


class Analyzer:
    """Analyses feedback texts with one trained model.

    Use :meth:`load` to get one; the module-level :func:`jobfeedback.analyze` uses the
    shipped default model.

    Parameters
    ----------
    model : FeedbackModel
        A fitted model.
    meta : dict, optional
        The model's metadata (from ``meta.json``).
    path : path-like, optional
        The directory the model was loaded from; lets worker processes load it
        themselves instead of receiving a copy.
    trusted : bool
        Whether ``path`` was loaded as trusted (passed on to worker processes).
    max_chars : int
        Texts longer than this are analysed on their beginning only.
    """

    def __init__(self, model, meta: dict | None = None, path=None, trusted: bool = False, max_chars: int = MAX_CHARS):
        if max_chars < 1:
            raise ValueError(Errors.E050.format(name="max_chars", value=max_chars))
        self.model = model
        self.meta = dict(meta or {})
        self.path = Path(path) if path is not None else None
        self.trusted = trusted
        self.max_chars = max_chars

    @classmethod
    def load(cls, path=None, *, trusted: bool = False, max_chars: int = MAX_CHARS) -> Analyzer:
        """Load an analyser from a model directory.

        Parameters
        ----------
        path : path-like, optional
            A model directory made by ``jobfeedback train``. None loads the default
            model shipped with the package.
        trusted : bool
            Required for any directory other than the shipped model: loading a model
            unpickles it, which can run arbitrary code, so only load directories you
            made or trust. The sha256 in ``meta.json`` is checked in every case.
        max_chars : int
            See :data:`MAX_CHARS`.

        Raises
        ------
        ModelLoadError
            If the directory is missing, tampered with, untrusted or incompatible.
        """
        from .model_dir import load_model

        if path is None:
            path = default_model_dir()
            trusted = True
        model, meta = load_model(path, trusted=trusted)
        return cls(model, meta=meta, path=path, trusted=trusted, max_chars=max_chars)

    def __repr__(self) -> str:
        return f"Analyzer(path={str(self.path)!r})" if self.path else "Analyzer(<in-memory model>)"

    def __reduce__(self):
        # Worker processes reload from disk (verified again) rather than receive a pickled model.
        if self.path is not None:
            return (_load_cached, (str(self.path), self.trusted, self.max_chars))
        return (Analyzer, (self.model, self.meta, None, False, self.max_chars))

    def analyze(self, text: str, *, redact: bool = False) -> Analysis:
        """Analyse one feedback text.

        Parameters
        ----------
        text : str
            The text. Empty or whitespace-only text, and text with no words (see
            :func:`has_words`), give a result whose ``error`` says so; text in another
            language gives a result with ``is_supported=False``; neither has a tone,
            themes or next steps.
        redact : bool
            Replace email addresses, phone numbers and names in the result's text
            fields (see :mod:`jobfeedback.redaction`).

        Returns
        -------
        Analysis

        Raises
        ------
        TypeError
            If ``text`` is not a ``str``; the message names the type received.
        """
        if not isinstance(text, str):
            raise TypeError(Errors.E051.format(type=type(text).__name__))
        result = self._analyze_batch([text])[0]
        return _redacted(result) if redact else result

    def analyze_many(
        self, texts: Iterable, *, n_jobs: int = 1, batch_size: int = 256, progress: bool = False, redact: bool = False
    ) -> list[Analysis]:
        """Analyse many texts; return one :class:`Analysis` per input, in the same order.

        Results are identical to calling :meth:`analyze` on each text. An item that
        is not a ``str`` (None, NaN, bytes, a number) does not stop the batch: its
        result has no themes and ``error`` says what was wrong.

        Parameters
        ----------
        texts : iterable
            Texts to analyse (a list, a pandas Series, a generator...).
        n_jobs : int
            Worker processes (joblib); -1 uses every core.
        batch_size : int
            Texts per batch sent to the model or to a worker.
        progress : bool
            Show a tqdm progress bar.
        redact : bool
            Replace personal data in the results (see :meth:`analyze`).

        Returns
        -------
        list of Analysis
        """
        return list(self.pipe(texts, n_jobs=n_jobs, batch_size=batch_size, progress=progress, redact=redact))

    def pipe(
        self, texts: Iterable, *, n_jobs: int = 1, batch_size: int = 256, progress: bool = False, redact: bool = False
    ) -> Iterator[Analysis]:
        """Yield one :class:`Analysis` per text, in order, reading ``texts`` lazily.

        Memory stays bounded for inputs of any length (a generator over a huge file):
        only a few batches are held at a time. Parameters are those of :meth:`analyze_many`.
        """
        if batch_size < 1:
            raise ValueError(Errors.E050.format(name="batch_size", value=batch_size))
        total = len(texts) if hasattr(texts, "__len__") else None
        batches = _batched(texts, batch_size)
        if n_jobs == 1:
            results = (self._analyze_batch(b) for b in batches)
        else:
            from joblib import Parallel, delayed

            parallel = Parallel(n_jobs=n_jobs, return_as="generator", pre_dispatch="2*n_jobs")
            results = parallel(delayed(_analyze_in_worker)(self, b) for b in batches)
        bar = None
        if progress:
            from tqdm.auto import tqdm

            bar = tqdm(total=total, unit="text", desc="jobfeedback")
        try:
            for batch in results:
                yield from (map(_redacted, batch) if redact else batch)
                if bar is not None:
                    bar.update(len(batch))
        finally:
            if bar is not None:
                bar.close()

    def _analyze_batch(self, items: list) -> list[Analysis]:
        """The one code path every public method goes through."""
        results: list[Analysis | None] = [None] * len(items)
        work: list[tuple[int, str, str, bool]] = []  # (index, analysed text, masked text, truncated)
        for i, item in enumerate(items):
            problem = _describe_bad_input(item)
            if problem is not None:
                results[i] = _error_analysis(item, problem)
                continue
            truncated = len(item) > self.max_chars
            analysed = item[: self.max_chars] if truncated else item
            if truncated:
                logger.warning("Text of %d characters truncated to the first %d.", len(item), self.max_chars)
            masked = mask_noise(analysed)
            language = detect_masked(masked)
            if language != "en":  # not analysed: no tone, no themes, no advice
                results[i] = _error_analysis(item, None, language=language, truncated=truncated)
                continue
            work.append((i, analysed, masked, truncated))

        if not work:
            return results  # type: ignore[return-value]
        parsed = parse_many(
            [masked for _, _, masked, _ in work],
            languages=["en"] * len(work),
            originals=[analysed for _, analysed, _, _ in work],
        )
        output = self.model.predict_parsed(parsed)
        decisions = self.model.decide(output, parsed)
        thresholds = self.model.thresholds_
        evidence: dict[tuple[int, str], tuple[str, ...]] = {}
        for k, decision in enumerate(decisions):
            segs, original = parsed[k].segments, work[k][1]
            for t, _ in decision.themes:
                chosen = rank_evidence(output.sentence_scores[k][:, THEMES.index(t)])
                evidence[(k, t)] = tuple(original[segs[j].start : segs[j].end] for j in chosen)

        for k, (i, analysed, masked, truncated) in enumerate(work):
            # The model read the polarity of the text with its typography folded; when folding
            # cannot change it, that is TextBlob's value on the text itself.
            if folding_keeps_polarity(analysed):
                polarity, subjectivity = (float(v) for v in output.polarity[k])
            else:
                polarity, subjectivity = polarity_subjectivity(analysed)
            decision = decisions[k]
            sentiment = Sentiment(decision.tone, decision.tone_score, polarity, subjectivity)
            # A text with nothing left after cleaning is not scored: every score is 0.
            scores = tuple(float(p) for p in output.theme_probs[k]) if parsed[k].segments else (0.0,) * len(THEMES)
            hits = tuple(ThemeHit(t, p, evidence.get((k, t), ())) for t, p in decision.themes)
            hits = tuple(replace(h, threshold=float(thresholds[THEMES.index(h.name)])) for h in hits)
            role = find_role(masked) if parsed[k].segments else None
            # The model's learned kind when it has one (measured better on the real-mix split,
            # see the model card); the phrase rules of kinds.py for a model without it.
            kind = (
                self.model.kinds_[int(output.kind_probs[k].argmax())] if self.model.kinds_ else kind_from_text(masked)
            )
            advice = advise(masked, hits, kind=kind, role=role)
            results[i] = Analysis(
                text=items[i],
                themes=hits,
                sentiment=sentiment,
                next_steps=advice.steps,
                scores=scores,
                skills=advice.skills,
                role=role,
                areas=advice.areas,
                kind=kind,
                language="en",
                is_supported=True,
                truncated=truncated,
            )
        return results  # type: ignore[return-value]


def _redacted(analysis: Analysis) -> Analysis:
    from .redaction import redact_analysis

    return redact_analysis(analysis)


def _error_analysis(item, problem: str | None, *, language: str = "und", truncated: bool = False) -> Analysis:
    """The result of an item that is not analysed: ``problem`` says why, or it is in ``language``."""
    text = item if isinstance(item, str) else ""
    return Analysis(
        text=text,
        themes=(),
        sentiment=Sentiment("", 0.0, 0.0, 0.0),
        next_steps=(),
        scores=tuple(0.0 for _ in THEMES),
        is_supported=False,
        language=language,
        truncated=truncated,
        error=problem,
    )


def _batched(iterable: Iterable, n: int) -> Iterator[list]:
    iterator = iter(iterable)
    while batch := list(islice(iterator, n)):
        yield batch


@cache
def _load_cached(path: str, trusted: bool, max_chars: int) -> Analyzer:
    if Path(path) == default_model_dir():
        trusted = True
    return Analyzer.load(path, trusted=trusted, max_chars=max_chars)


def _analyze_in_worker(analyzer: Analyzer, batch: list) -> list[Analysis]:
    return analyzer._analyze_batch(batch)


@cache
def default_analyzer() -> Analyzer:
    """Return the process-wide analyser with the shipped default model (loaded once)."""
    return Analyzer.load()
