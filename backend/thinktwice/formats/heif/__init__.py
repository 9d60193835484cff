"""HEIF, HEIC and AVIF stills (ISO/IEC 23008-12 on the ISO base media file format).

Layout: top-level boxes ``ftyp`` (brands), ``meta`` (the item model: see
items.py) and ``mdat`` (item bytes), sometimes ``free``/``skip`` padding,
``uuid`` boxes (C2PA, XMP), a ``moov`` (an image sequence or video) or Samsung's
``mpvd`` (a motion photo's video) and ``sefd`` (its SEF blocks: capture time,
network country). Exif and XMP are items like the image itself,
linked to it by 'cdsc' references; thumbnails, depth maps, portrait mattes and HDR
gain maps are further image items.

Strip keeps the primary image and what it needs to render (grid tiles, alpha plane,
colour profile, rotation and mirroring in 'irot'/'imir' — HEIF viewers ignore EXIF
orientation, so no EXIF is kept —, clean aperture, codec configuration), and writes
ftyp, a rebuilt meta and one mdat holding only those items' bytes: every other item,
property and top-level box is gone (roles.py makes the choice, checks.py
refuses files whose kept images would not render as before, write.py writes).
HDR gain maps stay (Apple's 'auxl' hdrgainmap image, its XMP item rewritten with
the gain-map properties alone, ISO 21496-1 'tmap' images with the 'altr' entity
group in 'grpl' that offers them as the primary's alternative), unless `drop_hdr`.
Sequences ('moov' with a sequence brand) are refused rather than flattened, since
their frames would be lost; a stray 'moov' beside a still is dropped.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from ...errors import CorruptImage, UnsupportedFormat
from ...records import Container, Picture, TextEntry, Trailer
from ...structure.boxes import Box, Fields, is_box_type, read_header
from .. import declared
from ..appended import attach, clip_of, hold
from ..jumbf import C2PA_UUID, bmff_store
from ..orientation import exif_tiff
from ..sniff import HEIF_BRANDS, ftyp_brands
from . import roles
from .boxes import FMT, parse
from .checks import IMAGE_TYPES
from .items import Item, Meta, parse_meta
from .roles import XMP_TYPES
from .write import rebuild

NAME = "heif"

KINDS, sniff = declared(NAME)  # written once, in the registry (formats/__init__.py)
MEDIA_TYPES = {kind.name: kind.media_type for kind in KINDS}
SEQUENCE_BRANDS = frozenset({b"msf1", b"hevc", b"hevx", b"avis"})

# Top-level boxes a HEIF file may hold; a box of another type that does not fit in
# the file is taken as appended bytes (a trailer) rather than a truncated box.
TOP_LEVEL: dict[bytes, str] = {
    b"ftyp": "", b"meta": "", b"mdat": "", b"free": "padding", b"skip": "padding",
    b"uuid": "", b"moov": "an image sequence or video", b"mpvd": "a motion photo video",
    b"moof": "a video fragment", b"mfra": "a video fragment index", b"sidx": "a segment index",
    b"styp": "a segment type", b"pdin": "download hints", b"meco": "additional metadata",
    b"jumb": "a JUMBF (C2PA) manifest", b"wide": "padding",
}  # fmt: skip
UUIDS: dict[bytes, str] = {
    bytes.fromhex("be7acfcb97a942e89c71999491e3afac"): "XMP",
    C2PA_UUID: "a C2PA manifest",
}
TRAILER_PREFIX = 1 << 16
MAX_TOP_LEVEL = 1 << 12


@dataclass(slots=True)
class _File:
    ftyp: Box
    brands: list[bytes]
    meta: Meta
    others: list[Box]
    trailer_at: int | None


def read(data: bytes) -> Container:
    """Every metadata item, hidden picture and extra box of a HEIF file."""
    file = _load(data)
    meta = file.meta
    family = _family(file.brands)
    keep = roles.needed_items(data, meta)
    width, height = _size(data, meta)
    container = Container(
        format=family,
        media_type=MEDIA_TYPES[family],
        width=width,
        height=height,
        icc=_icc(data, meta, keep),
    )
    for item in meta.items.values():
        if item.id not in keep:
            _report_item(data, meta, item, container)
    container.pictures.extend(roles.hidden_pictures(data, meta, keep))
    for index in roles.dropped_properties(meta, roles.kept_properties(meta, keep)):
        _report_property(data, meta.properties[index - 1], container)
    for box in meta.others:
        _report_box(data, box, "meta", container)
    for box in file.others:
        _report_box(data, box, "file", container)
    if file.trailer_at is not None:
        at = file.trailer_at
        prefix = bytes(data[at : at + TRAILER_PREFIX])
        container.trailer = attach(data, Trailer(at, len(data) - at, prefix), container)
    return container


def strip(data: bytes, *, drop_hdr: bool = False) -> bytes:
    """The file rebuilt with only the primary image and what it needs to render, and
    its HDR gain maps (with their gain-map XMP) unless `drop_hdr`."""
    file = _load(data)
    if SEQUENCE_BRANDS.intersection(file.brands) and any(b.type == b"moov" for b in file.others):
        raise UnsupportedFormat(
            "a HEIF image sequence",
            "HEIF/AVIF image sequences (animations) are not supported: cleaning would "
            "lose their frames.",
        )
    keep = roles.needed_items(data, file.meta)
    rewritten: dict[int, bytes] = {}
    if not drop_hdr:
        gain_maps = roles.gain_map_items(data, file.meta, keep)
        rewritten = roles.gain_map_xmp(data, file.meta, gain_maps)
        keep |= gain_maps | set(rewritten)
    properties = roles.kept_properties(file.meta, keep)
    return rebuild(data, file.ftyp, file.meta, keep, properties, rewritten)


def _load(data: bytes) -> _File:
    boxes, trailer_at = _top_level(data)
    if not boxes or boxes[0].type != b"ftyp":
        raise CorruptImage(FMT, "the file does not start with an 'ftyp' box")
    ftyp = boxes[0]
    if ftyp.end - ftyp.start < 8:
        raise CorruptImage(FMT, f"'ftyp' is {ftyp.size} bytes, too short for its brands")
    brands = ftyp_brands(bytes(data[ftyp.start : ftyp.end]))
    metas = [box for box in boxes if box.type == b"meta"]
    if not metas:
        if any(box.type == b"moov" for box in boxes):
            raise UnsupportedFormat(
                "a HEIF image sequence",
                "This HEIF/AVIF file is an image sequence without a still image; "
                "sequences are not supported.",
            )
        raise CorruptImage(FMT, "the file has no 'meta' box")
    (meta_box,) = parse(data, metas[0].offset, metas[0].end, FMT)
    meta = parse_meta(data, meta_box)
    if meta.handler != b"pict":
        raise CorruptImage(
            FMT,
            f"'meta' at byte {meta_box.offset} has handler "
            f"{meta.handler.decode('latin-1')!r}, not 'pict'",
        )
    others = [
        box for box in boxes[1:] if box.type not in (b"mdat", b"ftyp") and box is not metas[0]
    ]
    return _File(ftyp, brands, meta, others, trailer_at)


def _top_level(data: bytes) -> tuple[list[Box], int | None]:
    """The top-level boxes, and where trailing bytes that form no box begin."""
    boxes: list[Box] = []
    pos, end = 0, len(data)
    while pos < end:
        box_type = bytes(data[pos + 4 : pos + 8])
        if end - pos < 8 or not is_box_type(box_type) or (pos and box_type == b"ftyp"):
            return boxes, pos  # not a box (or a second file appended): a trailer
        (size,) = struct.unpack_from(">I", data, pos)
        if size == 1 and end - pos >= 16:
            (size,) = struct.unpack_from(">Q", data, pos + 8)
        fits = size == 0 or 8 <= size <= end - pos
        if not fits and box_type not in TOP_LEVEL:
            return boxes, pos
        box = read_header(data, pos, end, FMT, "the file")
        boxes.append(box)
        if len(boxes) > MAX_TOP_LEVEL:
            raise CorruptImage(FMT, f"more than {MAX_TOP_LEVEL} top-level boxes")
        pos = box.end
    return boxes, None


def _family(brands: list[bytes]) -> str:
    """heic or avif when a brand says which codec; heif otherwise."""
    for brand in brands:
        if HEIF_BRANDS.get(brand) in ("heic", "avif"):
            return HEIF_BRANDS[brand]
    return "heif"


def _size(data: bytes, meta: Meta) -> tuple[int | None, int | None]:
    """The primary image's size from its 'ispe' (a grid's own ispe for grids)."""
    for box in meta.item_properties(meta.primary):
        if box.type == b"ispe":
            fields = Fields(data, box, FMT)
            fields.version_flags()
            return fields.uint(4), fields.uint(4)
    return None, None


def _icc(data: bytes, meta: Meta, keep: set[int]) -> bytes | None:
    """The ICC profile of the primary item, or of a kept item it is built from."""
    for item_id in (meta.primary, *sorted(keep - {meta.primary})):
        for box in meta.item_properties(item_id):
            if box.type == b"colr" and bytes(data[box.start : box.start + 4]) in (b"prof", b"rICC"):
                return bytes(data[box.start + 4 : box.end])
    return None


def _report_item(data: bytes, meta: Meta, item: Item, container: Container) -> None:
    """Files an item strip removes under exif, xmp, pictures or extra."""
    if item.type == b"Exif":
        payload = meta.item_data(data, item)
        tiff = _exif_tiff(payload, item)
        if tiff is not None:
            container.exif.append(tiff)
        elif payload:
            container.extra.append(f"HEIF {item.label} without a TIFF header")
    elif item.type == b"mime" and item.content_type in XMP_TYPES:
        container.xmp.append(meta.item_data(data, item))
    elif item.type == b"mime" and item.content_type.startswith("image/"):
        container.pictures.append(
            Picture(
                "extra_image",
                f"HEIF item {item.id} ({item.content_type})",
                meta.item_data(data, item),
                item.content_type,
            )
        )
    elif item.type == b"mime":
        container.extra.append(f"HEIF item {item.id} ({item.content_type or 'MIME data'})")
    elif item.type == b"uri ":
        container.extra.append(f"HEIF item {item.id} (URI {item.uri_type})")
    elif item.type not in IMAGE_TYPES:
        container.extra.append(f"HEIF {item.label}")


def _exif_tiff(payload: bytes, item: Item) -> bytes | None:
    """The TIFF structure in an Exif item: after a 4-byte offset and any "Exif\\0\\0"."""
    if not payload:
        return None
    if len(payload) < 4:
        raise CorruptImage(FMT, f"{item.label} holds {len(payload)} bytes, too few for its header")
    start = 4 + int.from_bytes(payload[:4], "big")
    if start > len(payload):
        raise CorruptImage(
            FMT, f"{item.label} puts its TIFF header at byte {start} of {len(payload)}"
        )
    return exif_tiff(payload[start:])


def _report_property(data: bytes, box: Box, container: Container) -> None:
    if box.type == b"udes":  # language, name, description, tags: free text by the user
        fields = Fields(data, box, FMT)
        fields.version_flags()
        fields.cstring()
        for key in ("name", "description", "tags"):
            value = fields.cstring().decode("utf-8", "replace")
            if value:
                container.text.append(TextEntry("HEIF udes property", key, value))
        return
    what = roles.METADATA_PROPERTIES.get(box.type, "unknown")
    container.extra.append(f"HEIF {box.name!r} property ({what})")


def _report_box(data: bytes, box: Box, where: str, container: Container) -> None:
    payload = memoryview(data)[box.start : box.end]
    if box.type == b"uuid" and UUIDS.get(box.usertype or b"") == "XMP":
        container.xmp.append(bytes(payload))
    elif box.type in (b"xml ", b"bxml") and b"xmpmeta" in bytes(payload):
        container.xmp.append(bytes(payload[4:]))
    elif box.type == b"uuid":
        if box.usertype == C2PA_UUID:
            store = bmff_store(bytes(payload))
            if store is not None:
                container.credentials.append(store)
        what = UUIDS.get(box.usertype or b"", (box.usertype or b"").hex())
        container.extra.append(f"HEIF 'uuid' box in {where} ({what})")
    elif box.type == b"mpvd":  # Samsung's motion photo: the clip is the payload
        container.clips.append(clip_of(payload, "HEIF 'mpvd' box"))
        container.extra.append(f"HEIF {box.name!r} box in {where} ({TOP_LEVEL[box.type]})")
    elif box.type == b"sefd":  # Samsung's SEF trailer, kept in a box of its own
        hold(bytes(payload), container)
        container.extra.append(f"HEIF {box.name!r} box in {where} (Samsung camera data)")
    elif TOP_LEVEL.get(box.type) == "padding" and not any(payload):
        return  # blank padding reveals nothing
    else:
        what = TOP_LEVEL.get(box.type) or f"{box.size} bytes"
        container.extra.append(f"HEIF {box.name!r} box in {where} ({what})")
