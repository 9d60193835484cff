"""Maker notes: the serials, owner names, models, dates and previews in vendor blocks.

A maker note (EXIF tag 0x927C) is a vendor's private block. Most are an IFD,
each vendor putting it somewhere else and counting offsets from somewhere else
(`layouts`); a few are fixed binary records (Reconyx) or a protobuf (Google).
What each tag is, and what it reveals, is data: one table per maker (`canon`,
`olympus`, `pentax`...), by exiftool's ids and names. Vendor blocks outside EXIF
(InfiRay's APP9 sensor record, Samsung's APP5 id) are read the same way by
`decode_block`, and maker notes kept in XMP as base64 (Google's
GCamera:HdrPlusMakernote) by `in_xmp`. Only tags that reveal something are
decoded; everything else in the note is left alone. Unknown vendors give
nothing; broken notes give what could be read.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field

from ...records import Picture, Tag, VendorBlock
from .layouts import BLOCKS, LAYOUTS, Layout, detect, tables
from .reader import Found, read
from .tags import Reveals, names

__all__ = [
    "BLOCKS", "LAYOUTS", "XMP_NOTES", "Layout", "MakerNote", "Reveals", "decode",
    "decode_block", "detect", "in_xmp", "revealing",
]  # fmt: skip


# XMP properties that hold a maker note as base64, by (group, name) as xmp.py gives them.
XMP_NOTES = frozenset({("XMP-GCamera", "HdrPlusMakernote"), ("XMP-GCamera", "Hdrp_makernote")})


@dataclass(frozen=True, slots=True)
class MakerNote:
    """A decoded maker note: the vendor (None when not recognised), tags, previews."""

    vendor: str | None = None
    tags: list[Tag] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)


def decode(make: str, note: bytes, tiff: bytes, note_offset: int, byte_order: str) -> MakerNote:
    """What a maker note reveals, as tags of group "MakerNotes-<Vendor>".

    `note` is the MakerNote value, found at `note_offset` in the TIFF block
    `tiff` (offsets in many notes count from the TIFF header); `byte_order` is
    the EXIF block's ("<" or ">"). A `MakerNoteVendor` tag says the note was
    recognised. Never raises for malformed notes.
    """
    layout = detect(make, note)
    if layout is None:
        return MakerNote()
    found = Found(f"MakerNotes-{layout.vendor}")
    found.tags.append(Tag(found.group, "MakerNoteVendor", layout.vendor))
    read(layout, note, tiff, note_offset, byte_order, found)
    return MakerNote(layout.vendor, found.tags, found.pictures)


def decode_block(block: VendorBlock) -> MakerNote:
    """What a vendor block reveals, as tags whose group is the vendor ("InfiRay", as
    exiftool names it). Unknown blocks give nothing; short ones what fits."""
    layout = BLOCKS.get((block.vendor, block.name))
    if layout is None:
        return MakerNote()
    found = Found(layout.vendor)
    read(layout, block.data, block.data, 0, "<", found)
    return MakerNote(layout.vendor, found.tags, found.pictures)


def in_xmp(tag: Tag) -> MakerNote:
    """The maker note an XMP property holds as base64 (nothing for other tags, or when
    it is not base64), read as if it were the EXIF one."""
    if (tag.group, tag.name) not in XMP_NOTES or not isinstance(tag.value, str):
        return MakerNote()
    try:
        note = base64.b64decode(tag.value, validate=True)
    except (binascii.Error, ValueError):
        return MakerNote()
    return decode("", note, note, 0, "<")


def revealing(what: Reveals) -> list[tuple[str, str]]:
    """(group pattern, name) of every maker-note and vendor-block tag that reveals
    `what` (for the findings' tables)."""
    pairs = ((group, name) for group, table in tables() for name in names([table], what))
    return list(dict.fromkeys(pairs))
