"""ThinkTwice: find what a photo reveals and strip it losslessly, on your own machine.

    >>> report = thinktwice.inspect(data, "IMG_2041.jpg")
    >>> report.verdict, [f.message for f in report.findings]
    >>> cleaned = thinktwice.clean(data)

Importing this package loads no web framework and no image decoder.
"""

from __future__ import annotations

from .errors import (
    CleaningFailed,
    CorruptImage,
    ImageTooLarge,
    ThinkTwiceError,
    UnsupportedFormat,
)
from .models import Finding, Kind, Report, Severity
from .pipeline import Limits, clean, inspect

__version__ = "0.1.0"

__all__ = [
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
    "inspect",
]
