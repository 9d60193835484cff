"""Maker notes: the serials, owner names, models, dates and previews in vendor blocks.

A maker note (EXIF tag 0x927C) is a vendor's private block. Most are an IFD,
each vendor putting it somewhere else and counting offsets from somewhere else
(`layouts`); a few are fixed binary records (Reconyx). What each tag is, and
what it reveals, is data: one table per maker (`canon`, `olympus`, `pentax`...),
by exiftool's ids and names. Only tags that reveal something are decoded;
everything else in the note is left alone. Unknown vendors give nothing; broken
notes give what could be read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...records import Picture, Tag
from .layouts import LAYOUTS, Layout, detect, tables
from .reader import Found, read
from .tags import Reveals, names

__all__ = ["LAYOUTS", "Layout", "MakerNote", "Reveals", "decode", "detect", "revealing"]


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


def revealing(what: Reveals) -> list[str]:
    """The names of every maker-note tag that reveals `what` (for the findings' tables)."""
    return names(tables(), what)
