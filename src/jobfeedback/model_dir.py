"""A model directory: saving, reading and verifying it, and where the shipped one lives.

A model is a directory holding ``model.joblib`` (the fitted
:class:`~jobfeedback.classifier.FeedbackModel`), ``meta.json`` (labels, thresholds,
library versions, the training data's hash, metrics, the sha256 of ``model.joblib`` and of
the skills lexicon's names and case flags) and ``MODEL_CARD.md``.

Loading a joblib file runs code from it, so :func:`load_model` checks the file's sha256
against ``meta.json`` before unpickling, and refuses a directory outside the installed
package unless the caller says it is trusted.
"""

from __future__ import annotations

import hashlib
import json
import os
import warnings
from pathlib import Path

from .errors import Errors, ModelLoadError
from .taxonomy import THEMES

MODEL_FILE = "model.joblib"
META_FILE = "meta.json"
FORMAT_VERSION = 4


def default_model_dir() -> Path:
    """Return the directory of the shipped default model (inside the package, or in a source checkout)."""
    packaged = Path(__file__).parent / "models" / "default"
    if (packaged / META_FILE).is_file():
        return packaged
    return Path(__file__).resolve().parents[2] / "models" / "default"


def lexicon_sha256() -> str:
    """Return the sha256 of the package's skills lexicon: its names and case flags, not the file's bytes.

    Recorded in ``meta.json`` for the record only: a fitted model keeps the names it was
    fitted with, so loading never compares it. Comments and layout of ``data/skills.txt``
    do not change it.
    """
    from .lexicon import default_lexicon

    return default_lexicon().sha256()


def file_sha256(path: str | os.PathLike) -> str:
    """Return the hex sha256 of the file at ``path``."""
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def library_versions() -> dict:
    """Versions of the libraries a saved model depends on."""
    import platform

    import joblib
    import numpy as np
    import scipy
    import sklearn
    import spacy

    from ._version import __version__

    return {
        "python": platform.python_version(),
        "jobfeedback": __version__,
        "scikit-learn": sklearn.__version__,
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "joblib": joblib.__version__,
        "spacy": spacy.__version__,
    }


def save_model(model, path: str | os.PathLike, meta: dict | None = None) -> Path:
    """Save ``model`` to the directory ``path`` with its ``meta.json``; return the directory."""
    import joblib
    from sklearn.utils.validation import check_is_fitted

    check_is_fitted(model, "stack_coef_")
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    model_file = path / MODEL_FILE
    joblib.dump(model, model_file, compress=3)
    full_meta = {
        "format_version": FORMAT_VERSION,
        "themes": list(THEMES),
        "tones": list(model.tones_),
        "thresholds": {t: float(v) for t, v in zip(THEMES, model.thresholds_, strict=True)},
        "params": {k: (list(v) if isinstance(v, tuple) else v) for k, v in model.get_params().items() if k != "skills"},
        "lexicon_sha256": lexicon_sha256() if model.skills is None else None,
        "versions": library_versions(),
        **(meta or {}),
        "model_sha256": file_sha256(model_file),
    }
    (path / META_FILE).write_text(json.dumps(full_meta, indent=2, sort_keys=True) + "\n", "utf-8")
    return path


def _major_minor(version: str) -> tuple[int, ...]:
    parts = []
    for piece in version.split(".")[:2]:
        digits = "".join(c for c in piece if c.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def read_meta(path: str | os.PathLike) -> dict:
    """Read and check the ``meta.json`` of the model directory ``path``."""
    path = Path(path)
    meta_file = path / META_FILE
    if not path.is_dir():
        raise ModelLoadError(Errors.E001.format(path=str(path)))
    if not meta_file.is_file() or not (path / MODEL_FILE).is_file():
        raise ModelLoadError(Errors.E002.format(path=str(path), model=MODEL_FILE, meta=META_FILE))
    try:
        meta = json.loads(meta_file.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelLoadError(Errors.E003.format(path=str(meta_file), exc=exc)) from None
    if not isinstance(meta, dict) or "model_sha256" not in meta:
        raise ModelLoadError(Errors.E011.format(path=str(meta_file)))
    if meta.get("format_version") != FORMAT_VERSION:
        raise ModelLoadError(Errors.E004.format(found=meta.get("format_version"), expected=FORMAT_VERSION))
    if tuple(meta.get("themes", ())) != THEMES:
        raise ModelLoadError(Errors.E005.format(labels=meta.get("themes"), themes=list(THEMES)))
    return meta


def load_model(path: str | os.PathLike, *, trusted: bool) -> tuple:
    """Verify and load the model directory ``path``; return ``(model, meta)``.

    Checks, in order, before anything is unpickled: the directory layout, ``meta.json``,
    that the directory is trusted, the sha256 of ``model.joblib``, and the
    scikit-learn version the model was saved with.

    Parameters
    ----------
    path : path-like
        A model directory.
    trusted : bool
        Whether the caller vouches for the directory. Unpickling runs code, so a
        directory that is not trusted is refused.

    Raises
    ------
    ModelLoadError
        If any check fails, with a message saying what to do.
    """
    path = Path(path)
    meta = read_meta(path)
    if not trusted:
        raise ModelLoadError(Errors.E006.format(path=str(path)))
    actual = file_sha256(path / MODEL_FILE)
    if actual != meta["model_sha256"]:
        raise ModelLoadError(
            Errors.E007.format(
                file=MODEL_FILE, path=str(path), meta=META_FILE, expected=meta["model_sha256"][:12], found=actual[:12]
            )
        )
    import sklearn

    saved = meta.get("versions", {}).get("scikit-learn", "")
    if saved and _major_minor(saved) != _major_minor(sklearn.__version__):
        raise ModelLoadError(Errors.E008.format(saved=saved, installed=sklearn.__version__))
    import joblib

    with warnings.catch_warnings():
        # Patch-level differences are accepted above; sklearn's own warning would only repeat it.
        warnings.filterwarnings("ignore", message=".*Trying to unpickle estimator.*")
        model = joblib.load(path / MODEL_FILE)
    from .classifier import FeedbackModel

    if not isinstance(model, FeedbackModel):
        raise ModelLoadError(Errors.E009.format(file=MODEL_FILE, path=str(path)))
    return model, meta
