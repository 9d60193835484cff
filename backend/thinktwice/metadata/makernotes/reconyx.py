"""Reconyx trail cameras' maker notes (exiftool Reconyx.pm): binary, little endian.

Three layouts, by header: HyperFire (HC500...: "\\x01\\xf1" + version), UltraFire
("RECONYXUF\\0") and HyperFire 2 ("RECONYXH2\\0"). Each holds the camera's serial
number, the label its owner gave it (often where it stands) and the capture time.
Keys are byte offsets in the note.
"""

from __future__ import annotations

import struct

from .tags import Table, field_at, fixed_text


def ucs2(data: bytes, order: str) -> str | None:
    """A fixed-size UCS-2 little-endian field, cut at its first NUL."""
    shown = data.decode("utf-16-le", "replace").split("\0", 1)[0].strip()
    return shown or None


def _stamp(year: int, month: int, day: int, hour: int, minute: int, second: int) -> str | None:
    if not year:
        return None
    return f"{year:04d}:{month:02d}:{day:02d} {hour:02d}:{minute:02d}:{second:02d}"


def hyperfire_time(data: bytes, order: str) -> str | None:
    """Six SHORTs: seconds, minutes, hours, month, day, year (some bodies write them
    big endian when the rest is little endian; exiftool swaps them back)."""
    values = list(struct.unpack("<6H", data))
    if values[0] & 0xFF00 and not values[0] & 0xFF:
        values = [(v >> 8) | ((v & 0xFF) << 8) for v in values]
    second, minute, hour, month, day, year = values
    return _stamp(year, month, day, hour, minute, second)


def ultrafire_time(data: bytes, order: str) -> str | None:
    """Seven bytes: seconds, minutes, hours, day, month, year (two bytes, low first)."""
    second, minute, hour, day, month, low, high = data
    return _stamp(low + 256 * high, month, day, hour, minute, second)


def hyperfire2_time(data: bytes, order: str) -> str | None:
    """Six SHORTs: seconds, minutes, hours, day, month, year."""
    second, minute, hour, day, month, year = struct.unpack("<6H", data)
    return _stamp(year, month, day, hour, minute, second)


HYPERFIRE: Table = {
    22: field_at(12, "DateTimeOriginal", "date", hyperfire_time),
    42: field_at(30, "SerialNumber", "serial", ucs2),
    86: field_at(22, "UserLabel", "label", fixed_text),
}
ULTRAFIRE: Table = {
    0x3B: field_at(7, "DateTimeOriginal", "date", ultrafire_time),
    0x4B: field_at(15, "SerialNumber", "serial", fixed_text),
    0x5A: field_at(21, "UserLabel", "label", fixed_text),
}
HYPERFIRE2: Table = {
    0x3E: field_at(12, "DateTimeOriginal", "date", hyperfire2_time),
    0x68: field_at(22, "UserLabel", "label", fixed_text),
    0x7E: field_at(30, "SerialNumber", "serial", ucs2),
}
