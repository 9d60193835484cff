"""Cleaning and its proof: strip the container, then re-read the output.

`clean` checks the size, detects the format, strips it and verifies the output
(`formats.verify`): a copy that still holds anything identifying is a
`CleaningFailed` error, never a result. This module is all the `clean` command
loads, so it stays free of the findings, the gazetteer and any image decoder.
"""

from __future__ import annotations

from .formats import detect
from .formats.verify import verify
from .limits import DEFAULT_LIMITS, Limits, check_size


def clean(data: bytes, *, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """`data` with every identifying block removed, pixels untouched, output verified."""
    check_size(data, limits)
    fmt = detect(data)
    cleaned = fmt.strip(data)
    verify(fmt, cleaned)
    return cleaned
