"""Canon's maker-note tags (exiftool Canon.pm, Canon::Main)."""

from __future__ import annotations

from typing import Any

from .tags import Table, as_hex, as_text, row


def serial(value: Any) -> str | None:
    """Canon writes the body serial as a number; exiftool prints 10 digits."""
    return f"{value:010d}" if isinstance(value, int) and value else as_text(value)


TAGS: Table = {
    0x0006: row("CanonImageType", "model"),  # "IMG:PowerShot S40 JPEG"
    0x0007: row("CanonFirmwareVersion", "firmware"),
    0x0009: row("OwnerName", "owner"),
    0x000C: row("SerialNumber", "serial", serial),
    0x0028: row("ImageUniqueID", "capture_id", as_hex),
    0x0096: row("InternalSerialNumber", "serial"),
}
