"""Quantities in people's words, for every part that shows one (dashboard, CLI)."""

from __future__ import annotations


def size_label(size: int) -> str:
    """Bytes in decimal units, as file browsers show them: "1 byte", "812 bytes", "2.4 MB".

    A negative size (a difference) reads the same with its sign: "-1.5 KB".
    """
    if abs(size) < 1000:
        return "1 byte" if size == 1 else f"{size} bytes"
    value = size / 1000
    for unit in ("KB", "MB"):
        if abs(value) < 1000:
            return f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} GB"
