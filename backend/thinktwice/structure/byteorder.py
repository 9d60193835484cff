"""TIFF byte-order marks: "II" (Intel, little endian) and "MM" (Motorola, big endian).

The one table every TIFF-structured reader uses: TIFF files, EXIF blobs, maker notes
with a byte order of their own, and JPEG's MPF index.
"""

from __future__ import annotations

# Byte-order mark -> struct's byte-order character.
BYTE_ORDERS = {b"II": "<", b"MM": ">"}
MARKS = {order: mark for mark, order in BYTE_ORDERS.items()}


def struct_order(mark: bytes) -> str | None:
    """struct's "<" or ">" for a byte-order mark, or None when `mark` is neither II nor MM."""
    return BYTE_ORDERS.get(bytes(mark))
