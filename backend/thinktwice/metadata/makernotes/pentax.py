"""Pentax's maker-note tags (exiftool Pentax.pm, Pentax::Main): Pentax, Asahi, and the
Ricoh cameras that write Pentax notes.

The date (0x0006) is a big-endian year, a month and a day; the time (0x0007)
hours, minutes and seconds; both are UNDEFINED bytes. CameraInfo (0x0215) is
five LONGs, the fifth the body's internal serial number.
"""

from __future__ import annotations

import struct
from typing import Any

from .tags import Table, as_offset, as_text, directory, field_at, row


def date(value: Any) -> str | None:
    """Pentax Date bytes as EXIF writes a date: 2008:03:02."""
    if not isinstance(value, bytes) or len(value) < 4:
        return None
    year, month, day = struct.unpack(">HBB", value[:4])
    return f"{year:04d}:{month:02d}:{day:02d}" if year else None


def time(value: Any) -> str | None:
    """Pentax Time bytes as EXIF writes a time: 12:01:23."""
    if not isinstance(value, bytes) or len(value) < 3:
        return None
    return "{:02d}:{:02d}:{:02d}".format(*value[:3])


def internal_serial(data: bytes, order: str) -> str | None:
    """CameraInfo's fifth LONG, as exiftool prints it (a decimal number)."""
    (number,) = struct.unpack(order + "I", data)
    return str(number) if number else None


CAMERA_INFO: Table = {16: field_at(4, "InternalSerialNumber", "serial", internal_serial)}
TAGS: Table = {
    0x0003: row("PreviewImageLength", "preview_length", as_offset),
    0x0004: row("PreviewImageStart", "preview_start", as_offset),
    0x0006: row("Date", "date", date),
    0x0007: row("Time", "time", time),
    0x0215: directory("CameraInfo", CAMERA_INFO),
    0x0229: row("SerialNumber", "serial", as_text),
}
