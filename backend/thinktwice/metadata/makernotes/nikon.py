"""Nikon's maker-note tags (exiftool Nikon.pm, Nikon::Main)."""

from __future__ import annotations

from .tags import Table, as_number, row

TAGS: Table = {
    0x001D: row("SerialNumber", "serial"),
    0x00A0: row("SerialNumber", "serial"),
    0x00A7: row("ShutterCount", "count", as_number),
}
