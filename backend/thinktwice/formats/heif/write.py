"""Writing a HEIF file back with only some of its items: ftyp, a new meta, one mdat.

The kept items' bytes are copied, never decoded: file-stored extents go into one new
'mdat', idat-stored ones into a new 'idat'. Overlapping extents are copied once and
shared, so the output is at most a few bytes bigger than the input. 'iloc' offsets
use a fixed width (4 bytes, 8 for files near 4 GiB), so the meta box has the same
size whatever the offsets are: it is built once to learn its size, then again with
the real offsets.
Item names and the handler name are written empty: decoders do not need them.
Items given new bytes (a gain map's XMP, rewritten) get them at the end of the mdat.
Compatible brands that announce removed items (the 'tmap' gain map) are dropped.
"""

from __future__ import annotations

import struct
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import replace

from ...structure.boxes import Box, header, make_box, make_full_box
from .iloc import FILE, IDAT, Extent
from .items import AssociationTable, Item, Meta

_U16_MAX = 0xFFFF
_U32_MAX = 0xFFFF_FFFF
# Room for boxes the output may write bigger than the input had them (hdlr, dinf, mdat).
_GROWTH = 1 << 12
# Compatible brands that promise an item of a type: kept only while one is kept.
BRAND_ITEMS: dict[bytes, bytes] = {b"tmap": b"tmap"}
KEPT_GROUPS = frozenset({b"altr"})  # entity groups written back (of kept items)


class _Runs:
    """Extents merged into the runs of bytes to copy, and where each byte lands."""

    def __init__(self, extents: Iterable[Extent]) -> None:
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.moved_to: list[int] = []
        self.size = 0
        for start, end in sorted((e.offset, e.offset + e.length) for e in extents if e.length):
            if self.ends and start < self.ends[-1]:  # overlaps the run before: extend it
                if end > self.ends[-1]:
                    self.size += end - self.ends[-1]
                    self.ends[-1] = end
                continue
            self.starts.append(start)
            self.ends.append(end)
            self.moved_to.append(self.size)
            self.size += end - start

    def new_offset(self, offset: int) -> int:
        """Where the byte at `offset` of the old space is in the new one."""
        i = bisect_right(self.starts, offset) - 1
        return self.moved_to[i] + offset - self.starts[i]

    def pieces(self, space: memoryview) -> list[memoryview]:
        """The runs' bytes, in their new order."""
        return [space[s:e] for s, e in zip(self.starts, self.ends, strict=True)]


def rebuild(
    data: bytes,
    ftyp: Box,
    meta: Meta,
    keep: set[int],
    properties: list[int],
    rewritten: dict[int, bytes] | None = None,
) -> bytes:
    """A HEIF file holding the items in `keep` and the 'ipco' `properties` (indices from 1),
    the items in `rewritten` holding the bytes given there instead of their own."""
    view = memoryview(data)
    rewritten = rewritten or {}
    kept = [item for item in meta.items.values() if item.id in keep]
    copied = [item for item in kept if item.id not in rewritten]
    in_file = _Runs(e for item in copied if item.method == FILE for e in item.extents)
    in_idat = _Runs(e for item in copied if item.method == IDAT for e in item.extents)
    items: list[Item] = []
    appended: list[bytes] = []
    at = in_file.size  # where the next rewritten item's bytes go in the new mdat
    for item in kept:
        if item.id in rewritten:
            appended.append(rewritten[item.id])
            item = replace(item, method=FILE, extents=(Extent(at, len(appended[-1])),))
            at += len(appended[-1])
        items.append(item)
    idat = b""
    if meta.idat is not None and in_idat.size:
        idat = make_box(b"idat", *in_idat.pieces(view[meta.idat.start : meta.idat.end]))
    longest = max((e.length for item in items for e in item.extents), default=0)
    sizes = (
        8 if len(data) + _GROWTH > _U32_MAX else 4,
        8 if longest > _U32_MAX else 4,
    )

    head = _ftyp(view[ftyp.start : ftyp.end], {item.type for item in items})
    mdat_header = header(b"mdat", at)
    rest = _meta_rest(view, meta, keep, properties, idat)
    moved = set(rewritten)
    draft = _meta(meta, _iloc(meta.iloc_version, items, moved, in_file, in_idat, 0, sizes), rest)
    mdat_start = len(head) + len(draft) + len(mdat_header)
    located = _iloc(meta.iloc_version, items, moved, in_file, in_idat, mdat_start, sizes)
    final = _meta(meta, located, rest)
    return b"".join((head, final, mdat_header, *in_file.pieces(view), *appended))


def _ftyp(payload: memoryview, kept_types: set[bytes]) -> bytes:
    """The ftyp box: major brand and minor version as they were, compatible brands
    without those announcing items no longer there."""
    brands = [bytes(payload[i : i + 4]) for i in range(8, len(payload) - 3, 4)]
    kept = [b for b in brands if b not in BRAND_ITEMS or BRAND_ITEMS[b] in kept_types]
    return make_box(b"ftyp", payload[:8], *kept)


