"""A spaCy pipeline component: ``nlp.add_pipe("jobfeedback")``.

Registered through the ``spacy_factories`` entry point, so spaCy finds it without
``import jobfeedback``. It sets ``doc._.jobfeedback`` (an :class:`~jobfeedback.Analysis`)
and ``span._.jobfeedback_scores`` (a dict of theme confidences for any span, such as a
sentence, computed when read).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from .taxonomy import THEMES


class JobfeedbackComponent:
    """Analyse each Doc's text with a jobfeedback model.

    Parameters
    ----------
    model : str or None
        Model directory; None uses the shipped model.
    trusted : bool
        Required for a model directory other than the shipped one (see :meth:`Analyzer.load`).
    """

    def __init__(self, model: str | None = None, trusted: bool = False):
        from .analyzer import Analyzer, default_analyzer

        self.analyzer = default_analyzer() if model is None else Analyzer.load(model, trusted=trusted)
        if not Doc.has_extension("jobfeedback"):
            Doc.set_extension("jobfeedback", default=None)
        analyzer = self.analyzer
        # The getter reads the analyser of the last component made; one model per process is the norm.
        Span.set_extension("jobfeedback_scores", getter=lambda span: span_scores(analyzer, span.text), force=True)

    def __call__(self, doc: Doc) -> Doc:
        doc._.jobfeedback = self.analyzer.analyze(doc.text)
        return doc

    def pipe(self, docs, batch_size: int = 256):
        """Analyse a stream of Docs in batches."""
        from itertools import islice

        docs = iter(docs)
        while batch := list(islice(docs, batch_size)):
            for doc, a in zip(batch, self.analyzer.analyze_many([d.text for d in batch]), strict=True):
                doc._.jobfeedback = a
                yield doc


def span_scores(analyzer, text: str) -> dict[str, float]:
    """Return the theme confidences of one span of text (e.g. a sentence).

    The span goes through :meth:`Analyzer.analyze` like any text, so the scores of a span
    covering a whole text equal that text's ``Analysis.scores``.
    """
    return dict(zip(THEMES, analyzer.analyze(text).scores, strict=True))


@Language.factory("jobfeedback", default_config={"model": None, "trusted": False})
def make_jobfeedback(nlp: Language, name: str, model: str | None, trusted: bool) -> JobfeedbackComponent:
    """spaCy factory of :class:`JobfeedbackComponent`."""
    return JobfeedbackComponent(model=model, trusted=trusted)
