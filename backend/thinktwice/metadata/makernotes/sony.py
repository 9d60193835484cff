"""Sony's maker-note tags (exiftool Sony.pm, Sony::Main)."""

from __future__ import annotations

from typing import Any

from .tags import Table, as_text, row


def serial(value: Any) -> str | None:
    """Sony stores the 8 digits as swapped pairs; exiftool shows them in order."""
    shown = as_text(value)
    if shown and len(shown) == 8 and shown.isdigit():
        return shown[6:8] + shown[4:6] + shown[2:4] + shown[0:2]
    return shown


TAGS: Table = {0x2031: row("SerialNumber", "serial", serial)}
