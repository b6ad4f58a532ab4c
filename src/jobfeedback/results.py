"""The result types of an analysis: frozen dataclasses of plain values, easy to pickle and serialise."""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import Errors
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
    threshold : float or None
        The confidence from which the model reports this theme (None if unknown).
    """

    name: str
    confidence: float
    evidence: tuple[str, ...] = ()
    threshold: float | None = None

    @property
    def strength(self) -> str:
        """How sure the finding is, in a word a reader takes correctly.

        ``"clear"`` from a calibrated confidence of 0.8, ``"likely"`` from 0.6,
        ``"possible"`` below that (reported because it passed the theme's threshold,
        which can be under one half: read the evidence), and ``"not found"`` under the
        threshold.
        """
        return confidence_word(self.confidence, self.threshold)

    def to_dict(self) -> dict:
        """Return the hit as a JSON-serialisable dict."""
        return {
            "name": self.name,
            "confidence": self.confidence,
            "strength": self.strength,
            "evidence": list(self.evidence),
        }


def confidence_word(confidence: float, threshold: float | None = None) -> str:
    """Return "clear", "likely", "possible" or "not found" for a calibrated theme confidence.

    The percentage alone misleads: a theme found at 45 % is reported because its
    threshold is lower, and 45 % reads as "probably not". The word says what it means.
    """
    if threshold is not None and confidence < threshold:
        return "not found"
    if confidence >= 0.8:
        return "clear"
    if confidence >= 0.6:
        return "likely"
    return "possible"


@dataclass(frozen=True)
class Sentiment:
    """The tone of the text toward the candidate.

    Attributes
    ----------
    label : str
        ``"positive"``, ``"neutral"``, ``"negative"`` or ``"mixed"``, from the domain model;
        ``""`` when the text was not analysed (see :attr:`Analysis.analysed`).
    score : float
        How sure the model is of ``label``: for positive and mixed, its probability that the
        text praises the candidate; for neutral and negative, its probability of the label
        (0.0 when the text was not analysed).
    polarity : float
        TextBlob's polarity of the text, unmodified, in [-1, 1].
    subjectivity : float
        TextBlob's subjectivity of the text, unmodified, in [0, 1].
    """

    label: str
    score: float
    polarity: float
    subjectivity: float

    def describe(self) -> str:
        """Return the tone for a reader: the label, and how sure only when the model ran.

        "neutral (0%)" said nothing true: 0.0 means the model did not run. A text that was
        not analysed (empty, no words, another language) has no label: "not analysed".
        """
        if not self.label:
            return "not analysed"
        if self.score <= 0.0:
            return f"{self.label} (not scored)"
        sure = "clear" if self.score >= 0.8 else "likely" if self.score >= 0.6 else "uncertain"
        return f"{self.label} ({sure}, {self.score:.0%})"

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
        Skills, tools or qualifications the text names as missing or weak (not those
        it praises).
    role : str or None
        The job title the text names, if any.
    areas : tuple of str
        Experience areas or domains the text names ("enterprise sales").
    kind : str
        What the message is: ``"rejection"``, ``"offer"``, ``"invitation"`` (to a next
        stage) or ``"other"`` (an acknowledgement, a status update, a question). Only
        rejections get rejection advice.
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
    areas: tuple[str, ...] = ()
    kind: str = "rejection"
    language: str = "en"
    is_supported: bool = True
    truncated: bool = False
    error: str | None = None

    def score(self, theme: str) -> float:
        """Return the confidence for ``theme`` (0.0 when the text was not scored)."""
        if theme not in THEMES:
            raise KeyError(Errors.E063.format(unknown=[theme], known=", ".join(THEMES)))
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
            "areas": list(self.areas),
            "kind": self.kind,
            "language": self.language,
            "is_supported": self.is_supported,
            "truncated": self.truncated,
            "error": self.error,
            "status": self.status,
        }

    def follow_up_email(
        self,
        recipient: str | None = None,
        sender: str | None = None,
        role: str | None = None,
        company: str | None = None,
        *,
        name: str | None = None,
    ) -> str:
        """Draft the email to send back, signed by ``sender``.

        For a rejection: thanks (the guide's Stay Professional section), a request
        for feedback shaped by the themes found (Request Feedback), and the door kept
        open. For an offer or an invitation: a short note that thanks, accepts to
        talk and asks what is needed next. For any other message (an acknowledgement,
        a status update) there is nothing to send: the result is ``""``.

        Parameters
        ----------
        recipient : str, optional
            Who the email is to; it opens with "Hello," when not given.
        sender : str, optional
            Your name, to sign with; "[your name]" is left to fill in when not given.
        role : str, optional
            The role applied for; defaults to the role the text names. The email reads
            correctly without one.
        company : str, optional
            The company's name.
        name : str, optional
            Deprecated alias of ``recipient``.

        Returns
        -------
        str
            A plain-text email, subject line first, or ``""`` when none is needed.
        """
        from .followup import draft_follow_up

        return draft_follow_up(self, recipient=recipient, sender=sender, role=role, company=company, name=name)
