"""Bounds on what the engine accepts: bytes, and declared pixels (decompression bombs)."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import ImageTooLarge
from .records import Container


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds on what the engine accepts; `None` means no bound."""

    max_bytes: int | None = 512 * 1024 * 1024
    max_pixels: int | None = 100_000_000


DEFAULT_LIMITS = Limits()


def check_size(data: bytes, limits: Limits) -> None:
    """Raise `ImageTooLarge` when `data` is over the byte limit."""
    if limits.max_bytes is not None and len(data) > limits.max_bytes:
        raise ImageTooLarge(
            f"The file is {len(data):,} bytes; the limit is {limits.max_bytes:,} bytes."
        )


def check_pixels(container: Container, limits: Limits) -> None:
    """Raise `ImageTooLarge` when the headers declare more pixels than allowed.

    Checked from the headers alone, before anything is decoded.
    """
    if limits.max_pixels is None or not container.width or not container.height:
        return
    pixels = container.width * container.height * max(container.frames, 1)
    if pixels > limits.max_pixels:
        raise ImageTooLarge(
            f"The image declares {container.width}x{container.height} pixels"
            f" x {container.frames} frame(s) = {pixels:,} pixels; the limit is"
            f" {limits.max_pixels:,} (a decompression bomb guard)."
        )
