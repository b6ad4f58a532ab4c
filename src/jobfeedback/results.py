"""The result types of an analysis: frozen dataclasses of plain values, easy to pickle and serialise."""

from __future__ import annotations

from dataclasses import dataclass, field

from .taxonomy import THEMES


@dataclass(frozen=True)
class ThemeHit:
    """A theme the text raises, with a calibrated confidence and the sentences that show it.

    Attributes
    ----------
    name : str
        One of :data:`jobfeedback.THEMES`.
    confidence : float
        Calibrated probability in [0, 1] that the text raises this theme.
    evidence : tuple of str
        Sentences quoted verbatim from the text, most telling first.
    """

    name: str
    confidence: float
    evidence: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        """Return the hit as a JSON-serialisable dict."""
        return {"name": self.name, "confidence": self.confidence, "evidence": list(self.evidence)}


@dataclass(frozen=True)
class Sentiment:
    """The tone of the text toward the candidate.

    Attributes
    ----------
    label : str
        ``"positive"``, ``"neutral"``, ``"negative"`` or ``"mixed"``, from the domain model;
        ``""`` when the text was not analysed (see :attr:`Analysis.analysed`).
    score : float
        The model's probability for ``label`` (0.0 when the text was not analysed).
    polarity : float
        TextBlob's polarity of the text, unmodified, in [-1, 1].
    subjectivity : float
        TextBlob's subjectivity of the text, unmodified, in [0, 1].
    """

    label: str
    score: float
    polarity: float
    subjectivity: float

    def to_dict(self) -> dict:
        """Return the sentiment as a JSON-serialisable dict."""
        return {
            "label": self.label,
            "score": self.score,
            "polarity": self.polarity,
            "subjectivity": self.subjectivity,
        }


@dataclass(frozen=True)
class NextStep:
    """A concrete action, drawn from a section of the guide.

    Attributes
    ----------
    theme : str or None
        The theme the step answers, or None for steps that apply to every text.
    action : str
        What to do, personalised with what the text names.
    guide_section : str
        The exact heading of the guide section the step is drawn from.
    """

    theme: str | None
    action: str
    guide_section: str

    def to_dict(self) -> dict:
        """Return the step as a JSON-serialisable dict."""
        return {"theme": self.theme, "action": self.action, "guide_section": self.guide_section}


@dataclass(frozen=True)
class Analysis:
    """Everything jobfeedback read in one feedback text.

    Attributes
    ----------
    text : str
        The text as given (the full original, even when truncated for analysis).
    themes : tuple of ThemeHit
        Themes above their threshold, most confident first.
    sentiment : Sentiment
        Tone toward the candidate, with TextBlob's scores beside it.
    next_steps : tuple of NextStep
        What to do next, drawn from the guide.
    scores : tuple of float
        The confidence of every theme, in the order of :data:`jobfeedback.THEMES`,
        whether or not it passed its threshold.
    skills : tuple of str
        Skills, tools or qualifications named where the text gives a skills gap.
    role : str or None
        The job title the text names, if any.
    language : str
        Detected language code (``"en"``, ``"fr"``, ...; ``"und"`` if unknown).
    is_supported : bool
        False when the text is not English: no themes are guessed then.
    truncated : bool
        True when the text was longer than the analyser's ``max_chars`` and only its
        beginning was analysed.
    error : str or None
        Why this text could not be analysed: missing (None, NaN, NA), not a ``str``,
        empty or whitespace only, or no words (numbers, dates, ids, URLs, punctuation,
        emoji); None otherwise.

    A text that is not analysed (an ``error``, or another language) has no tone
    (``sentiment.label == ""``), no themes and no next steps; :attr:`status` says why.
    """

    text: str
    themes: tuple[ThemeHit, ...]
    sentiment: Sentiment
    next_steps: tuple[NextStep, ...]
    scores: tuple[float, ...] = field(default=())
    skills: tuple[str, ...] = ()
    role: str | None = None
    language: str = "en"
    is_supported: bool = True
    truncated: bool = False
    error: str | None = None

    def score(self, theme: str) -> float:
        """Return the confidence for ``theme`` (0.0 when the text was not scored)."""
        if theme not in THEMES:
            raise KeyError(f"Unknown theme {theme!r}; known themes: {', '.join(THEMES)}")
        return self.scores[THEMES.index(theme)] if self.scores else 0.0

    @property
    def analysed(self) -> bool:
        """Whether the text was analysed: no ``error`` and in English."""
        return self.error is None and self.is_supported

    @property
    def status(self) -> str:
        """``"analysed"``, ``"not analysed (language: xx)"`` or ``"not analysed: <error>"``."""
        if self.error is not None:
            return f"not analysed: {self.error}"
        if not self.is_supported:
            return f"not analysed (language: {self.language})"
        return "analysed"

    @property
    def theme_names(self) -> tuple[str, ...]:
        """The names of the themes found, most confident first."""
        return tuple(hit.name for hit in self.themes)

    def to_dict(self) -> dict:
        """Return the analysis as a dict of plain JSON types (``json.dumps`` works on it).

        A text that was not analysed has ``"sentiment": {"label": None, ...}`` (no tone)
        and its ``"status"`` says why.
        """
        return {
            "text": self.text,
            "themes": [hit.to_dict() for hit in self.themes],
            "sentiment": {**self.sentiment.to_dict(), "label": self.sentiment.label or None},
            "next_steps": [step.to_dict() for step in self.next_steps],
            "scores": {theme: self.score(theme) for theme in THEMES},
            "skills": list(self.skills),
            "role": self.role,
            "language": self.language,
            "is_supported": self.is_supported,
            "truncated": self.truncated,
            "error": self.error,
            "status": self.status,
        }

    def follow_up_email(self, name: str | None = None, role: str | None = None, company: str | None = None) -> str:
        """Draft the thank-you and request-for-feedback email the guide recommends.

        The draft thanks the reader (Stay Professional), asks for feedback shaped by the
        themes found (Request Feedback), and keeps the door open (Keep Networking).

        Parameters
        ----------
        name : str, optional
            The recipient's name; "there" when not given.
        role : str, optional
            The role applied for; defaults to the role the text names.
        company : str, optional
            The company's name; "your team" when not given.

        Returns
        -------
        str
            A plain-text email, subject line first.
        """
        from .followup import draft_follow_up

        return draft_follow_up(self, name=name, role=role, company=company)
