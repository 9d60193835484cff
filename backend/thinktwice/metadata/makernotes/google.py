"""Google Pixel's HDR+ maker note (exiftool Google.pm, Google::HDRPlusMakerNote).

In EXIF (and base64 in XMP GCamera): "HDRP\\x03" + an encrypted, gzipped protobuf
(`hdrp` opens it). Keys are protobuf field numbers, nested messages as
directories: field 12 describes the phone (model, code name, hardware revision,
camera software; its make, field 1, says nothing the EXIF Make does not), 9.36.1
is the capture time (Unix seconds). Field 1 names each merged frame ("Payload
frame 00", exiftool's Pixel 8 Pro sample): nothing unique. Version 2 notes hold
text exiftool names nothing identifying in.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from .tags import Table, directory, row


def unix_time(value: Any) -> str | None:
    """Unix seconds as an EXIF date-time in UTC ("2023:10:12 14:03:22Z")."""
    if not isinstance(value, int) or isinstance(value, bool) or not 0 < value < 1 << 34:
        return None
    return datetime.fromtimestamp(value, UTC).strftime("%Y:%m:%d %H:%M:%SZ")


CAPTURE: Table = {36: directory("CaptureTime", {1: row("CreateDate", "date", unix_time)})}
DEVICE: Table = {
    2: row("DeviceModel", "model"),
    3: row("DeviceCodename", "model"),
    4: row("DeviceHardwareRevision", "firmware"),
    6: row("HDRPSoftware", "firmware"),
    7: row("AndroidRelease", "firmware"),
}
TAGS: Table = {
    9: directory("Shot", CAPTURE),
    12: directory("Device", DEVICE),
}
