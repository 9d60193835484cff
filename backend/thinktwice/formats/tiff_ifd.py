"""Reading classic TIFF structure safely: the header, IFDs and the values of their entries.

    header: "II" 42 <u32 IFD0 offset>  (little endian)  or  "MM" 42 ...  (big endian)
    IFD:    <u16 n> n x [<u16 tag> <u16 type> <u32 count> <4 bytes value or offset>] <u32 next>

A value that fits in 4 bytes sits in the entry itself; a larger one is elsewhere in
the file, at the offset the entry holds. Every offset is checked before it is
followed, every IFD is visited at most once (loops are errors), and the number of
IFDs and of entries per IFD is capped, so hostile files fail fast with a
`CorruptImage` naming the IFD, the tag and the offset.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

from ..errors import CorruptImage, UnsupportedFormat
from ..metadata.ifd import TYPE_SIZES

NAME = "tiff"

HEADER_SIZE = 8
ENTRY_SIZE = 12
LONG = 4
# struct codes of the unsigned integer types: BYTE, SHORT, LONG, IFD.
_INTEGER_CODES = {1: "B", 3: "H", 4: "I", 13: "I"}
MAX_IFDS = 1000
MAX_ENTRIES = 1000
# Caps on what one file may make the reader hold: entries over all IFDs, and
# integers decoded from one tag (a million strips is far past any real image).
MAX_ENTRIES_TOTAL = 100_000
MAX_VALUES = 1 << 20
_ORDERS = {b"II": "<", b"MM": ">"}
_CLASSIC, _BIG = 42, 43

# Names for the tags this package talks about, used in error messages and tables.
TAG_NAMES = {
    254: "NewSubfileType", 255: "SubfileType", 256: "ImageWidth", 257: "ImageLength",
    258: "BitsPerSample", 259: "Compression", 262: "PhotometricInterpretation",
    266: "FillOrder", 269: "DocumentName", 270: "ImageDescription", 271: "Make",
    272: "Model", 273: "StripOffsets", 274: "Orientation", 277: "SamplesPerPixel",
    278: "RowsPerStrip", 279: "StripByteCounts", 282: "XResolution", 283: "YResolution",
    284: "PlanarConfiguration", 285: "PageName", 292: "T4Options", 293: "T6Options",
    296: "ResolutionUnit", 297: "PageNumber", 301: "TransferFunction", 305: "Software",
    306: "DateTime", 315: "Artist", 316: "HostComputer", 317: "Predictor",
    318: "WhitePoint", 319: "PrimaryChromaticities", 320: "ColorMap", 322: "TileWidth",
    323: "TileLength", 324: "TileOffsets", 325: "TileByteCounts", 330: "SubIFDs",
    332: "InkSet", 338: "ExtraSamples", 339: "SampleFormat", 347: "JPEGTables",
    513: "JPEGInterchangeFormat", 514: "JPEGInterchangeFormatLength",
    529: "YCbCrCoefficients", 530: "YCbCrSubSampling", 531: "YCbCrPositioning",
    532: "ReferenceBlackWhite", 700: "XMP", 33432: "Copyright", 33723: "IPTC-NAA",
    34377: "Photoshop", 34675: "ICCProfile", 50706: "DNGVersion",
}  # fmt: skip
TAG_IDS = {name: tag for tag, name in TAG_NAMES.items()}


def tag_label(tag: int) -> str:
    """A tag's name and number, for messages: "StripOffsets (273)"."""
    return f"{TAG_NAMES.get(tag, 'tag')} ({tag})"


@dataclass(frozen=True, slots=True)
class Entry:
    """One IFD entry; `pos` is where its value bytes are (in the entry, or elsewhere)."""

    tag: int
    type: int
    count: int
    pos: int

    @property
    def size(self) -> int:
        """Bytes of the value; 0 for a type this reader does not know."""
        return TYPE_SIZES.get(self.type, 0) * self.count


@dataclass(slots=True)
class Ifd:
    """One image file directory: `name` says where it was found ("IFD0", "SubIFD 1 of IFD0")."""

    name: str
    offset: int
    next: int
    entries: dict[int, Entry] = field(default_factory=dict)


