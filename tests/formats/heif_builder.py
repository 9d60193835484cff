"""HEIF files built item by item, for the cases encoders do not write.

Coded images come from a real encoder (pillow-heif or Pillow's AVIF): `coded()`
takes the primary item's bytes and property boxes out of an encoded file, and
`build()` writes them, with any further items, references, properties and
top-level boxes, in the box versions and field sizes a test asks for. The writer
here is independent of the one under test.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

from PIL import Image

from tests.support.images import encode
from thinktwice.formats.heif.boxes import parse
from thinktwice.formats.heif.items import parse_meta
from thinktwice.structure.boxes import iter_boxes

Property = tuple[bytes, bool]  # (whole property box, essential)


def box(box_type: bytes, *parts: bytes) -> bytes:
    payload = b"".join(parts)
    return struct.pack(">I4s", 8 + len(payload), box_type) + payload


def full_box(box_type: bytes, version: int, flags: int, *parts: bytes) -> bytes:
    return box(box_type, struct.pack(">I", version << 24 | flags), *parts)


def aux_type(urn: str) -> Property:
    """An 'auxC' property naming the auxiliary image type."""
    return full_box(b"auxC", 0, 0, urn.encode() + b"\0"), True


def user_description(name: str, description: str) -> Property:
    """A 'udes' property: language, name, description, tags (free text)."""
    text = b"".join(s.encode() + b"\0" for s in ("en", name, description, ""))
    return full_box(b"udes", 0, 0, text), False


@dataclass
class Item:
    """An item to write: its bytes, properties, and how to store them."""

    id: int
    type: bytes
    data: bytes = b""
    properties: list[Property] = field(default_factory=list)
    content_type: str = ""
    hidden: bool = False
    in_idat: bool = False
    extents: int = 1  # split into this many extents, stored last first
    infe_version: int | None = None  # None: the layout's


@dataclass(frozen=True)
class Coded:
    """One coded image: its type, bytes and properties, as an encoder wrote them."""

    type: bytes
    data: bytes
    properties: list[Property]

    def item(self, item_id: int, *extra: Property, **options: object) -> Item:
        return Item(item_id, self.type, self.data, [*self.properties, *extra], **options)


def coded(image: Image.Image, fmt: str = "HEIF", **params: object) -> Coded:
    """The primary image of `image` encoded by Pillow/pillow-heif in `fmt`."""
    data = encode(image, fmt, **params)
    top = list(iter_boxes(data, 0, len(data), "HEIF", "file"))
    (meta_box,) = parse(data, *next((b.offset, b.end) for b in top if b.type == b"meta"), "HEIF")
    meta = parse_meta(data, meta_box)
    item = meta.items[meta.primary]
    props = [
        (bytes(data[p.offset : p.end]), a.essential)
        for a, p in zip(meta.associations(item.id), meta.item_properties(item.id), strict=True)
    ]
    return Coded(item.type, meta.item_data(data, item), props)


def exif_payload(tiff: bytes, prefix: bytes = b"") -> bytes:
    """An Exif item's bytes: offset to the TIFF header, then `prefix`, then TIFF."""
    return struct.pack(">I", len(prefix)) + prefix + tiff


@dataclass
class Layout:
    """Box versions and field sizes: the ways a valid file may spell the same thing."""

    brands: tuple[bytes, ...] = (b"heic", b"mif1", b"heic")
    iloc_version: int = 1
    offset_size: int = 4
    length_size: int = 4
    base_offset_size: int = 0
    zero_length_last: bool = False  # the last extent says length 0: "to the end"
    infe_version: int = 2
    iref_version: int = 0
    ipma_version: int = 0
    ipma_flags: int = 0
    mdat_largesize: bool = False
    mdat_size_zero: bool = False
    dref_flags: tuple[int, ...] = ()  # a 'dinf' with these 'url ' entries (1: this file)
    data_reference: int = 0


def build(
    items: list[Item],
    references: list[tuple[bytes, int, list[int]]] | None = None,
    *,
    primary: int = 1,
    layout: Layout | None = None,
    before_mdat: bytes = b"",
    after: bytes = b"",
    groups: list[tuple[bytes, int, list[int]]] | None = None,
) -> bytes:
    """A HEIF file: ftyp, meta, `before_mdat` boxes, mdat, then `after` (boxes or junk).
    `groups` are (type, group id, entity ids) for a 'grpl' box."""
    lay = layout or Layout()
    ftyp = box(b"ftyp", lay.brands[0], bytes(4), *lay.brands[1:])
    properties: list[bytes] = []
    for item in items:
        for prop, _ in item.properties:
            if prop not in properties:
                properties.append(prop)
    file_chunks, idat_chunks = _chunks(items, in_idat=False), _chunks(items, in_idat=True)
    idat = b"".join(data for _, _, data in idat_chunks)

    def meta(mdat_start: int) -> bytes:
        return full_box(
            b"meta", 0, 0,
            full_box(b"hdlr", 0, 0, bytes(4), b"pict", bytes(12), b"\0"),
            _dinf(lay),
            full_box(b"pitm", 0, 0, struct.pack(">H", primary)),
            _iloc(items, file_chunks, idat_chunks, mdat_start, lay),
            _iinf(items, lay),
            _iref(references or [], lay),
            grpl(groups or []),
            _iprp(items, properties, lay),
            box(b"idat", idat) if idat else b"",
        )  # fmt: skip

    mdat_payload = b"".join(data for _, _, data in file_chunks)
    header = 16 if lay.mdat_largesize else 8
    start = len(ftyp) + len(meta(0)) + len(before_mdat) + header
    if lay.mdat_largesize:
        mdat = struct.pack(">I4sQ", 1, b"mdat", 16 + len(mdat_payload)) + mdat_payload
    elif lay.mdat_size_zero:
        mdat = struct.pack(">I4s", 0, b"mdat") + mdat_payload
    else:
        mdat = box(b"mdat", mdat_payload)
    return ftyp + meta(start) + before_mdat + mdat + after


