"""Samsung's Type2 maker-note tags (exiftool Samsung.pm, Samsung::Type2): cameras and
Galaxy phones."""

from __future__ import annotations

from .tags import Table, row

TAGS: Table = {
    0xA001: row("FirmwareName", "firmware"),
    0xA002: row("SerialNumber", "serial"),
    0xA005: row("InternalLensSerialNumber", "serial"),
}