class TiffFile:
    """A classic TIFF file's header and IFDs, read lazily and bounds-checked."""

    def __init__(self, data: bytes) -> None:
        if len(data) < HEADER_SIZE:
            raise CorruptImage(NAME, f"file is {len(data)} bytes, too short for a TIFF header")
        order = bytes(data[:2])
        if order not in _ORDERS:
            raise CorruptImage(NAME, f"byte order mark {order!r} is neither II nor MM")
        self.data = data
        self.order = order
        self.endian = _ORDERS[order]
        version, first = struct.unpack_from(self.endian + "HI", data, 2)
        if version == _BIG:
            raise UnsupportedFormat(
                "BigTIFF", "BigTIFF files (over 4 GB layout) are not supported yet."
            )
        if version != _CLASSIC:
            raise CorruptImage(NAME, f"TIFF header has version {version}, expected 42")
        self.first = first
        self._visited: set[int] = set()
        self._entries = 0

    def chain(self) -> list[Ifd]:
        """IFD0 and every IFD its `next` pointers lead to, in order."""
        if self.first == 0:
            raise CorruptImage(NAME, "the header points to no IFD: the file holds no image")
        ifds: list[Ifd] = []
        offset = self.first
        while offset:
            ifd = self.ifd(offset, f"IFD{len(ifds)}")
            ifds.append(ifd)
            offset = ifd.next
        return ifds

    def ifd(self, offset: int, name: str) -> Ifd:
        """The IFD at `offset`, its entries parsed; each IFD may be read only once."""
        if offset in self._visited:
            raise CorruptImage(NAME, f"{name} at byte {offset} loops back to an IFD already read")
        if len(self._visited) >= MAX_IFDS:
            raise CorruptImage(NAME, f"more than {MAX_IFDS} IFDs; {name} at byte {offset}")
        self._visited.add(offset)
        data, e = self.data, self.endian
        if offset < HEADER_SIZE or offset + 2 > len(data):
            raise CorruptImage(
                NAME, f"{name} offset {offset} is outside the file ({len(data)} bytes)"
            )
        (count,) = struct.unpack_from(e + "H", data, offset)
        end = offset + 2 + ENTRY_SIZE * count + 4
        if count > MAX_ENTRIES or end > len(data):
            raise CorruptImage(
                NAME,
                f"{name} at byte {offset} claims {count} entries ({end - offset} bytes), "
                f"{len(data) - offset} left in the file",
            )
        self._entries += count
        if self._entries > MAX_ENTRIES_TOTAL:
            raise CorruptImage(
                NAME, f"more than {MAX_ENTRIES_TOTAL} IFD entries; {name} at byte {offset}"
            )
        ifd = Ifd(name, offset, struct.unpack_from(e + "I", data, end - 4)[0])
        for at in range(offset + 2, end - 4, ENTRY_SIZE):
            tag, type_, n, value = struct.unpack_from(e + "HHII", data, at)
            small = TYPE_SIZES.get(type_, 0) * n <= 4
            ifd.entries.setdefault(tag, Entry(tag, type_, n, at + 8 if small else value))
        return ifd

    def raw(self, ifd: Ifd, entry: Entry) -> memoryview:
        """The value bytes of `entry`, checked to lie inside the file."""
        if entry.type not in TYPE_SIZES:
            raise CorruptImage(
                NAME, f"{ifd.name} {tag_label(entry.tag)} has unknown field type {entry.type}"
            )
        return self.region(ifd, entry.tag, entry.pos, entry.size)

    def region(self, ifd: Ifd, tag: int, offset: int, length: int) -> memoryview:
        """data[offset:offset+length], or a `CorruptImage` naming who pointed there."""
        if offset + length > len(self.data):
            raise CorruptImage(
                NAME,
                f"{ifd.name} {tag_label(tag)} points to {length} bytes at byte {offset}, "
                f"past the end of the file ({len(self.data)} bytes)",
            )
        return memoryview(self.data)[offset : offset + length]

    def ints(self, ifd: Ifd, tag: int) -> tuple[int, ...]:
        """The unsigned integer values of `tag` in `ifd`; () when the tag is absent."""
        entry = ifd.entries.get(tag)
        if entry is None:
            return ()
        code = _INTEGER_CODES.get(entry.type)
        if code is None:
            raise CorruptImage(
                NAME, f"{ifd.name} {tag_label(tag)} has field type {entry.type}, not an integer"
            )
        if entry.count > MAX_VALUES:
            raise CorruptImage(
                NAME, f"{ifd.name} {tag_label(tag)} claims {entry.count} values, over {MAX_VALUES}"
            )
        raw = self.raw(ifd, entry)
        return struct.unpack_from(f"{self.endian}{entry.count}{code}", raw)

    def first_int(self, ifd: Ifd, tag: int, default: int) -> int:
        """The first integer value of `tag`, or `default` when absent or empty."""
        values = self.ints(ifd, tag)
        return values[0] if values else default
