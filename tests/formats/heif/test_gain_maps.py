"""HEIF HDR gain maps stay, cleaned: Apple's hdrgainmap auxiliary image with its
gain-map XMP, and ISO 21496-1 'tmap' items with the 'altr' entity group that offers
them as the primary's alternative; depth maps go; `drop_hdr` removes them."""

from __future__ import annotations

import struct
import subprocess
import tempfile
from pathlib import Path

import pillow_heif
import pytest

from tests.formats import heif_builder as hb
from tests.formats.heif_samples import (
    TIFF,
    XMP,
    assert_read_clean,
    colour,
    gain_map_file,
    grey,
    primary_pixels,
    tag_values,
)
from tests.support.exiftool import EXIFTOOL, identifying_tags
from tests.support.images import PERSON
from thinktwice.errors import CorruptImage
from thinktwice.formats import heif
from thinktwice.formats.verify import verify

GAIN_MAP_URN = "urn:com:apple:photo:2020:aux:hdrgainmap"
GREY_SIZE = (48, 32)  # heif_samples.grey()
DEPTH_URN = "urn:mpeg:hevc:2015:auxid:2"
# The XMP item iPhones attach to the gain map.
APPLE_XMP = (
    '<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="XMP Core 6.0.0"><rdf:RDF '
    'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" '
    'xmlns:HDRGainMap="http://ns.apple.com/HDRGainMap/1.0/">'
    "<HDRGainMap:HDRGainMapVersion>65536</HDRGainMap:HDRGainMapVersion>"
    "</rdf:Description></rdf:RDF></x:xmpmeta>"
)
# What exiftool may show of a kept gain map.
GAIN_MAP_TAGS = ("AuxiliaryImageType", "HDRGainMapVersion", "ImageSpatialExtent")


def xmp_item(item_id: int, packet: str) -> hb.Item:
    return hb.Item(item_id, b"mime", packet.encode(), content_type="application/rdf+xml")


def apple_hdr(gain_map_xmp: str = APPLE_XMP) -> bytes:
    """An iPhone-like HEIC: primary, hdrgainmap auxiliary with its XMP, a depth map, and
    identifying Exif and XMP items on the primary and on the gain map."""
    items = [
        colour().item(1),
        grey().item(2, hb.aux_type(GAIN_MAP_URN), hb.user_description(PERSON, "home"), hidden=True),
        xmp_item(3, gain_map_xmp),
        grey(seed=3).item(4, hb.aux_type(DEPTH_URN), hidden=True),
        hb.Item(5, b"Exif", hb.exif_payload(TIFF)),
        xmp_item(6, XMP),
        hb.Item(7, b"Exif", hb.exif_payload(TIFF)),
    ]
    references = [
        (b"auxl", 2, [1]), (b"cdsc", 3, [2]), (b"auxl", 4, [1]), (b"cdsc", 5, [1]),
        (b"cdsc", 6, [1]), (b"cdsc", 7, [2]),
    ]  # fmt: skip
    return hb.build(items, references)


@pytest.fixture(scope="module")
def cleaned() -> bytes:
    data = heif.strip(apple_hdr())
    verify(heif, data)
    return data


def test_the_gain_map_stays_and_pillow_heif_lists_and_decodes_it(cleaned: bytes) -> None:
    opened = pillow_heif.open_heif(cleaned)
    (gain_map_id,) = opened.info["aux"][GAIN_MAP_URN]
    assert DEPTH_URN not in opened.info["aux"] and not opened.info["depth_images"]
    aux = opened.get_aux_image(gain_map_id)
    assert aux.size == GREY_SIZE
    assert len(bytes(aux.data)) >= GREY_SIZE[0] * GREY_SIZE[1]  # decoded, one byte a pixel


def test_only_the_gain_map_and_its_version_remain(cleaned: bytes) -> None:
    found = heif.read(cleaned)
    assert [(p.kind, p.source) for p in found.pictures] == [
        ("gain_map", f"HEIF item 2 (auxl {GAIN_MAP_URN})")
    ]
    assert (found.exif, found.extra, found.text, found.trailer) == ([], [], [], None)
    assert tag_values(cleaned, "HDRGainMapVersion", "XMPToolkit") == [("HDRGainMapVersion", 65536)]
    leftovers = [t for t in identifying_tags(cleaned, ".heic") if not _gain_map_tag(t)]
    assert leftovers == []
    assert PERSON.encode() not in cleaned


def _gain_map_tag(line: str) -> bool:
    return any(f"] {name} = " in line for name in GAIN_MAP_TAGS)


def test_the_primary_pixels_are_unchanged(cleaned: bytes) -> None:
    assert primary_pixels(cleaned) == primary_pixels(apple_hdr())


