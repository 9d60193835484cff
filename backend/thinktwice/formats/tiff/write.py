"""Writing a TIFF anew: chosen IFDs with their kept tags and image data, nothing else.

Layout, in the source's byte order:

    header | page 1: strips or tiles, values too big for an entry, IFD | page 2: ...

Every piece starts on a word (2-byte) boundary, as TIFF 6.0 asks. Strips, tiles
and values are slices of the source, copied once by the final join. A region the
source uses twice (strips sharing bytes, pages sharing a profile) is written once
and pointed to twice, and the output may not grow past a bound, so overlapping
offsets in a hostile file cannot blow it up.
"""

from __future__ import annotations

import struct
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from ...errors import CorruptImage, UnsupportedFormat
from ...structure.fields import LONG
from ...structure.ifd import HEADER_SIZE, Ifd
from .file import NAME, TAG_IDS, TiffFile, tag_label

# (offsets tag, byte counts tag) of strips and of tiles.
_DATA_TAGS = (
    (TAG_IDS["StripOffsets"], TAG_IDS["StripByteCounts"]),
    (TAG_IDS["TileOffsets"], TAG_IDS["TileByteCounts"]),
)
_SUBFILE_TYPE = TAG_IDS["NewSubfileType"]
# Old-style JPEG points at tables and streams through tags of its own.
_OLD_JPEG = 6
# Headroom over the source size for new IFDs, widened offsets and padding.
_GROWTH = 1 << 16
_CLASSIC_LIMIT = (1 << 32) - 1


@dataclass(frozen=True, slots=True)
class _Field:
    type: int
    count: int
    value: bytes | memoryview
    source: int | None  # where `value` is in the source, None for a new value


_Fields = dict[int, _Field]


class _ImageData(NamedTuple):
    offsets_tag: int  # StripOffsets or TileOffsets
    offsets: tuple[int, ...]
    blocks: list[memoryview]


class _Output:
    """Pieces of the new file, each placed on a word boundary, joined once at the end."""

    def __init__(self, limit: int) -> None:
        self.parts: list[bytes | bytearray | memoryview] = []
        self.pos = HEADER_SIZE
        self.limit = limit
        self._placed: dict[tuple[int, int], int] = {}

    def put(self, piece: bytes | bytearray | memoryview) -> int:
        """Append `piece`, word-aligned; return where it starts."""
        if self.pos & 1:
            self.parts.append(b"\x00")
            self.pos += 1
        start = self.pos
        if start + len(piece) > self.limit:
            raise CorruptImage(
                NAME,
                f"the rebuilt file would pass {self.limit} bytes: "
                "strips, tiles or values in the source overlap",
            )
        self.parts.append(piece)
        self.pos += len(piece)
        return start

    def put_region(self, source_offset: int, piece: bytes | memoryview) -> int:
        """Append a slice of the source once, however many times it is referenced."""
        key = (source_offset, len(piece))
        if key not in self._placed:
            self._placed[key] = self.put(piece)
        return self._placed[key]


def rebuild(
    tiff: TiffFile, ifds: Sequence[Ifd], kept: Collection[int], limit: int | None = None
) -> bytes:
    """A new TIFF holding `ifds` as its pages, with only the `kept` tags.

    The output may not pass `limit` bytes (by default twice the source, plus room
    for new IFDs): `CorruptImage` otherwise, raised before anything is copied.
    """
    e = tiff.endian
    default = min(2 * len(tiff.data) + _GROWTH, _CLASSIC_LIMIT)
    out = _Output(default if limit is None else min(limit, default))
    first = 0
    previous: tuple[bytearray, int] | None = None
    for ifd in ifds:
        fields, image = _page(tiff, ifd, kept)
        positions = [
            out.put_region(at, block) for at, block in zip(image.offsets, image.blocks, strict=True)
        ]
        packed = struct.pack(f"{e}{len(positions)}I", *positions)
        fields[image.offsets_tag] = _Field(LONG, len(positions), packed, None)
        directory, next_at = _directory(tiff, out, fields)
        at = out.put(directory)
        if previous is None:
            first = at
        else:
            struct.pack_into(e + "I", previous[0], previous[1], at)
        previous = (directory, next_at)
    header = tiff.order + struct.pack(e + "HI", 42, first)
    return b"".join([header, *out.parts])


def _page(tiff: TiffFile, ifd: Ifd, kept: Collection[int]) -> tuple[_Fields, _ImageData]:
    """The kept fields of `ifd` and its strips or tiles, bounds-checked."""
    compression = tiff.first_int(ifd, TAG_IDS["Compression"], 1)
    if compression == _OLD_JPEG:
        raise UnsupportedFormat(
            "an old-style JPEG TIFF",
            f"{ifd.name} uses old-style JPEG compression (6), which ThinkTwice cannot "
            "carry over losslessly yet.",
        )
    present = [pair for pair in _DATA_TAGS if pair[0] in ifd.by_tag]
    if len(present) != 1:
        found = "both StripOffsets and TileOffsets" if present else "no StripOffsets or TileOffsets"
        raise CorruptImage(NAME, f"{ifd.name} has {found}")
    ((offsets_tag, counts_tag),) = present
    offsets, counts = tiff.ints(ifd, offsets_tag), tiff.ints(ifd, counts_tag)
    if len(offsets) != len(counts):
        raise CorruptImage(
            NAME,
            f"{ifd.name} has {len(offsets)} {tag_label(offsets_tag)} "
            f"but {len(counts)} {tag_label(counts_tag)}",
        )
    blocks = [tiff.region(ifd, offsets_tag, at, n) for at, n in zip(offsets, counts, strict=True)]
    fields: _Fields = {
        tag: _Field(entry.type, entry.count, tiff.raw(ifd, entry), entry.offset)
        for tag, entry in ifd.by_tag.items()
        if tag in kept
    }
    # Say "full-resolution image" outright (0 is the default): without it exiftool calls
    # the data of a JPEG-compressed page a PreviewImage.
    fields.setdefault(_SUBFILE_TYPE, _Field(LONG, 1, struct.pack(tiff.endian + "I", 0), None))
    return fields, _ImageData(offsets_tag, offsets, blocks)


def _directory(tiff: TiffFile, out: _Output, fields: _Fields) -> tuple[bytearray, int]:
    """The IFD bytes for `fields` (large values placed first) and where its next pointer is."""
    e = tiff.endian
    entries = bytearray(struct.pack(e + "H", len(fields)))
    for tag in sorted(fields):
        field = fields[tag]
        if len(field.value) <= 4:
            inline = bytes(field.value).ljust(4, b"\x00")
        elif field.source is None:
            inline = struct.pack(e + "I", out.put(field.value))
        else:
            inline = struct.pack(e + "I", out.put_region(field.source, field.value))
        entries += struct.pack(e + "HHI", tag, field.type, field.count) + inline
    next_at = len(entries)
    entries += b"\x00\x00\x00\x00"
    return entries, next_at
