"""Ricoh's maker-note tags (exiftool Ricoh.pm, Ricoh::Main and its sub-tables).

0x0005 is the serial: text on some models, else 16 bytes exiftool shows as hex.
ImageInfo (0x1001) is binary, the capture date at byte 6 as BCD digits
(20 06 05 26 11 48 48 -> 2006:05:26 11:48:48). RicohSubdir (0x2001) is a block
that starts "[Ricoh Camera Info]\\0" and holds a big-endian IFD after it; its
SerialInfo (0x002c, the GXR's) holds the body's and lens's serials as text.
"""

from __future__ import annotations

import re
from typing import Any

from .tags import Table, TagDef, as_text, directory, field_at, row

_PRINTABLE = re.compile(rb"^[-\w ]+$")
SUBDIR_HEADER = b"[Ricoh Camera Info]\0"


def serial(value: Any) -> str | None:
    """The text serial, or the binary one as hex (zeros: none)."""
    if isinstance(value, bytes):
        if _PRINTABLE.match(value.rstrip(b"\0")):
            return as_text(value)
        return value.hex() if value.strip(b"\0") else None
    return as_text(value)


def bcd_date(data: bytes, order: str) -> str | None:
    """Seven BCD bytes (century, year, month, day, hours, minutes, seconds) as EXIF text."""
    digits = data.hex()
    if not digits.strip("0"):
        return None
    return (
        f"{digits[0:4]}:{digits[4:6]}:{digits[6:8]} {digits[8:10]}:{digits[10:12]}:{digits[12:14]}"
    )


def string(data: bytes, order: str) -> str | None:
    """A fixed-size text field."""
    return as_text(data)


IMAGE_INFO: Table = {6: field_at(7, "RicohDate", "date", bcd_date)}
SERIAL_INFO: Table = {
    16: field_at(16, "BodySerialNumber", "serial", string),
    48: field_at(16, "LensSerialNumber", "serial", string),
}
SUBDIR: Table = {0x002C: directory("SerialInfo", SERIAL_INFO)}
TAGS: Table = {
    0x0002: row("FirmwareVersion", "firmware"),
    0x0005: row("InternalSerialNumber", "serial", serial),
    0x1001: directory("ImageInfo", IMAGE_INFO),
    0x2001: TagDef("RicohSubdir", "directory", sub=SUBDIR, skip=len(SUBDIR_HEADER), order=">"),
}
