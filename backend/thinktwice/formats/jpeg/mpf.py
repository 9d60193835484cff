"""The Multi-Picture Format index (CIPA DC-007) of a JPEG's APP2 "MPF" segment: read
its images, write a fresh one.

The index is a little TIFF whose MP Index IFD holds MPFVersion (B000), NumberOfImages
(B001) and MPEntry (B002): per image 16 bytes — attribute (flags and MP type), size,
offset from the TIFF header (0 for the first image, the primary) and two dependent-image
links. Reading is tolerant (the structure's IFD walker): a bad index never makes the
image unreadable, it only gives no picture; anything else it holds is named. Writing
gives only those three tags, big-endian: the optional ones (ImageUIDList: unique ids;
TotalFrames) and the MP Attribute IFD are left out.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from ...structure.ifd import BadValue, IfdWalker, Policy

MPF = b"MPF\x00"
MAX_MP_ENTRIES = 256  # cameras write 2 to a few dozen

_MP_ENTRY_TAG = 0xB002
# The tags index_segment writes; any other is named, so that a copy keeping one fails.
WRITTEN_TAGS = frozenset({0xB000, 0xB001, _MP_ENTRY_TAG})
_OTHER_TAGS = {0xB003: "MPF image unique IDs", 0xB004: "MPF total frames"}
_MP_ENTRY = "IIIHH"  # attribute, size, offset, two dependent-image links
_MP_ENTRY_SIZE = 16
_IFD_START = 8
_TAGS = 3  # MPFVersion, NumberOfImages, MPEntry
_ENTRIES_AT = _IFD_START + 2 + 12 * _TAGS + 4
_UNDEFINED, _LONG = 7, 4
PRIMARY_ATTRIBUTE = 0x030000  # baseline MP primary image


@dataclass(frozen=True, slots=True)
class MpImage:
    """One non-primary MP image: its entry number (from 1), attribute and extent."""

    number: int
    attribute: int
    start: int
    end: int


def mp_entries(index: bytes) -> tuple[list[tuple[int, int, int]], list[str]]:
    """(attribute, size, offset) of the MPEntry records of an MP index TIFF that fit in it
    (MAX_MP_ENTRIES at most), and the names of what else the index holds; raises
    ValueError when the index is broken."""
    walker = IfdWalker.tiff(index, policy=Policy.TOLERANT, label="MPF")
    ifd = walker.ifd(walker.first, "MP index IFD") if walker.first else None
    if ifd is None or walker.problems:
        raise ValueError("; ".join(walker.problems))
    others = [
        _OTHER_TAGS.get(e.tag, f"MPF index tag 0x{e.tag:04X}")
        for e in ifd.entries
        if e.tag not in WRITTEN_TAGS
    ]
    if ifd.next:
        others.append("MPF attribute IFD")
    entry = ifd.by_tag.get(_MP_ENTRY_TAG)
    if entry is None:
        return [], others
    at = entry.offset
    if entry.count < _MP_ENTRY_SIZE:  # not even one record
        return [], others
    if at + _MP_ENTRY_SIZE > len(index):
        raise BadValue(f"MP entries at byte {at}, past the index's {len(index)} bytes")
    record = struct.Struct(walker.order + _MP_ENTRY)
    fitting = min(entry.count, len(index) - at) // _MP_ENTRY_SIZE
    entries = [
        record.unpack_from(index, at + _MP_ENTRY_SIZE * i)[:3]
        for i in range(min(fitting, MAX_MP_ENTRIES))
    ]
    return entries, others


def mp_images(
    data: bytes, base: int, end: int, eoi_end: int
) -> tuple[int | None, list[MpImage], list[str]]:
    """The primary's attribute and the non-primary images of the index at data[base:end]
    (its TIFF header at `base`) that lie after the primary's EOI, without overlaps;
    and what was wrong with the others or else in the index. ValueError when the
    index is broken."""
    primary: int | None = None
    images: list[MpImage] = []
    entries, problems = mp_entries(data[base:end])
    for number, (attribute, size, offset) in enumerate(entries, start=1):
        if number == 1 or offset == 0:  # the primary image, i.e. the main one
            primary = attribute if primary is None else primary
            continue
        at = base + offset
        if size == 0 or at < eoi_end or at + size > len(data):
            problems.append(f"MPF image {number} points outside the file")
            continue
        if any(at < image.end and image.start < at + size for image in images):
            # Real MP images never share bytes; copying shared ones is a memory bomb.
            problems.append(f"MPF image {number} overlaps another")
            continue
        images.append(MpImage(number, attribute, at, at + size))
    return primary, images, problems


def index_length(count: int) -> int:
    """The size of the APP2 segment `index_segment` writes for `count` images, the
    primary included."""
    return 4 + len(MPF) + _ENTRIES_AT + _MP_ENTRY_SIZE * count


def index_segment(entries: list[tuple[int, int, int]]) -> bytes:
    """An APP2 MPF segment listing (attribute, size, offset from the TIFF header) per image.

    The TIFF header is `len(MPF) + 4` bytes into the segment: offsets count from there.
    """
    count = len(entries)
    ifd = struct.pack(
        ">H" + "HHI4s" + "HHII" + "HHII" + "I",
        _TAGS,
        0xB000, _UNDEFINED, 4, b"0100",
        0xB001, _LONG, 1, count,
        _MP_ENTRY_TAG, _UNDEFINED, _MP_ENTRY_SIZE * count, _ENTRIES_AT,
        0,  # no MP Attribute IFD
    )  # fmt: skip
    records = b"".join(struct.pack(">IIIHH", a, size, offset, 0, 0) for a, size, offset in entries)
    tiff = b"MM\x00\x2a" + struct.pack(">I", _IFD_START) + ifd + records
    return b"\xff\xe2" + (2 + len(MPF) + len(tiff)).to_bytes(2, "big") + MPF + tiff
