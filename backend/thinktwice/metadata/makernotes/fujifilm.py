"""FujiFilm's maker-note tags (exiftool FujiFilm.pm, FujiFilm::Main)."""

from __future__ import annotations

from .tags import Table, row

TAGS: Table = {0x0010: row("InternalSerialNumber", "serial")}
