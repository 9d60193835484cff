"""Samsung's Type2 maker-note tags (exiftool Samsung.pm, Samsung::Type2): cameras and
Galaxy phones; and the 32-byte id Galaxy phones put in an APP5 "ssuniqueid" segment
(Samsung::APP5, UniqueID, shown as hex), a vendor block."""

from __future__ import annotations

from .tags import Table, field_at, row


def hex_id(data: bytes, order: str) -> str | None:
    """A binary id as hex; all zeros mean none."""
    return data.hex() if data.strip(b"\0") else None


TAGS: Table = {
    0xA001: row("FirmwareName", "firmware"),
    0xA002: row("SerialNumber", "serial"),
    0xA005: row("InternalLensSerialNumber", "serial"),
}
APP5: Table = {0: field_at(32, "UniqueID", "capture_id", hex_id)}