def grpl(groups: list[tuple[bytes, int, list[int]]]) -> bytes:
    """A 'grpl' box of entity groups ('altr'...): (type, group id, entity ids) each."""
    if not groups:
        return b""
    return box(b"grpl", *(
        full_box(kind, 0, 0, struct.pack(f">II{len(ids)}I", group_id, len(ids), *ids))
        for kind, group_id, ids in groups
    ))  # fmt: skip


def _chunks(items: list[Item], in_idat: bool) -> list[tuple[int, int, bytes]]:
    """(item id, extent index, bytes) in storage order: each item's extents last first."""
    out = []
    for item in items:
        if item.in_idat != in_idat or not item.data:
            continue
        n = item.extents
        step = -(-len(item.data) // n)
        pieces = [item.data[i * step : (i + 1) * step] for i in range(n)]
        out.extend((item.id, i, pieces[i]) for i in reversed(range(n)))
    return out


def _iloc(
    items: list[Item],
    file_chunks: list[tuple[int, int, bytes]],
    idat_chunks: list[tuple[int, int, bytes]],
    mdat_start: int,
    lay: Layout,
) -> bytes:
    where: dict[tuple[int, int], tuple[int, int]] = {}
    for chunks, start in ((file_chunks, mdat_start), (idat_chunks, 0)):
        pos = start
        for item_id, index, data in chunks:
            where[item_id, index] = pos, len(data)
            pos += len(data)
    id_size = 2 if lay.iloc_version < 2 else 4
    base_size = lay.base_offset_size
    parts = [
        bytes([lay.offset_size << 4 | lay.length_size, base_size << 4]),
        len([i for i in items if i.data]).to_bytes(id_size, "big"),
    ]
    for item in items:
        if not item.data:
            continue
        parts.append(item.id.to_bytes(id_size, "big"))
        if lay.iloc_version:
            parts.append(struct.pack(">H", 1 if item.in_idat else 0))
        # With a base offset, extents count from the first one's position.
        base = min(where[item.id, i][0] for i in range(item.extents)) if base_size else 0
        parts.append(struct.pack(">H", lay.data_reference) + base.to_bytes(base_size, "big"))
        parts.append(struct.pack(">H", item.extents))
        for i in range(item.extents):
            offset, length = where[item.id, i]
            last_in_file = (offset + length) == mdat_start + sum(len(c[2]) for c in file_chunks)
            if lay.zero_length_last and not item.in_idat and last_in_file:
                length = 0
            parts.append((offset - base).to_bytes(lay.offset_size, "big"))
            parts.append(length.to_bytes(lay.length_size, "big"))
    return full_box(b"iloc", lay.iloc_version, 0, *parts)


def _dinf(lay: Layout) -> bytes:
    if not lay.dref_flags:
        return b""
    entries = [
        full_box(b"url ", 0, flags, b"" if flags & 1 else b"https://example.com/elsewhere\0")
        for flags in lay.dref_flags
    ]
    return box(b"dinf", full_box(b"dref", 0, 0, struct.pack(">I", len(entries)), *entries))


def _iinf(items: list[Item], lay: Layout) -> bytes:
    entries = []
    for item in items:
        version = lay.infe_version if item.infe_version is None else item.infe_version
        content = item.content_type.encode() + b"\0"
        if version < 2:  # no item type: id, protection, name, content type, encoding
            fields = [struct.pack(">HH", item.id, 0), b"\0", content, b"\0"]
        else:
            item_id = item.id.to_bytes(2 if version == 2 else 4, "big")
            fields = [item_id, bytes(2), item.type, b"\0"]
            if item.type in (b"mime", b"uri "):
                fields.append(content)
        entries.append(full_box(b"infe", version, int(item.hidden), *fields))
    return full_box(b"iinf", 0, 0, struct.pack(">H", len(items)), *entries)


def _iref(references: list[tuple[bytes, int, list[int]]], lay: Layout) -> bytes:
    if not references:
        return b""
    size = 2 if lay.iref_version == 0 else 4
    boxes = [
        box(kind, source.to_bytes(size, "big"), struct.pack(">H", len(targets)),
            *(t.to_bytes(size, "big") for t in targets))
        for kind, source, targets in references
    ]  # fmt: skip
    return full_box(b"iref", lay.iref_version, 0, *boxes)


def _iprp(items: list[Item], properties: list[bytes], lay: Layout) -> bytes:
    wide = lay.ipma_flags & 1
    entries = []
    for item in items:
        if not item.properties:
            continue
        assocs = []
        for prop, essential in item.properties:
            index = properties.index(prop) + 1
            flag = (0x8000 if wide else 0x80) if essential else 0
            assocs.append((index | flag).to_bytes(2 if wide else 1, "big"))
        item_id = item.id.to_bytes(2 if lay.ipma_version == 0 else 4, "big")
        entries.append(item_id + bytes([len(assocs)]) + b"".join(assocs))
    ipma = full_box(
        b"ipma", lay.ipma_version, lay.ipma_flags, struct.pack(">I", len(entries)), *entries
    )
    return box(b"iprp", box(b"ipco", *properties), ipma)
