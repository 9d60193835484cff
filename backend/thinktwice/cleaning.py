"""Cleaning and its proof: strip the container, then re-read the output.

`clean` checks the size, detects the format, strips it and verifies the output
(`formats.verify`): a copy that still holds anything identifying is a
`CleaningFailed` error, never a result. This module is all the `clean` command
loads, so it stays free of the findings, the gazetteer and any image decoder.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from .formats import detect
from .formats.verify import residue, verify
from .limits import DEFAULT_LIMITS, Limits, check_size

if TYPE_CHECKING:
    from .models import Box, Covered
    from .vision.options import VisionOptions

__all__ = ["clean", "hide_faces", "residue", "verify"]


def clean(data: bytes, *, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """`data` with every identifying block removed, pixels untouched, output verified."""
    check_size(data, limits)
    fmt = detect(data)
    cleaned = fmt.strip(data)
    verify(fmt, cleaned)
    return cleaned


def hide_faces(
    data: bytes,
    boxes: Iterable[Box] | None = None,
    *,
    limits: Limits = DEFAULT_LIMITS,
    vision: VisionOptions | None = None,
) -> Covered:
    """A cleaned copy of `data` with every face covered by an opaque fill (lossy).

    `boxes` are face boxes in original pixels, as `Report.faces` gives them; without
    them the faces are found first. The copy is re-encoded (`lossless` False, with
    the reason), then cleaned and verified like any output. With no face, it is the
    ordinary lossless clean and `boxes` is empty. Raises `UnsupportedFormat` for an
    animation or a format no installed decoder reads, `CorruptImage` for pixels that
    cannot be decoded, `AnalysisUnavailable` when faces must be found but the model is
    unavailable, besides the errors `clean` raises.
    """
    # Pillow, NumPy and the model load only here: `clean` stays light.
    from .vision.hiding import hide
    from .vision.options import DEFAULT_VISION

    return hide(data, boxes, limits, vision or DEFAULT_VISION)