def _meta(meta: Meta, iloc: bytes, rest: list[bytes]) -> bytes:
    hdlr = make_full_box(b"hdlr", 0, 0, bytes(4), meta.handler, bytes(12), b"\0")
    dinf = b""
    if meta.has_dinf:  # one self-contained entry: the data is in this file
        entry = make_full_box(b"url ", 0, 1)
        dinf = make_box(b"dinf", make_full_box(b"dref", 0, 0, struct.pack(">I", 1), entry))
    pitm = make_full_box(b"pitm", meta.pitm_version, 0, _uint(meta.primary, meta.pitm_version))
    return make_full_box(b"meta", 0, 0, hdlr, dinf, pitm, iloc, *rest)


def _meta_rest(
    view: memoryview, meta: Meta, keep: set[int], properties: list[int], idat: bytes
) -> list[bytes]:
    iinf = _iinf(meta.iinf_version, [item for item in meta.items.values() if item.id in keep])
    rest = [iinf, _iref(meta, keep), _grpl(meta, keep), _iprp(view, meta, keep, properties)]
    return [*rest, idat]


def _uint(value: int, version: int) -> bytes:
    return struct.pack(">H" if version == 0 else ">I", value)


def _iinf(version: int, items: list[Item]) -> bytes:
    entries = []
    for item in items:
        infe_version = 2 if item.id <= _U16_MAX else 3
        fields = [_uint(item.id, infe_version - 2), bytes(2), item.type, b"\0"]
        if item.type == b"mime":
            fields.append(item.content_type.encode() + b"\0")
        elif item.type == b"uri ":
            fields.append(item.uri_type.encode() + b"\0")
        entries.append(make_full_box(b"infe", infe_version, int(item.hidden), *fields))
    return make_full_box(b"iinf", version, 0, _uint(len(items), version), *entries)


def _iref(meta: Meta, keep: set[int]) -> bytes:
    boxes = []
    for ref in meta.references:
        targets = [t for t in ref.targets if t in keep]
        if ref.source in keep and targets:
            ids = b"".join(_uint(t, meta.iref_version) for t in targets)
            count = struct.pack(">H", len(targets))
            boxes.append(make_box(ref.type, _uint(ref.source, meta.iref_version), count, ids))
    return make_full_box(b"iref", meta.iref_version, 0, *boxes) if boxes else b""


def _grpl(meta: Meta, keep: set[int]) -> bytes:
    """The 'altr' groups (alternatives: an ISO 21496-1 'tmap' and the primary) among
    kept items, in their order; a group left with one entity says nothing and goes.
    Other group types (bursts, stereo pairs...) are not written: nothing kept needs them."""
    groups = []
    for group in meta.groups:
        entities = [e for e in group.entities if e in keep]
        if group.type in KEPT_GROUPS and len(entities) > 1:
            head = struct.pack(">II", group.id, len(entities))
            ids = struct.pack(f">{len(entities)}I", *entities)
            groups.append(make_full_box(group.type, 0, 0, head, ids))
    return make_box(b"grpl", *groups) if groups else b""


def _iprp(view: memoryview, meta: Meta, keep: set[int], properties: list[int]) -> bytes:
    renumber = {old: new for new, old in enumerate(properties, 1)}
    ipco = make_box(b"ipco", *(_copy(view, meta.properties[i - 1]) for i in properties))
    tables = [_ipma(table, keep, renumber) for table in meta.tables]
    return make_box(b"iprp", ipco, *tables)


def _copy(view: memoryview, box: Box) -> bytes:
    """A leaf box with a canonical header (no size 0, no needless 64-bit size)."""
    return make_box(box.type, view[box.start : box.end], usertype=box.usertype)


def _ipma(table: AssociationTable, keep: set[int], renumber: dict[int, int]) -> bytes:
    wide = table.flags & 1
    essential_bit = 0x8000 if wide else 0x80
    parts = []
    count = 0
    for item_id, assocs in table.entries:
        kept = [a for a in assocs if a.index in renumber]
        if item_id not in keep or not kept:
            continue
        count += 1
        parts.append(_uint(item_id, table.version))
        parts.append(bytes([len(kept)]))
        for a in kept:
            value = renumber[a.index] | (essential_bit if a.essential else 0)
            parts.append(value.to_bytes(2 if wide else 1, "big"))
    if not count:
        return b""
    return make_full_box(b"ipma", table.version, table.flags, struct.pack(">I", count), *parts)


def _iloc(
    version: int,
    items: list[Item],
    moved: set[int],
    in_file: _Runs,
    in_idat: _Runs,
    mdat_start: int,
    sizes: tuple[int, int],
) -> bytes:
    offset_size, length_size = sizes
    located = [item for item in items if item.extents]
    id_size = 2 if version < 2 else 4
    parts = [bytes([offset_size << 4 | length_size, 0]), len(located).to_bytes(id_size, "big")]
    for item in located:
        parts.append(item.id.to_bytes(id_size, "big"))
        if version:
            parts.append(struct.pack(">H", item.method))
        extents = [e for e in item.extents if e.length]
        parts.append(struct.pack(">HH", 0, len(extents)))  # data reference 0: this file
        for e in extents:
            if item.id in moved:  # already placed after the copied runs
                offset = mdat_start + e.offset
            elif item.method == FILE:
                offset = mdat_start + in_file.new_offset(e.offset)
            else:
                offset = in_idat.new_offset(e.offset)
            parts.append(offset.to_bytes(offset_size, "big"))
            parts.append(e.length.to_bytes(length_size, "big"))
    return make_full_box(b"iloc", version, 0, *parts)
