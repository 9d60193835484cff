"""Reading a maker note by its layout and table, with the shared IFD walker.

IFD notes are walked under the tolerant policy: a private block gone bad gives
what could be read. Rows of a table say what each tag is: plain values become
tags, `directory` rows are followed (sub-IFDs, binary records, or nested protobuf
messages), and a preview's start and length become a picture.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

from ...records import Picture, Tag
from ...structure.byteorder import struct_order
from ...structure.ifd import BadValue, Entry, Ifd, IfdWalker, Policy, looks_like_ifd
from . import hdrp
from .layouts import Layout
from .tags import Table, TagDef

MAX_PLAUSIBLE_ENTRIES = 512  # the most a real maker note IFD holds, by far
MAX_DEPTH = 2  # sub-IFDs of sub-IFDs: no vendor nests deeper
MAX_SUB_IFDS = 8
PREVIEW_SOURCE = "EXIF MakerNote"


@dataclass(slots=True)
class Found:
    """What a note gave: tags (group "MakerNotes-<Vendor>") and embedded previews."""

    group: str
    tags: list[Tag] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    sub_ifds: int = 0


def read(layout: Layout, note: bytes, tiff: bytes, at: int, order: str, found: Found) -> None:
    """Read `note` (found at `at` in the TIFF block `tiff`, byte order `order`)."""
    if layout.binary:
        _binary(layout.tags, note, "<", found)
        return
    if layout.protobuf:
        opened = hdrp.open_note(note)
        if opened is not None and opened[0] == hdrp.PROTOBUF_VERSION:
            _protobuf(layout.tags, opened[1], found, 0)
        return
    e = order
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
    main = walker.ifd(start, found.group)
    if main is None:
        return
    if layout.fix_base:
        walker, main = _fixed_base(walker, main, at)
    _collect(walker, main, layout.tags, found, 0)


def _collect(walker: IfdWalker, ifd: Ifd, table: Table, found: Found, depth: int) -> None:
    preview: dict[str, int] = {}
    for entry in ifd.entries:
        known = table.get(entry.tag)
        if known is None:
            continue
        try:
            if known.reveals == "directory":
                _directory(walker, ifd, entry, known, found, depth)
                continue
            decoded = known.conv(walker.value(ifd, entry))
        except BadValue:
            continue
        if known.reveals in ("preview_start", "preview_length"):
            if isinstance(decoded, int):
                preview[known.reveals] = decoded
        elif decoded is not None:
            found.tags.append(Tag(found.group, known.name, decoded))
    if len(preview) == 2:
        _preview(walker, preview["preview_start"], preview["preview_length"], found)


def _directory(
    walker: IfdWalker, ifd: Ifd, entry: Entry, known: TagDef, found: Found, depth: int
) -> None:
    """Follow a directory row: binary records in the value, or a sub-IFD."""
    if depth >= MAX_DEPTH or found.sub_ifds >= MAX_SUB_IFDS:
        return
    found.sub_ifds += 1
    if any(row.size for row in known.sub.values()):
        _binary(known.sub, walker.raw(ifd, entry), walker.order, found)
        return
    if entry.type in (4, 13) and entry.count == 1:
        start = walker.base + (walker.integer(ifd, entry) or 0)
    else:
        walker.check(ifd, entry)
        start = entry.offset
    start += known.skip
    sub_walker = walker
    if known.order is not None and known.order != walker.order:
        sub_walker = _walker(walker.data, known.order, walker.base)
    if not _plausible(walker.data, start, sub_walker.order):
        return
    sub = sub_walker.ifd(start, found.group)
    if sub is not None:
        _collect(sub_walker, sub, known.sub, found, depth + 1)


def _binary(table: Table, data: bytes, order: str, found: Found) -> None:
    """Fixed records: each row's `size` bytes at its offset."""
    for offset, known in table.items():
        chunk = data[offset : offset + known.size]
        if len(chunk) < known.size:
            continue
        decoded = known.conv(chunk, order)
        if decoded is not None:
            found.tags.append(Tag(found.group, known.name, decoded))


def _protobuf(table: Table, data: bytes, found: Found, depth: int) -> None:
    """A protobuf message's fields by number: varints and fixed-size ones as integers,
    length-delimited ones as bytes or, for directory rows, nested messages. Stops at
    the first field that does not fit (what came before is kept)."""
    pos = 0
    while pos < len(data):
        key, pos = _varint(data, pos)
        if pos > len(data):
            return
        field_number, wire = key >> 3, key & 7
        value: int | bytes
        if wire == 0:
            value, pos = _varint(data, pos)
            if pos > len(data):
                return
        elif wire in (1, 5):
            size = 8 if wire == 1 else 4
            if pos + size > len(data):
                return
            value, pos = int.from_bytes(data[pos : pos + size], "little"), pos + size
        elif wire == 2:
            size, pos = _varint(data, pos)
            if pos + size > len(data):
                return
            value, pos = data[pos : pos + size], pos + size
        else:
            return  # groups (3, 4) are long deprecated; anything else is not protobuf
        known = table.get(field_number)
        if known is None:
            continue
        if known.reveals == "directory":
            if isinstance(value, bytes) and depth < MAX_DEPTH:
                _protobuf(known.sub, value, found, depth + 1)
            continue
        decoded = known.conv(value)
        if decoded is not None:
            found.tags.append(Tag(found.group, known.name, decoded))


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    """A base-128 varint at `pos` and the position after it; past the end it gives
    a position past the end, which stops the caller."""
    value = 0
    for shift in range(0, 70, 7):
        if pos >= len(data):
            return value, len(data) + 1
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, pos
    return value, len(data) + 1  # longer than 10 bytes: not a varint


def _preview(walker: IfdWalker, start: int, length: int, found: Found) -> None:
    """The preview JPEG a note points to, when it lies inside the EXIF block."""
    begin = walker.base + start
    if begin < 0 or begin + length > len(walker.data):
        return  # pointing outside the block (some cameras count from the file start)
    data = walker.data[begin : begin + length]
    media = "image/jpeg" if data.startswith(b"\xff\xd8") else None
    found.pictures.append(Picture("preview", PREVIEW_SOURCE, data, media))


def _walker(tiff: bytes, e: str, base: int) -> IfdWalker:
    return IfdWalker(tiff, e, policy=Policy.TOLERANT, label="MakerNotes", base=base)


def _plausible(tiff: bytes, start: int, e: str) -> bool:
    return looks_like_ifd(tiff, start, e, MAX_PLAUSIBLE_ENTRIES)


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
