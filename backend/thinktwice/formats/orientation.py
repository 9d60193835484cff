"""The one EXIF value a cleaned image keeps: Orientation.

Read through the structure's IFD walker (tolerant: a broken EXIF gives no
orientation, never an error); a minimal EXIF holding only it lets cleaned images
still display the right way up.
"""

from __future__ import annotations

import struct

from ..structure.byteorder import BYTE_ORDERS
from ..structure.fields import SHORT
from ..structure.ifd import TIFF_HEADERS, IfdWalker, Policy
from ..structure.tags import ORIENTATION_TAG

# JPEG's APP1 identifier, which some writers leave in front of EXIF in other containers.
EXIF_PREFIX = b"Exif\x00\x00"


def exif_tiff(blob: bytes) -> bytes | None:
    """The TIFF structure of an EXIF blob past any "Exif\\0\\0" prefix, or None if it is not."""
    tiff = blob.removeprefix(EXIF_PREFIX)
    return tiff if tiff[:4] in TIFF_HEADERS else None


def read_orientation(tiff: bytes) -> int | None:
    """Orientation (1-8) from IFD0 of a TIFF-structured blob, or None if absent or invalid."""
    walker = IfdWalker.tiff(tiff, policy=Policy.TOLERANT, label="EXIF")
    ifd0 = walker.ifd(walker.first, "IFD0") if walker.first else None
    entry = ifd0.by_tag.get(ORIENTATION_TAG) if ifd0 is not None else None
    if ifd0 is None or entry is None or entry.type != SHORT or entry.count != 1:
        return None
    value = walker.integer(ifd0, entry)
    return value if value is not None and 1 <= value <= 8 else None


def minimal_exif(orientation: int, byte_order: bytes = b"MM") -> bytes:
    """A TIFF-structured EXIF blob with IFD0 holding only Orientation.

    Raises ValueError for values outside 1-8.
    """
    if not 1 <= orientation <= 8:
        raise ValueError(f"Orientation {orientation} is not in 1-8")
    e = BYTE_ORDERS[byte_order]
    return (
        byte_order
        + struct.pack(e + "HI", 42, 8)
        + struct.pack(e + "H", 1)
        + struct.pack(e + "HHIHH", ORIENTATION_TAG, SHORT, 1, orientation, 0)
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
