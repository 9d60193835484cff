"""The one pipeline: bytes -> Report (findings, verdict, cleaned bytes).

detect format -> read container -> decode metadata -> findings
              -> strip container -> re-read the output (cleaning.verify) -> Report
"""

from __future__ import annotations

from pathlib import PurePath

from . import formats
from .cleaning import verify
from .findings import analyse
from .limits import DEFAULT_LIMITS, Limits, check_pixels, check_size
from .metadata.decode import decode
from .models import Report


def inspect(data: bytes, filename: str | None = None, *, limits: Limits = DEFAULT_LIMITS) -> Report:
    """What `data` reveals, and a verified clean copy of it.

    Raises `UnsupportedFormat`, `CorruptImage`, `ImageTooLarge` or
    `CleaningFailed`; never returns a report whose cleaned bytes are not clean.
    """
    check_size(data, limits)
    fmt = formats.detect(data)
    container = fmt.read(data)
    check_pixels(container, limits)
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
