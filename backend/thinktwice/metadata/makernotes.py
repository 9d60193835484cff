"""Maker notes: the serial numbers and capture identifiers hidden in vendor IFDs.

A maker note (EXIF tag 0x927C) is a vendor's private block. Most are an IFD, but
each vendor puts it somewhere else and counts offsets from somewhere else:

    Canon      plain IFD at the note start, offsets from the TIFF header
    Nikon      "Nikon\\0\\x02" + a TIFF header of its own at +10; offsets from it
    FujiFilm   "FUJIFILM" + 4-byte LE IFD offset; offsets from the note, little endian
    Olympus    "OLYMPUS\\0II": IFD at +12, offsets from the note; "OLYMP\\0": IFD at +8
    Panasonic  "Panasonic\\0\\0\\0": IFD at +12, offsets from the TIFF header
    Pentax     "AOC\\0" + byte order: IFD at +6; "PENTAX \\0": IFD at +10
    Sony       "SONY DSC \\0\\0\\0": IFD at +12, offsets from the TIFF header
    Samsung    plain IFD (Make SAMSUNG); offsets from the TIFF header or the note
    Apple      "Apple iOS\\0" + version + "MM": IFD at +14, offsets from the note

Layouts and tag ids follow exiftool (MakerNotes.pm and the vendor tables). Only
tags that identify a device or link photos are decoded, by table; everything else
in the note is left alone. A `MakerNoteVendor` tag says the note was recognised.
Unknown vendors give no tags; broken notes give what could be read.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..records import Tag
from ..structure.byteorder import struct_order
from ..structure.fields import text
from ..structure.ifd import BadValue, Ifd, IfdWalker, Policy, looks_like_ifd

_Conv = Callable[[Any], Any]


def _text(value: Any) -> str | None:
    """Any value as trimmed text; None when empty (cameras leave serials blank)."""
    if isinstance(value, bytes):
        # Panasonic pads the front with NULs, Canon the end with 0xFF
        value = text(value.strip(b"\0\xff"))
    elif isinstance(value, tuple):
        value = " ".join(str(v) for v in value)
    trimmed = str(value).strip(" \0")
    return trimmed or None


def _number(value: Any) -> int | None:
    return value if isinstance(value, int) else None


def _hex(value: Any) -> str | None:
    """Binary ids (Canon ImageUniqueID, BYTE or UNDEFINED) as hex; zeros mean "not set"."""
    if isinstance(value, tuple) and all(isinstance(v, int) and 0 <= v < 256 for v in value):
        value = bytes(value)
    if isinstance(value, bytes) and value.strip(b"\0"):
        return value.hex()
    return None


def _canon_serial(value: Any) -> str | None:
    """Canon writes the body serial as a number; exiftool prints 10 digits."""
    return f"{value:010d}" if isinstance(value, int) and value else _text(value)


def _sony_serial(value: Any) -> str | None:
    """Sony stores the 8 digits as swapped pairs; exiftool shows them in order."""
    text = _text(value)
    if text and len(text) == 8 and text.isdigit():
        return text[6:8] + text[4:6] + text[2:4] + text[0:2]
    return text


Table = dict[int, tuple[str, _Conv]]


@dataclass(frozen=True, slots=True)
class Layout:
    """Where a vendor's IFD starts and what its offsets count from.

    `signature` (note prefix) or `make` (upper-case Make prefix) recognises it.
    `base` is the offset origin: None for the TIFF header, else a position in
    the note. The IFD starts at `ifd_at` in the note, or, with `ifd_pointer_at`,
    at base + the 4-byte offset stored there. `order_at` is where "II"/"MM"
    sits; `order` a fixed byte order; neither: guessed like exiftool does.
    `fix_base` tries the other origin when the first one points nowhere sensible;
    `footer` reads Canon's footer ("II*\\0" + the note's original offset), which
    says how far an editor moved the note, and so its offsets.
    """

    vendor: str
    tags: Table
    signature: bytes = b""
    make: str = ""
    ifd_at: int = 0
    ifd_pointer_at: int | None = None
    base: int | None = None
    order_at: int | None = None
    order: str | None = None
    fix_base: bool = False
    footer: bool = False
    sub_ifds: dict[int, Table] = field(default_factory=dict)


CANON: Table = {
    0x0009: ("OwnerName", _text),
    0x000C: ("SerialNumber", _canon_serial),
    0x0028: ("ImageUniqueID", _hex),
    0x0096: ("InternalSerialNumber", _text),
}
NIKON: Table = {
    0x001D: ("SerialNumber", _text),
    0x00A0: ("SerialNumber", _text),
    0x00A7: ("ShutterCount", _number),
}
FUJIFILM: Table = {0x0010: ("InternalSerialNumber", _text)}
OLYMPUS: Table = {0x0404: ("SerialNumber", _text), 0x101A: ("SerialNumber", _text)}
OLYMPUS_EQUIPMENT: Table = {
    0x0101: ("SerialNumber", _text),
    0x0102: ("InternalSerialNumber", _text),
    0x0202: ("LensSerialNumber", _text),
}
PANASONIC: Table = {
    0x0025: ("InternalSerialNumber", _text),
    0x0052: ("LensSerialNumber", _text),
}
PENTAX: Table = {0x0229: ("SerialNumber", _text)}
SONY: Table = {0x2031: ("SerialNumber", _sony_serial)}
SAMSUNG: Table = {0xA002: ("SerialNumber", _text)}
# Apple's ids link a photo to its burst, its Live Photo video and its other versions.
APPLE: Table = {
    0x000B: ("BurstUUID", _text),
    0x0011: ("MediaGroupUUID", _text),
    0x0015: ("ImageUniqueID", _text),
    0x0020: ("ImageCaptureRequestID", _text),
    0x002B: ("PhotoIdentifier", _text),
}
_OLYMPUS_SUBS = {0x2010: OLYMPUS_EQUIPMENT}

# Tried in order: signatures first (a Nikon note can sit in any camera's file),
# then the Make for notes that start straight with an IFD.
LAYOUTS: tuple[Layout, ...] = (
    Layout("Apple", APPLE, signature=b"Apple iOS\0", ifd_at=14, base=0, order_at=12),
    Layout("Nikon", NIKON, signature=b"Nikon\0\x02", ifd_pointer_at=14, base=10, order_at=10),
    Layout("Nikon", {}, signature=b"Nikon\0\x01", ifd_at=8, order="<"),
    Layout("FujiFilm", FUJIFILM, signature=b"FUJIFILM", ifd_pointer_at=8, base=0, order="<"),
    Layout("FujiFilm", FUJIFILM, signature=b"GENERALE", ifd_pointer_at=8, base=0, order="<"),
    Layout(
        "Olympus", OLYMPUS, signature=b"OLYMPUS\0", ifd_at=12, base=0, order_at=8,
        sub_ifds=_OLYMPUS_SUBS,
    ),
    Layout(
        "Olympus", OLYMPUS, signature=b"OM SYSTEM\0", ifd_at=16, base=0, order_at=12,
        sub_ifds=_OLYMPUS_SUBS,
    ),
    Layout("Olympus", OLYMPUS, signature=b"OLYMP\0", ifd_at=8, sub_ifds=_OLYMPUS_SUBS),
    Layout("Olympus", OLYMPUS, signature=b"EPSON\0", ifd_at=8, sub_ifds=_OLYMPUS_SUBS),
    Layout("Panasonic", PANASONIC, signature=b"Panasonic\0", ifd_at=12),
    Layout("Pentax", PENTAX, signature=b"AOC\0", ifd_at=6, order_at=4, fix_base=True),
    Layout("Pentax", PENTAX, signature=b"PENTAX \0", ifd_at=10, base=0, order_at=8),
    Layout("Sony", SONY, signature=b"SONY DSC \0\0\0", ifd_at=12),
    Layout("Sony", SONY, signature=b"SONY CAM \0\0\0", ifd_at=12),
    Layout("Sony", SONY, signature=b"VHAB     \0\0\0", ifd_at=12),
    Layout("Canon", CANON, make="CANON", footer=True),
    Layout("Nikon", NIKON, make="NIKON"),
    Layout("Sony", SONY, make="SONY"),
    Layout("Samsung", SAMSUNG, make="SAMSUNG", fix_base=True),
)  # fmt: skip

_MAX_PLAUSIBLE_ENTRIES = 512  # the most a real maker note IFD holds, by far
_MAX_SUB_IFDS = 4


def detect(make: str, note: bytes) -> Layout | None:
    """The layout of a maker note, from its header or the camera Make."""
    upper = make.strip().upper()
    for layout in LAYOUTS:
        if layout.signature and note.startswith(layout.signature):
            return layout
        if layout.make and upper.startswith(layout.make):
            return layout
    return None


def decode(make: str, note: bytes, tiff: bytes, note_offset: int, byte_order: str) -> list[Tag]:
    """Identifying tags of a maker note, group "MakerNotes-<Vendor>".

    `note` is the MakerNote value, found at `note_offset` in the TIFF block
    `tiff` (offsets in many notes count from the TIFF header); `byte_order` is
    the EXIF block's ("<" or ">"). Never raises for malformed notes.
    """
    layout = detect(make, note)
    if layout is None:
        return []
    group = f"MakerNotes-{layout.vendor}"
    tags = [Tag(group, "MakerNoteVendor", layout.vendor)]
    # Read by the tolerant IFD walker: a private block gone bad gives what could be read.
    _read(layout, note, tiff, note_offset, byte_order, group, tags)
    return tags


def _read(
    layout: Layout, note: bytes, tiff: bytes, at: int, e: str, group: str, tags: list[Tag]
) -> None:
    if layout.order is not None:
        e = layout.order
    elif layout.order_at is not None:
        e = struct_order(note[layout.order_at : layout.order_at + 2]) or e
    base = 0 if layout.base is None else at + layout.base
    if layout.footer and len(note) > 8 and note[-8:-4] == (b"II*\0" if e == "<" else b"MM\0*"):
        base = at - struct.unpack_from(e + "I", note, len(note) - 4)[0]
    if layout.ifd_pointer_at is not None:
        if len(note) < layout.ifd_pointer_at + 4:
            return
        (pointer,) = struct.unpack_from(e + "I", note, layout.ifd_pointer_at)
        start = base + pointer
    else:
        start = at + layout.ifd_at
    if layout.order is None and layout.order_at is None:
        e = _guess_order(tiff, start, e)
    if not _plausible(tiff, start, e):
        return  # not an IFD after all (some compacts store a bare JPEG): read nothing
    walker = _walker(tiff, e, base)
    main = walker.ifd(start, group)
    if main is None:
        return
    if layout.fix_base:
        walker, main = _fixed_base(walker, main, at)
    _collect(walker, main, layout.tags, tags)
    subs = [x for x in main.entries if x.tag in layout.sub_ifds][:_MAX_SUB_IFDS]
    for entry in subs:
        sub = entry.offset
        if entry.type in (4, 13) and entry.count == 1:
            try:
                sub = walker.base + (walker.integer(main, entry) or 0)
            except BadValue:
                continue
        sub_ifd = walker.ifd(sub, group)
        if sub_ifd is not None:
            _collect(walker, sub_ifd, layout.sub_ifds[entry.tag], tags)


def _walker(tiff: bytes, e: str, base: int) -> IfdWalker:
    return IfdWalker(tiff, e, policy=Policy.TOLERANT, label="MakerNotes", base=base)


def _collect(walker: IfdWalker, ifd: Ifd, table: Table, tags: list[Tag]) -> None:
    for entry in ifd.entries:
        known = table.get(entry.tag)
        if known is None:
            continue
        name, conv = known
        try:
            decoded = conv(walker.value(ifd, entry))
        except BadValue:
            continue
        if decoded is not None:
            tags.append(Tag(ifd.name, name, decoded))


def _plausible(tiff: bytes, start: int, e: str) -> bool:
    return looks_like_ifd(tiff, start, e, _MAX_PLAUSIBLE_ENTRIES)


def _guess_order(tiff: bytes, start: int, e: str) -> str:
    """The byte order in which the entry count makes sense, the EXIF one first."""
    other = ">" if e == "<" else "<"
    return other if not _plausible(tiff, start, e) and _plausible(tiff, start, other) else e


def _fixed_base(walker: IfdWalker, main: Ifd, note_at: int) -> tuple[IfdWalker, Ifd]:
    """Re-read with offsets from the note start when the TIFF-header origin puts the
    first out-of-line value before the end of the IFD (where no value can be)."""
    outside = [x.offset for x in main.entries if x.size > 4]
    ifd_end = main.offset + 2 + 12 * len(main.entries)
    if not outside or min(outside) >= ifd_end or walker.base == note_at:
        return walker, main
    again = _walker(walker.data, walker.order, note_at)
    reread = again.ifd(main.offset, main.name)
    return (again, reread) if reread is not None else (walker, main)
