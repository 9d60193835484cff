"""ThinkTwice: find what a photo reveals and strip it losslessly, on your own machine.

    >>> report = thinktwice.inspect(data, "IMG_2041.jpg")
    >>> report.verdict, [f.message for f in report.findings]
    >>> cleaned = thinktwice.clean(data)
    >>> covered = thinktwice.hide_faces(data, report.faces)  # lossy: re-encoded

Importing this package loads no web framework and no image decoder, and the
engine itself only on first use: the `thinktwice clean` command's start-up time
is paid on every batch.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# Public name -> the module that defines it, imported when first used.
_EXPORTS = {
    "inspect": "pipeline",
    "clean": "cleaning",
    "hide_faces": "vision.hiding",
    "Limits": "limits",
    "Finding": "models",
    "Kind": "models",
    "Report": "models",
    "Severity": "models",
    "ThinkTwiceError": "errors",
    "UnsupportedFormat": "errors",
    "CorruptImage": "errors",
    "ImageTooLarge": "errors",
    "CleaningFailed": "errors",
    "AnalysisUnavailable": "errors",
}

__all__ = [
    "AnalysisUnavailable",
    "CleaningFailed",
    "CorruptImage",
    "Finding",
    "ImageTooLarge",
    "Kind",
    "Limits",
    "Report",
    "Severity",
    "ThinkTwiceError",
    "UnsupportedFormat",
    "__version__",
    "clean",
    "hide_faces",
    "inspect",
]

if TYPE_CHECKING:
    from .cleaning import clean
    from .errors import (
        AnalysisUnavailable,
        CleaningFailed,
        CorruptImage,
        ImageTooLarge,
        ThinkTwiceError,
        UnsupportedFormat,
    )
    from .limits import Limits
    from .models import Finding, Kind, Report, Severity
    from .pipeline import inspect
    from .vision.hiding import hide_faces


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'thinktwice' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