def test_gain_map_xmp_holding_more_than_its_version_keeps_only_that() -> None:
    mixed = APPLE_XMP.replace(
        "</rdf:Description>",
        f'</rdf:Description><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f"<dc:creator>{PERSON}</dc:creator></rdf:Description>",
    )
    cleaned = heif.strip(apple_hdr(mixed))
    verify(heif, cleaned)
    assert [p.kind for p in heif.read(cleaned).pictures] == ["gain_map"]
    assert tag_values(cleaned, "HDRGainMapVersion", "Creator") == [("HDRGainMapVersion", 65536)]
    assert PERSON.encode() not in cleaned


def test_drop_hdr_removes_the_gain_map_too() -> None:
    dropped = heif.strip(apple_hdr(), drop_hdr=True)
    verify(heif, dropped, drop_hdr=True)
    assert_read_clean(dropped)
    assert not pillow_heif.open_heif(dropped).info["aux"]
    assert primary_pixels(dropped) == primary_pixels(apple_hdr())


def test_an_iso_tone_map_gain_map_stays_with_its_brand() -> None:
    data = gain_map_file()
    cleaned = heif.strip(data)
    verify(heif, cleaned)
    assert [(p.kind, p.source) for p in heif.read(cleaned).pictures] == [
        ("gain_map", "HEIF item 3 (tmap)")
    ]
    brands = tag_values(cleaned, "CompatibleBrands")
    assert brands == [("CompatibleBrands", ["mif1", "heic", "tmap"])]
    assert primary_pixels(cleaned) == primary_pixels(data)


def entity_groups(data: bytes) -> list[tuple[bytes, int, list[int]]]:
    """The 'grpl' entity groups as exiftool extracts the box's payload (-u -b
    -Unknown_grpl), read here apart from the engine: (type, group id, entity ids)."""
    assert EXIFTOOL
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "judged.heic"
        path.write_bytes(data)
        box = subprocess.run([EXIFTOOL, "-u", "-b", "-Unknown_grpl", str(path)],
                             capture_output=True, check=True).stdout  # fmt: skip
    groups, at = [], 0
    while at < len(box):
        size, kind, _, group_id, count = struct.unpack_from(">I4sIII", box, at)
        groups.append((kind, group_id, list(struct.unpack_from(f">{count}I", box, at + 20))))
        at += size
    return groups


ALTERNATIVES = (b"altr", 10, [3, 1])  # the tone-mapped (HDR) rendition first, as libavif writes


def test_the_tone_map_and_primary_stay_alternatives_in_their_order() -> None:
    data = gain_map_file([ALTERNATIVES])
    assert entity_groups(data) == [ALTERNATIVES]
    cleaned = heif.strip(data)
    verify(heif, cleaned)
    assert entity_groups(cleaned) == [ALTERNATIVES]
    assert [p.source for p in heif.read(cleaned).pictures] == ["HEIF item 3 (tmap)"]
    assert identifying_tags(cleaned, ".heic") == []
    assert primary_pixels(cleaned) == primary_pixels(data)  # pillow-heif still decodes it


def test_a_group_keeps_only_kept_items_and_goes_when_one_is_left() -> None:
    # Item 4 (Exif) is removed; 'ster' (a stereo pair) has nothing kept to pair.
    exif = hb.Item(4, b"Exif", hb.exif_payload(TIFF))
    groups = [(b"altr", 10, [3, 4, 1]), (b"ster", 11, [1, 4]), (b"altr", 12, [4, 1])]
    items = [colour().item(1), grey().item(2, hidden=True), exif,
             hb.Item(3, b"tmap", b"\0\0\0\0\1", in_idat=True)]  # fmt: skip
    data = hb.build(items, [(b"dimg", 3, [1, 2]), (b"cdsc", 4, [1])], groups=groups)
    cleaned = heif.strip(data)
    verify(heif, cleaned)
    assert entity_groups(cleaned) == [ALTERNATIVES]


def test_drop_hdr_removes_the_group_with_the_tone_map() -> None:
    data = gain_map_file([ALTERNATIVES])
    dropped = heif.strip(data, drop_hdr=True)
    verify(heif, dropped, drop_hdr=True)
    assert entity_groups(dropped) == [] and b"tmap" not in dropped
    assert primary_pixels(dropped) == primary_pixels(data)


def test_an_entity_group_longer_than_its_box_is_a_reason_to_refuse() -> None:
    data = gain_map_file([ALTERNATIVES])
    broken = data.replace(b"altr\0\0\0\0\0\0\0\x0a\0\0\0\x02", b"altr\0\0\0\0\0\0\0\x0a\0\0\0\x09")
    with pytest.raises(CorruptImage, match="entity group 10 lists 9 entities in 8 bytes"):
        heif.read(broken)
