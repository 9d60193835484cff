"""Where HEIF items keep their bytes: the 'iloc' box, read and bounds-checked.

Each located item has a construction method — 0: extents are file offsets, 1:
offsets inside the meta box's 'idat' — a data reference (0, or a 'dinf' entry
flagged self-contained, both meaning "this file"), a base offset added to every
extent, and extents whose length 0 means "to the end". Field widths (0, 4 or 8
bytes) are declared in the box header. Item bytes in other files, or built from
other items (method 2), are refused: a cleaner cannot vouch for them.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...errors import CorruptImage, UnsupportedFormat
from ...structure.boxes import Box, Fields
from .boxes import FMT

FILE, IDAT = 0, 1
MAX_LOCATIONS = 1 << 15
MAX_EXTENTS = 1 << 17
_SIZES = (0, 4, 8)
_SELF_CONTAINED = 1


@dataclass(frozen=True, slots=True)
class Extent:
    """A run of an item's bytes: absolute in the file (method 0) or in the idat payload (1).

    `to_end` marks a length written as 0, resolved here as "to the end of the data"
    as ISO/IEC 14496-12 says; libheif reads it as no bytes at all.
    """

    offset: int
    length: int
    to_end: bool = False


@dataclass(frozen=True, slots=True)
class Location:
    """Where one item's bytes are: construction method and resolved extents."""

    method: int
    extents: tuple[Extent, ...]


def local_references(data: bytes | memoryview, dinf: Box | None) -> set[int]:
    """Data reference indices that mean "this file": 0, and self-contained 'dref' entries."""
    local = {0}
    dref = dinf.child(b"dref") if dinf else None
    for index, entry in enumerate(dref.children or () if dref else (), 1):
        _, flags = Fields(data, entry, FMT).version_flags()
        if flags & _SELF_CONTAINED:
            local.add(index)
    return local


def parse_iloc(
    data: bytes | memoryview, box: Box, idat: Box | None, local: set[int]
) -> tuple[dict[int, Location], int]:
    """Every item's location, keyed by item id, and the box version."""
    fields = Fields(data, box, FMT)
    version, _ = fields.version_flags()
    if version > 2:
        raise CorruptImage(FMT, f"'iloc' at byte {box.offset} has unknown version {version}")
    sizes = fields.uint(1), fields.uint(1)
    offset_size, length_size, base_size = sizes[0] >> 4, sizes[0] & 15, sizes[1] >> 4
    index_size = sizes[1] & 15 if version else 0
    for size in (offset_size, length_size, base_size, index_size):
        if size not in _SIZES:
            raise CorruptImage(FMT, f"'iloc' at byte {box.offset} uses a {size}-byte field size")
    id_size = 2 if version < 2 else 4
    count = fields.uint(id_size)
    if count > MAX_LOCATIONS:
        raise CorruptImage(
            FMT, f"'iloc' at byte {box.offset} lists {count} items, over {MAX_LOCATIONS}"
        )
    budget = MAX_EXTENTS
    locations: dict[int, Location] = {}
    for _ in range(count):
        item_id = fields.uint(id_size)
        method = fields.uint(2) & 15 if version else FILE
        reference = fields.uint(2)
        base = fields.uint(base_size)
        extent_count = fields.uint(2)
        budget -= extent_count
        if budget < 0:
            raise CorruptImage(FMT, f"'iloc' at byte {box.offset} lists over {MAX_EXTENTS} extents")
        raw = []
        for _ in range(extent_count):
            fields.uint(index_size)  # only meaningful for construction method 2
            raw.append((fields.uint(offset_size), fields.uint(length_size)))
        if item_id in locations:
            raise CorruptImage(FMT, f"'iloc' at byte {box.offset} locates item {item_id} twice")
        if reference not in local or method not in (FILE, IDAT):
            raise UnsupportedFormat(
                "a HEIF image with external or derived item data",
                f"HEIF item {item_id} keeps its data outside the file or in another item "
                f"(data reference {reference}, construction method {method}); "
                "such files are not supported.",
            )
        space = len(data) if method == FILE else _idat_size(idat, item_id, box)
        extents = tuple(_extent(base, off, n, space, item_id, method) for off, n in raw)
        locations[item_id] = Location(method, extents)
    return locations, version


def _idat_size(idat: Box | None, item_id: int, iloc: Box) -> int:
    if idat is None:
        raise CorruptImage(
            FMT, f"'iloc' at byte {iloc.offset} puts item {item_id} in 'idat', which is missing"
        )
    return idat.end - idat.start


def _extent(base: int, offset: int, length: int, space: int, item_id: int, method: int) -> Extent:
    start = base + offset
    to_end = length == 0
    if to_end:
        length = max(space - start, 0)
    if start + length > space:
        where = "the file" if method == FILE else "'idat'"
        raise CorruptImage(
            FMT,
            f"item {item_id} has an extent of {length} bytes at byte {start}, "
            f"past the end of {where} ({space} bytes)",
        )
    return Extent(start, length, to_end)
