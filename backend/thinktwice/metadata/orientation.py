"""The one EXIF value a cleaned image keeps: Orientation.

Reading it here (rather than through the full EXIF decoder) keeps the cleaning
path small and fast; building a minimal EXIF holding only it lets cleaned
images still display the right way up.
"""

from __future__ import annotations

import struct

ORIENTATION_TAG = 0x0112
_SHORT = 3
# What a TIFF-structured blob starts with: byte order, then 42 in that order.
TIFF_HEADERS = (b"II*\x00", b"MM\x00*")
# JPEG's APP1 identifier, which some writers leave in front of EXIF in other containers.
EXIF_PREFIX = b"Exif\x00\x00"


def exif_tiff(blob: bytes) -> bytes | None:
    """The TIFF structure of an EXIF blob past any "Exif\\0\\0" prefix, or None if it is not."""
    tiff = blob.removeprefix(EXIF_PREFIX)
    return tiff if tiff[:4] in TIFF_HEADERS else None


def read_orientation(tiff: bytes) -> int | None:
    """Orientation (1-8) from IFD0 of a TIFF-structured blob, or None if absent or invalid."""
    if len(tiff) < 8:
        return None
    order = tiff[:2]
    if order == b"II":
        e = "<"
    elif order == b"MM":
        e = ">"
    else:
        return None
    (ifd,) = struct.unpack_from(e + "I", tiff, 4)
    if ifd + 2 > len(tiff):
        return None
    (count,) = struct.unpack_from(e + "H", tiff, ifd)
    end = min(ifd + 2 + 12 * count, len(tiff) - 11)
    for pos in range(ifd + 2, end, 12):
        tag, typ, n = struct.unpack_from(e + "HHI", tiff, pos)
        if tag == ORIENTATION_TAG:
            if typ != _SHORT or n != 1:
                return None
            (value,) = struct.unpack_from(e + "H", tiff, pos + 8)
            return value if 1 <= value <= 8 else None
    return None


def minimal_exif(orientation: int, byte_order: bytes = b"MM") -> bytes:
    """A TIFF-structured EXIF blob with IFD0 holding only Orientation.

    Raises ValueError for values outside 1-8.
    """
    if not 1 <= orientation <= 8:
        raise ValueError(f"Orientation {orientation} is not in 1-8")
    e = "<" if byte_order == b"II" else ">"
    return (
        byte_order
        + struct.pack(e + "HI", 42, 8)
        + struct.pack(e + "H", 1)
        + struct.pack(e + "HHIHH", ORIENTATION_TAG, _SHORT, 1, orientation, 0)
        + struct.pack(e + "I", 0)
    )


def orientation_exif(tiff: bytes, byte_order: bytes | None = None) -> bytes:
    """A minimal EXIF blob holding the orientation `tiff` gives, or b"" when it is 1 or unknown.

    It is written in `byte_order` ("II" or "MM"), by default in the one `tiff` uses.
    """
    orientation = read_orientation(tiff)
    if orientation is None or orientation == 1:
        return b""
    return minimal_exif(orientation, byte_order or tiff[:2])
