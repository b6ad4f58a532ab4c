"""A tiny labeled corpus and a model fitted on it, for tests that need any model (not the shipped one)."""

from __future__ import annotations

from functools import cache

import numpy as np

from jobfeedback.taxonomy import THEMES

TINY = [
    ("Your SQL was weak and you could not write a join.", ["skills_gap"], "negative", "rejection"),
    ("You lacked Python depth; the coding test score was below our bar.", ["skills_gap"], "negative", "rejection"),
    ("We need someone with ten years of experience; you have three.", ["experience"], "neutral", "rejection"),
    ("Your background is too junior for this senior role.", ["experience"], "neutral", "rejection"),
    ("Your answers rambled and were hard to follow.", ["communication"], "negative", "rejection"),
    ("You talked over the interviewers and did not listen.", ["communication"], "negative", "rejection"),
    ("We felt you would not fit our collaborative team culture.", ["culture_fit"], "neutral", "rejection"),
    ("You did not seem motivated by our mission.", ["culture_fit"], "negative", "rejection"),
    ("You had not researched our product and arrived late.", ["interview_preparation"], "negative", "rejection"),
    ("You gave no concrete examples and had not read the brief.", ["interview_preparation"], "negative", "rejection"),
    ("Your salary expectations are above our budget.", ["logistics"], "neutral", "rejection"),
    ("The role has been cancelled due to a hiring freeze.", ["logistics"], "neutral", "rejection"),
    ("We offered the position to another candidate.", ["competition"], "neutral", "rejection"),
    ("The role went to an internal candidate.", ["competition"], "neutral", "rejection"),
    ("You were brilliant and we loved you. We hired someone else.", ["competition"], "positive", "rejection"),
    ("Great energy. Your Excel skills were weak.", ["skills_gap"], "mixed", "rejection"),
    ("Thank you for applying. We will not progress your application.", [], "neutral", "rejection"),
    ("We wish you the best in your search.", [], "neutral", "rejection"),
    ("Congratulations, we are delighted to offer you the job.", [], "positive", "offer"),
    ("We would like to invite you to a second interview.", [], "positive", "invitation"),
    ("Thanks, we have received your application.", [], "neutral", "other"),
    (
        "Strong candidate. Too junior, and the answers were unclear.",
        ["experience", "communication"],
        "mixed",
        "rejection",
    ),
]


def rationales(text: str, themes: list[str]) -> dict:
    """Rationale spans for a TINY text: the sentence that names each theme's words (whole text if one sentence)."""
    return {t: [(0, len(text))] for t in themes}


def tiny_records() -> list[dict]:
    """TINY as dataset records (each example three times, in three writing passes)."""
    out = []
    for copy in range(3):
        for i, (text, themes, tone, kind) in enumerate(TINY):
            out.append(
                {
                    "id": f"c{copy}-{i:04d}",
                    "text": text,
                    "themes": themes,
                    "tone": tone,
                    "kind": kind,
                    "register": "snippet",
                    "split": "train",
                    "rationales": {t: [[0, len(text)]] for t in themes},
                }
            )
    return out


@cache
def tiny_model():
    """A FeedbackModel fitted on TINY (small, fast, deterministic)."""
    from jobfeedback.training import fit_model

    return fit_model(tiny_records(), {"n_features": 2**12, "cv": 3, "n_jobs": 1})


def label_matrix(themes_list) -> np.ndarray:
    """0/1 matrix of theme lists."""
    return np.array([[t in ts for t in THEMES] for ts in themes_list], dtype=int)
