"""Olympus-format maker-note tags (exiftool Olympus.pm): Olympus, OM System, Epson.

The main IFD points to sub-IFDs; Equipment (0x2010) holds the body's and lens's
serials and the model, CameraSettings (0x2020) the preview JPEG's place. Offsets
count from the note ("OLYMPUS\\0", "OM SYSTEM\\0") or the TIFF header ("OLYMP\\0").
"""

from __future__ import annotations

from typing import Any

from .tags import Table, as_offset, as_text, directory, row


def firmware(value: Any) -> str | None:
    """A firmware LONG as exiftool prints it: its hex digits, a dot before the last
    three (0x1300 -> "1.300")."""
    if not isinstance(value, int):
        return as_text(value)
    digits = f"{value:x}"
    return f"{digits[:-3] or '0'}.{digits[-3:]}" if len(digits) > 3 else digits


EQUIPMENT: Table = {
    0x0100: row("CameraType2", "model"),
    0x0101: row("SerialNumber", "serial"),
    0x0102: row("InternalSerialNumber", "serial"),
    0x0104: row("BodyFirmwareVersion", "firmware", firmware),
    0x0202: row("LensSerialNumber", "serial"),
    0x0302: row("ExtenderSerialNumber", "serial"),
    0x1004: row("FlashSerialNumber", "serial"),
}
CAMERA_SETTINGS: Table = {
    0x0101: row("PreviewImageStart", "preview_start", as_offset),
    0x0102: row("PreviewImageLength", "preview_length", as_offset),
}
TAGS: Table = {
    0x0088: row("PreviewImageStart", "preview_start", as_offset),
    0x0089: row("PreviewImageLength", "preview_length", as_offset),
    0x0207: row("CameraType", "model"),
    0x0404: row("SerialNumber", "serial"),
    0x101A: row("SerialNumber", "serial"),
    0x2010: directory("Equipment", EQUIPMENT),
    0x2020: directory("CameraSettings", CAMERA_SETTINGS),
}
