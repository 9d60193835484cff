"""Panasonic's maker-note tags (exiftool Panasonic.pm, Panasonic::Main)."""

from __future__ import annotations

from .tags import Table, row

TAGS: Table = {
    0x0025: row("InternalSerialNumber", "serial"),
    0x0052: row("LensSerialNumber", "serial"),
}
