"""Damaged scan data that viewers still display: kept as it is, up to EOI.

A bad copy or a flipped bit can leave FF xx inside entropy-coded data with xx a
reserved code (02-BF), which no encoder writes there. libjpeg warns, greys out
the rest of that scan and goes on; browsers and Pillow show the picture, and
exiftool and exiv2 clean such files. So does the engine: from the scan's start
to the first EOI after the damage, the bytes are the picture as the decoder is
given it, copied verbatim, and what follows EOI is the trailer as for any JPEG.

Two rules keep the verbatim stretch from hiding anything. It must end in EOI:
a file whose damaged scan runs to its end is refused, since data appended there
(a comment, a trailer without FF bytes) could not be told from scan data. And it
must hold no metadata block or embedded JPEG, found by their signatures, nor a
comment segment (FF FE, its length, text, then the next marker's FF), as a
progressive file may carry between its scans: those are refused rather than
copied. Damaged scan data matches neither by chance but in a vanishing share of
files.
"""

from __future__ import annotations

import re

from ...errors import CorruptImage

LABEL = "JPEG"
# The first bytes of what must not ride along: APPn/COM identifiers, XMP packets
# without a segment around them, and the start of another JPEG.
_KNOWN_BLOCK = re.compile(
    rb"Exif\x00|http://ns\.adobe\.com/|ICC_PROFILE\x00|MPF\x00|Photoshop 3\.0\x00"
    rb"|JFIF\x00|JFXX\x00|Ducky|<x:xmpmeta|<\?xpacket|\xff\xd8\xff[\xc0-\xfe]"
)
_EOI = b"\xff\xd9"
_COM = b"\xff\xfe"
# A comment worth refusing: this much text, all printable (UTF-8 letters included).
_COMMENT_TEXT = re.compile(rb"[\t\n\r\x20-\x7e\x80-\xfe]{4,}")


def damaged_scan_end(data: bytes, damage: int) -> int:
    """Where the EOI marker ending a scan damaged at byte `damage` starts.

    Raises CorruptImage when no EOI follows, or when a known block lies between.
    """
    eoi = data.find(_EOI, damage)
    where = f"the scan data is damaged at byte {damage} (FF {data[damage + 1]:02X})"
    if eoi < 0:
        raise CorruptImage(LABEL, f"{where} and runs to the end of the file without an EOI marker")
    block = _KNOWN_BLOCK.search(data, damage, eoi)
    found = block.start() if block is not None else _comment(data, damage, eoi)
    if found >= 0:
        raise CorruptImage(
            LABEL,
            f"{where}, and {data[found : found + 16]!r} at byte {found} before its EOI "
            "looks like a metadata block or an image: not kept",
        )
    return eoi


def _comment(data: bytes, start: int, end: int) -> int:
    """Where a well-formed COM segment of text starts in data[start:end], or -1."""
    at = data.find(_COM, start, end)
    while at >= 0:
        length = int.from_bytes(data[at + 2 : at + 4], "big")
        after = at + 2 + length
        followed = after <= end and data[after : after + 1] == b"\xff"
        if followed and _COMMENT_TEXT.fullmatch(data, at + 4, after):
            return at
        at = data.find(_COM, at + 1, end)
    return -1
