"""The labeled dataset (``datasets/feedback.jsonl``): finding, reading and validating it.

Each record has an ``id`` (``<writing pass>-<line>``), ``text``, ``themes``, ``tone``,
``register``, ``split`` and, when labeled, ``kind`` and ``rationales`` (per theme, the
character spans of the sentences that show it). See ``datasets/LABELING.md``.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import numpy as np

from .errors import Errors, InputFileError
from .taxonomy import KINDS, THEMES, TONES

DATASET_FILE = "feedback.jsonl"
REQUIRED_FIELDS = ("id", "text", "themes", "tone", "register", "split")


def find_dataset(path=None) -> Path:
    """Return the dataset file: ``path`` if given, else ``datasets/feedback.jsonl`` here or in the checkout."""
    if path is not None:
        p = Path(path)
        return p / DATASET_FILE if p.is_dir() else p
    for base in (Path.cwd(), Path(__file__).resolve().parents[2]):
        candidate = base / "datasets" / DATASET_FILE
        if candidate.is_file():
            return candidate
    raise InputFileError(Errors.E020)


def load_dataset(path=None) -> list[dict]:
    """Read and validate the labeled dataset; return its records.

    Raises
    ------
    InputFileError
        Naming the line of the first record that is malformed or has invalid labels.
    """
    path = find_dataset(path)
    records = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputFileError(Errors.E021.format(path=path, line=lineno, msg=exc.msg)) from None
            missing = [k for k in REQUIRED_FIELDS if k not in rec]
            if missing:
                raise InputFileError(Errors.E022.format(path=path, line=lineno, missing=missing))
            if (
                set(rec["themes"]) - set(THEMES)
                or rec["tone"] not in TONES
                or rec.get("kind", "rejection") not in KINDS
            ):
                raise InputFileError(
                    Errors.E023.format(path=path, line=lineno, labels=(rec["themes"], rec["tone"], rec.get("kind")))
                )
            records.append(rec)
    return records


def data_hash(records: list[dict]) -> str:
    """sha256 over the texts and labels of ``records`` (order-independent)."""
    digest = hashlib.sha256()
    for line in sorted(
        json.dumps(
            [r["id"], r["text"], sorted(r["themes"]), r["tone"], r["split"], r.get("kind"), r.get("rationales")],
            ensure_ascii=False,
            sort_keys=True,
        )
        for r in records
    ):
        digest.update(line.encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def split(records: list[dict], *names: str) -> list[dict]:
    """Return the records whose ``split`` is one of ``names``."""
    return [r for r in records if r["split"] in names]


def label_matrix(records: list[dict]) -> np.ndarray:
    """Return the (n, 7) 0/1 matrix of themes of ``records``, columns in THEMES order."""
    return np.array([[t in r["themes"] for t in THEMES] for r in records], dtype=int).reshape(len(records), len(THEMES))


def rationale_spans(records: list[dict]) -> list[dict]:
    """Return, per record, ``{theme: [(start, end), ...]}`` from its ``rationales`` (empty if none)."""
    return [{t: [tuple(s) for s in spans] for t, spans in (r.get("rationales") or {}).items()} for r in records]


def writing_pass(record: dict) -> str:
    """Return the writing pass of a record: the part of its id before the last ``-``."""
    return record["id"].rsplit("-", 1)[0]
