"""Motorola's maker-note tags (exiftool Motorola.pm, Motorola::Main): Moto phones."""

from __future__ import annotations

from .tags import Table, row

TAGS: Table = {
    0x5500: row("BuildNumber", "firmware"),
    0x5501: row("SerialNumber", "serial"),
}
