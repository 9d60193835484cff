"""HEIF test samples: encoder output, exiftool-tagged files, hand-built item layouts,
and the checks the HEIF tests share."""

from __future__ import annotations

import io
from functools import cache

from PIL import Image

from tests.formats import heif_builder as hb
from tests.support.exiftool import read_tags
from tests.support.images import PERSON, encode, photo, srgb_icc, with_metadata
from thinktwice.formats import heif
from thinktwice.formats.orientation import minimal_exif

PROFILE = srgb_icc()
SUFFIX = {"heic": ".heic", "avif": ".avif"}
ENCODER = {"heic": "HEIF", "avif": "AVIF"}
FORMATS = sorted(SUFFIX)
TIFF = minimal_exif(6)
XMP = f'<x:xmpmeta xmlns:x="adobe:ns:meta/"><dc:creator>{PERSON}</dc:creator></x:xmpmeta>'


@cache
def plain(fmt: str) -> bytes:
    """A 96 x 64 photo with an ICC profile, as Pillow ("avif") or pillow-heif writes it."""
    return encode(photo(), ENCODER[fmt], quality=90, icc_profile=PROFILE)


@cache
def tagged(fmt: str) -> bytes:
    """An encoder's file with exiftool's full set of identifying EXIF and XMP tags."""
    return with_metadata(plain(fmt), SUFFIX[fmt])


@cache
def heic(size: tuple[int, int] = (96, 64), **params: object) -> bytes:
    """A photo as pillow-heif writes it with `params` (exif=, tile_size=...)."""
    return encode(photo(*size), "HEIF", quality=90, **params)


@cache
def thumbnailed() -> bytes:
    """A HEIC with a 32-pixel thumbnail item, as pillow-heif writes it."""
    return encode(photo(128, 96), "HEIF", quality=90, thumbnails=[32])


@cache
def colour() -> hb.Coded:
    """A 96 x 64 colour photo, coded as HEVC, to build files around."""
    return hb.coded(photo(), "HEIF", quality=90)


@cache
def grey(seed: int = 2) -> hb.Coded:
    """A small monochrome coded image, as auxiliary images are."""
    return hb.coded(photo(48, 32, mode="L", seed=seed), "HEIF", quality=90)


def primary_pixels(data: bytes) -> tuple[str, tuple[int, int], bytes]:
    """The primary image decoded (pillow-heif also offers other top-level images as frames)."""
    with Image.open(io.BytesIO(data)) as im:
        return im.mode, im.size, im.tobytes()


def tag_values(data: bytes, *names: str) -> list[tuple[str, object]]:
    """(name, value) of the tags exiftool reports under `names`."""
    return [(name, value) for _, name, value in read_tags(data, ".heic") if name in names]


def assert_read_clean(data: bytes) -> None:
    """read() finds nothing to report: no metadata, pictures, extras, text or trailer."""
    found = heif.read(data)
    assert (found.exif, found.xmp, found.pictures, found.extra, found.text, found.trailer) == (
        [], [], [], [], [], None,
    )  # fmt: skip


# Auxiliary image types (auxC URNs) and the kind of hidden picture each is.
AUXILIARIES = [
    ("urn:mpeg:hevc:2015:auxid:2", "depth_map"),
    ("urn:mpeg:mpegB:cicp:systems:auxiliary:depth", "depth_map"),
    ("urn:com:apple:photo:2018:aux:portraiteffectsmatte", "portrait_matte"),
    ("urn:com:apple:photo:2019:aux:semanticskinmatte", "skin_matte"),
    ("urn:com:apple:photo:2019:aux:semantichairmatte", "hair_matte"),
    ("urn:com:apple:photo:2023:aux:semanticskymatte", "sky_matte"),
    ("urn:com:apple:photo:2020:aux:semanticnewmatte", "matte"),
    ("urn:com:apple:photo:2020:aux:hdrgainmap", "gain_map"),
    ("urn:example:something:new", "extra_image"),
]


def gain_map_file(groups: list[tuple[bytes, int, list[int]]] | None = None) -> bytes:
    """An ISO 21496-1 gain map: a 'tmap' item derived from the primary and a gain image
    (with `groups`, 'grpl' entity groups: an 'altr' of the tmap and the primary, as
    libavif and libheif write it, lets a reader choose the HDR rendition)."""
    tmap = hb.Item(3, b"tmap", b"\0\0\0\0\1", in_idat=True, properties=[colour().properties[-1]])
    layout = hb.Layout(brands=(b"heic", b"mif1", b"heic", b"tmap"))
    items = [colour().item(1), grey().item(2, hidden=True), tmap]
    return hb.build(items, [(b"dimg", 3, [1, 2])], layout=layout, groups=groups)


@cache
def heic_pair() -> bytes:
    """Two independent images in one file; the first is primary."""
    return encode(photo(), "HEIF", save_all=True, append_images=[photo(seed=2)])


def metadata_items() -> list[hb.Item]:
    """Items 2-5: XML, a URI, a JPEG picture and an XMP packet, none referenced."""
    return [
        hb.Item(2, b"mime", b"<note>private</note>", content_type="text/xml"),
        hb.Item(3, b"uri ", b"\1\2\3", content_type="urn:example:tracking"),
        hb.Item(4, b"mime", b"\xff\xd8\xff\xd9", content_type="image/jpeg"),
        hb.Item(5, b"mime", XMP.encode(), content_type="application/rdf+xml"),
    ]


def grid_item() -> hb.Item:
    """Item 1: a 1 x 2 grid of 96 x 64 tiles, its description stored in 'idat'."""
    ispe = hb.full_box(b"ispe", 0, 0, (192).to_bytes(4, "big"), (64).to_bytes(4, "big"))
    return hb.Item(1, b"grid", b"\0\0\0\1\0\xc0\0\x40", [(ispe, False)], in_idat=True)
