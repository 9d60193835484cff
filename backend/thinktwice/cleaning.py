"""Cleaning and its proof: strip the container, then re-read the output.

The re-read is what makes "cleaned" a promise: if the engine's own output still
holds anything but what rendering needs, that is a `CleaningFailed` error,
never a result. This module is all the `clean` command loads, so it stays
free of the findings, the gazetteer and any image decoder.
"""

from __future__ import annotations

from . import formats
from .errors import CleaningFailed, CorruptImage
from .limits import DEFAULT_LIMITS, Limits, check_size
from .metadata.exif import decode as decode_exif
from .metadata.exif_tags import RENDERING_TAGS

TYPE_CHECKING = False  # typing is not imported at run time (see records.py)
if TYPE_CHECKING:
    from .records import Container


def clean(data: bytes, *, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """`data` with every identifying block removed, pixels untouched, output verified."""
    check_size(data, limits)
    fmt = formats.detect(data)
    cleaned = fmt.strip(data)
    verify(fmt, cleaned)
    return cleaned


def verify(fmt: formats.Format, cleaned: bytes) -> None:
    """Re-read `cleaned` and raise `CleaningFailed` if anything identifying remains."""
    try:
        container = fmt.read(cleaned)
    except CorruptImage as exc:
        raise CleaningFailed(fmt.NAME, [f"the output does not parse: {exc.reason}"]) from exc
    remaining = residue(container)
    if remaining:
        raise CleaningFailed(container.format, remaining)


def residue(container: Container) -> list[str]:
    """Names of whatever in `container` is not needed to render the image."""
    left: list[str] = []
    for blob in container.exif:
        exif = decode_exif(blob)
        left += [f"{t.group}:{t.name}" for t in exif.tags if t.name not in RENDERING_TAGS]
        if exif.thumbnail is not None:
            left.append("EXIF thumbnail")
    if container.xmp:
        left.append("XMP")
    if container.iptc:
        left.append("IPTC")
    if container.photoshop:
        left.append("Photoshop resources")
    left += [f"{t.source} {t.key}" for t in container.text]
    left += [f"{p.kind} ({p.source})" for p in container.pictures]
    if container.trailer is not None:
        left.append(f"{container.trailer.length} bytes after the image")
    left += container.extra
    return left
