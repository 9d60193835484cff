"""The one pipeline: bytes -> Report (findings, verdict, cleaned bytes).

    detect format -> read container -> decode metadata -> findings
                  -> strip container -> re-read the output -> Report

The re-read is what makes "cleaned" a promise: if the engine's own output still
holds anything but what rendering needs, that is a `CleaningFailed` error,
never a result.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

from . import formats
from .errors import CleaningFailed, CorruptImage, ImageTooLarge
from .findings import analyse
from .metadata import decode
from .metadata.exif import decode as decode_exif
from .metadata.exif_tags import RENDERING_TAGS
from .models import Container, Report


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on what the engine accepts; `None` means no bound."""

    max_bytes: int | None = 512 * 1024 * 1024
    max_pixels: int | None = 100_000_000


DEFAULT_LIMITS = Limits()


def inspect(data: bytes, filename: str | None = None, *, limits: Limits = DEFAULT_LIMITS) -> Report:
    """What `data` reveals, and a verified clean copy of it.

    Raises `UnsupportedFormat`, `CorruptImage`, `ImageTooLarge` or
    `CleaningFailed`; never returns a report whose cleaned bytes are not clean.
    """
    _check_size(data, limits)
    fmt = formats.detect(data)
    container = fmt.read(data)
    _check_pixels(container, limits)
    metadata = decode(container)
    findings = analyse(metadata, data)
    cleaned = fmt.strip(data)
    verify(fmt, cleaned)
    problems = list(metadata.problems)
    mismatch = _extension_mismatch(filename, container.format)
    if mismatch:
        problems.append(mismatch)
    return Report(
        format=container.format,
        media_type=container.media_type,
        findings=tuple(findings),
        cleaned=cleaned,
        lossless=True,
        width=container.width,
        height=container.height,
        problems=tuple(problems),
    )


def clean(data: bytes, *, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """`data` with every identifying block removed, pixels untouched, output verified."""
    _check_size(data, limits)
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


def _check_size(data: bytes, limits: Limits) -> None:
    if limits.max_bytes is not None and len(data) > limits.max_bytes:
        raise ImageTooLarge(
            f"The file is {len(data):,} bytes; the limit is {limits.max_bytes:,} bytes."
        )


def _check_pixels(container: Container, limits: Limits) -> None:
    if limits.max_pixels is None or not container.width or not container.height:
        return
    pixels = container.width * container.height * max(container.frames, 1)
    if pixels > limits.max_pixels:
        raise ImageTooLarge(
            f"The image declares {container.width}x{container.height} pixels"
            f" x {container.frames} frame(s) = {pixels:,} pixels; the limit is"
            f" {limits.max_pixels:,} (a decompression bomb guard)."
        )


_EXTENSIONS: dict[str, frozenset[str]] = {
    "jpeg": frozenset({".jpg", ".jpeg", ".jpe", ".jfif"}),
    "png": frozenset({".png"}),
    "apng": frozenset({".png", ".apng"}),
    "webp": frozenset({".webp"}),
    "gif": frozenset({".gif"}),
    "tiff": frozenset({".tif", ".tiff"}),
    "heic": frozenset({".heic", ".heif", ".hif"}),
    "heif": frozenset({".heic", ".heif", ".hif"}),
    "avif": frozenset({".avif"}),
}


def _extension_mismatch(filename: str | None, format_name: str) -> str | None:
    if not filename:
        return None
    suffix = PurePath(filename).suffix.lower()
    expected = _EXTENSIONS.get(format_name)
    if not suffix or expected is None or suffix in expected:
        return None
    return f"The file is named {suffix} but is a {format_name.upper()} image."
