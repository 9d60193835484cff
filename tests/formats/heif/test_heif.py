"""HEIF/HEIC/AVIF: sniffed by brand; every metadata item, hidden picture and extra box read."""

from __future__ import annotations

import pytest

from tests.formats import heif_builder as hb
from tests.formats.heif_samples import (
    AUXILIARIES,
    FORMATS,
    PROFILE,
    TIFF,
    XMP,
    colour,
    gain_map_file,
    grey,
    heic_pair,
    metadata_items,
    plain,
    tagged,
    thumbnailed,
)
from tests.support.images import PERSON, SERIAL
from thinktwice.formats import heif

# --- sniff and identify -------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_sniff_accepts_encoder_output(fmt: str) -> None:
    assert heif.sniff(plain(fmt)[:64])


@pytest.mark.parametrize(
    "head",
    [
        b"\0\0\0\x18ftypisom\0\0\0\0isommp41",  # an MP4 video
        b"\0\0\0\x14ftypqt  \0\0\0\0qt  ",  # a QuickTime movie
        b"\xff\xd8\xff\xe0\0\x10JFIF\0",
        b"\0\0\0\x0cftyp",
    ],
)
def test_sniff_rejects_other_files(head: bytes) -> None:
    assert not heif.sniff(head)


@pytest.mark.parametrize(
    "brands, family, media_type",
    [
        ((b"heic", b"mif1", b"heic"), "heic", "image/heic"),
        ((b"mif1", b"mif1", b"heix"), "heic", "image/heic"),
        ((b"avif", b"avif", b"mif1"), "avif", "image/avif"),
        ((b"mif1", b"miaf", b"avif"), "avif", "image/avif"),
        ((b"mif1", b"mif1", b"miaf"), "heif", "image/heif"),
    ],
)
def test_brands_name_the_format(brands: tuple[bytes, ...], family: str, media_type: str) -> None:
    data = hb.build([colour().item(1)], layout=hb.Layout(brands=brands))
    assert heif.sniff(data[:64])
    found = heif.read(data)
    assert (found.format, found.media_type) == (family, media_type)


# --- read ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_read_finds_exif_xmp_and_icc(fmt: str) -> None:
    found = heif.read(tagged(fmt))
    (exif,) = found.exif
    assert exif[:4] in (b"II*\0", b"MM\0*") and SERIAL.encode() in exif
    (xmp,) = found.xmp
    assert PERSON.encode() in xmp
    assert found.icc == PROFILE
    assert (found.width, found.height) == (96, 64)


@pytest.mark.parametrize("prefix", [b"", b"Exif\0\0"])
@pytest.mark.parametrize("offset_counts_prefix", [True, False])
def test_exif_items_give_the_tiff_structure(prefix: bytes, offset_counts_prefix: bool) -> None:
    payload = hb.exif_payload(TIFF, prefix)
    if not offset_counts_prefix:  # the offset is 0 and "Exif\0\0" follows anyway
        payload = bytes(4) + prefix + TIFF
    data = hb.build([colour().item(1), hb.Item(2, b"Exif", payload)], [(b"cdsc", 2, [1])])
    assert heif.read(data).exif == [TIFF]


def test_thumbnails_are_hidden_pictures() -> None:
    found = heif.read(thumbnailed())
    assert [(p.kind, p.source) for p in found.pictures] == [("thumbnail", "HEIF item 2 (thmb)")]


@pytest.mark.parametrize("urn, kind", AUXILIARIES)
def test_auxiliary_images_are_hidden_pictures_by_type(urn: str, kind: str) -> None:
    aux = grey().item(2, hb.aux_type(urn), hidden=True)
    data = hb.build([colour().item(1), aux], [(b"auxl", 2, [1])])
    assert [(p.kind, p.source) for p in heif.read(data).pictures] == [
        (kind, f"HEIF item 2 (auxl {urn})")
    ]


@pytest.mark.parametrize(
    "urn", ["urn:mpeg:hevc:2015:auxid:1", "urn:mpeg:mpegB:cicp:systems:auxiliary:alpha"]
)
def test_alpha_planes_are_not_hidden_pictures(urn: str) -> None:
    alpha = grey().item(2, hb.aux_type(urn), hidden=True)
    data = hb.build([colour().item(1), alpha], [(b"auxl", 2, [1])])
    assert heif.read(data).pictures == []


def test_tone_map_items_are_gain_maps() -> None:
    pictures = heif.read(gain_map_file()).pictures
    assert [(p.kind, p.source) for p in pictures] == [("gain_map", "HEIF item 3 (tmap)")]


def test_unreferenced_images_are_extra_pictures() -> None:
    assert [(p.kind, p.source) for p in heif.read(heic_pair()).pictures] == [
        ("extra_image", "HEIF item 2 ('hvc1')")
    ]


@pytest.mark.parametrize("version", [0, 1])
def test_untyped_items_of_early_versions_are_mime(version: int) -> None:
    xmp = hb.Item(2, b"mime", XMP.encode(), content_type="application/rdf+xml",
                  infe_version=version)  # fmt: skip
    assert heif.read(hb.build([colour().item(1), xmp])).xmp == [XMP.encode()]


def test_other_metadata_items_are_named() -> None:
    data = hb.build([colour().item(1), *metadata_items()])
    found = heif.read(data)
    assert found.extra == ["HEIF item 2 (text/xml)", "HEIF item 3 (URI urn:example:tracking)"]
    assert [(p.kind, p.data, p.media_type) for p in found.pictures] == [
        ("extra_image", b"\xff\xd8\xff\xd9", "image/jpeg")
    ]
    assert found.xmp == [XMP.encode()]


def test_user_descriptions_are_text() -> None:
    item = colour().item(1, hb.user_description("Alice", "at home"))
    found = heif.read(hb.build([item]))
    assert [(t.key, t.value) for t in found.text] == [("name", "Alice"), ("description", "at home")]


def test_appended_bytes_that_look_like_no_box_are_a_trailer() -> None:
    appended = b"Hello, this text was appended after the image."
    data = hb.build([colour().item(1)], after=appended)
    trailer = heif.read(data).trailer
    assert trailer is not None
    assert (trailer.offset, trailer.data) == (len(data) - len(appended), appended)


def test_other_top_level_boxes_and_trailers_are_reported() -> None:
    stray = hb.box(b"uuid", bytes(16), b"vendor data") + hb.box(b"mpvd", b"video")
    data = hb.build([colour().item(1)], before_mdat=stray, after=b"\xff\xd8\xff\xe0trailing")
    found = heif.read(data)
    assert found.extra == [
        f"HEIF 'uuid' box in file ({bytes(16).hex()})",
        "HEIF 'mpvd' box in file (a motion photo video)",
    ]
    assert found.trailer is not None
    assert (found.trailer.length, found.trailer.data) == (12, b"\xff\xd8\xff\xe0trailing")
    assert found.trailer.offset == len(data) - 12
