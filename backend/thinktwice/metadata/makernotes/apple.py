"""Apple's maker-note tags (exiftool Apple.pm, Apple::Main).

Only the ids that link photos: a burst, a Live Photo's still and its video
(MediaGroupUUID, once called ContentIdentifier), the other versions of one shot.
"""

from __future__ import annotations

from .tags import Table, row

TAGS: Table = {
    0x000B: row("BurstUUID", "capture_id"),
    0x0011: row("MediaGroupUUID", "capture_id"),
    0x0015: row("ImageUniqueID", "capture_id"),
    0x0020: row("ImageCaptureRequestID", "capture_id"),
    0x002B: row("PhotoIdentifier", "capture_id"),
}
