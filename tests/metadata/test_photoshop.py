"""Photoshop image resources: embedded blocks, thumbnails, text people wrote, bounds."""

from __future__ import annotations

import struct
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.images import IPTC_METADATA, encode, photo, with_metadata
from tests.support.mutation import overwrite
from thinktwice.metadata import photoshop

from .builders import irb, jpeg_blocks, photoshop_thumbnail, unicode_string


@cache
def thumbnail_jpeg() -> bytes:
    return encode(photo(12, 8, seed=3), "JPEG")


@cache
def exiftool_irb() -> bytes:
    return jpeg_blocks(with_metadata(encode(photo(), "JPEG"), ".jpg", *IPTC_METADATA)).irb


def triples(data: photoshop.PhotoshopData) -> set[tuple[str, str, object]]:
    return {(t.group, t.name, t.value) for t in data.tags}


def test_exiftool_written_irb_hands_back_its_iptc_stream() -> None:
    data = photoshop.decode(exiftool_irb())
    (stream,) = data.iptc
    assert b"Vanves" in stream
    assert data.problems == []


@pytest.mark.parametrize("rid", [0x040C, 0x0409])
def test_thumbnail_resources_are_jpeg_pictures(rid: int) -> None:
    data = photoshop.decode(irb((rid, photoshop_thumbnail(thumbnail_jpeg()))))
    assert [(p.kind, p.source, p.data, p.media_type) for p in data.pictures] == [
        ("thumbnail", "Photoshop", thumbnail_jpeg(), "image/jpeg")
    ]


def test_raw_pixel_thumbnails_are_pictures_without_data() -> None:
    data = photoshop.decode(irb((0x040C, photoshop_thumbnail(b"\x80" * 192, fmt=0))))
    assert [(p.kind, p.data) for p in data.pictures] == [("thumbnail", None)]


@pytest.mark.parametrize(
    ("rid", "block", "name", "value"),
    [
        (0x040B, b"https://example.com/alice\0", "URL", "https://example.com/alice"),
        (0x040A, b"\x01", "CopyrightFlag", 1),
        (0x03F0, b"\x08Our flat", "PStringCaption", "Our flat"),
        (0x0BB7, b"\x06Alice!" + bytes(6), "ClippingPathName", "Alice!"),
        (0x041B, unicode_string("https://flow.example"), "WorkflowURL", "https://flow.example"),
        (
            0x043E,
            unicode_string("C:\\Users\\alice\\AppData\\Temp\\x.psb"),
            "AutoSaveFilePath",
            "C:\\Users\\alice\\AppData\\Temp\\x.psb",
        ),
        (
            0x041E,
            struct.pack(">I", 2)
            + bytes(8) + unicode_string("https://a.example")
            + bytes(8) + unicode_string("https://b.example"),
            "URL_List",
            ("https://a.example", "https://b.example"),
        ),
        (0x041A, bytes(20) + unicode_string("IMG_2041") + bytes(4), "SlicesGroupName", "IMG_2041"),
        (
            0x0421,
            struct.pack(">IB", 1, 1) + unicode_string("Adobe Photoshop")
            + unicode_string("Adobe Photoshop 2024") + struct.pack(">I", 1),
            "WriterName",
            "Adobe Photoshop",
        ),
    ],
)  # fmt: skip
def test_resources_with_text_become_tags(rid: int, block: bytes, name: str, value: object) -> None:
    assert ("Photoshop", name, value) in triples(photoshop.decode(irb((rid, block))))


def test_version_info_names_the_reader_too() -> None:
    block = (
        struct.pack(">IB", 1, 1)
        + unicode_string("Adobe Photoshop")
        + unicode_string("Adobe Photoshop 2024")
    )
    assert ("Photoshop", "ReaderName", "Adobe Photoshop 2024") in triples(
        photoshop.decode(irb((0x0421, block)))
    )


def test_embedded_blocks_are_handed_back() -> None:
    data = photoshop.decode(
        irb((0x0404, b"\x1c\x02\x5a\x00\x01x"), (0x0422, b"MM\0*tiff"), (0x0424, b"<x:xmpmeta/>"))
    )
    assert (data.iptc, data.exif, data.xmp) == (
        [b"\x1c\x02\x5a\x00\x01x"],
        [b"MM\0*tiff"],
        [b"<x:xmpmeta/>"],
    )
    assert data.tags == []


@pytest.mark.parametrize("name", [b"", b"a", b"ab", b"Thumbnail"])
@pytest.mark.parametrize("signature", [b"8BIM", b"MeSa", b"PHUT", b"AgHg", b"DCSR", b"8B64"])
def test_names_and_signatures_are_walked_past(name: bytes, signature: bytes) -> None:
    blocks = irb((0x040B, b"odd\0"), (0x040B, b"url\0"), name=name, signature=signature)
    assert [t.value for t in photoshop.decode(blocks).tags] == ["odd", "url"]


def test_photoshop_header_is_tolerated() -> None:
    blocks = irb((0x040B, b"url\0"))
    assert photoshop.decode(b"Photoshop 3.0\0" + blocks).tags == photoshop.decode(blocks).tags


def test_uninteresting_resources_are_skipped_silently() -> None:
    data = photoshop.decode(irb((0x03ED, bytes(16)), (0x0425, bytes(16)), (0x040B, b"u\0")))
    assert triples(data) == {("Photoshop", "URL", "u")}
    assert data.problems == []


def test_zero_padding_after_the_last_resource_is_not_a_problem() -> None:
    assert photoshop.decode(irb((0x040B, b"u\0")) + bytes(7)).problems == []


@pytest.mark.parametrize(
    ("tail", "reason"),
    [
        (b"8BIM\x04\x0b\0\0" + struct.pack(">I", 500) + b"short", "claims 500 bytes, 5 left"),
        (b"8BIM\x04\x0b\xff", "stray bytes"),
        (b"8BIM\x04\x0b\xf0" + bytes(10), "cut short"),
        (b"JUNKJUNKJUNKJUNK", "no resource signature"),
    ],
)
def test_broken_resources_are_problems_and_earlier_ones_stay(tail: bytes, reason: str) -> None:
    data = photoshop.decode(irb((0x040B, b"kept\0")) + tail)
    assert triples(data) == {("Photoshop", "URL", "kept")}
    assert reason in data.problems[0]


@pytest.mark.parametrize(
    "block", [b"", struct.pack(">I", 1000), struct.pack(">I", 1) + bytes(8) + b"\0\0\0\x32ab"]
)
def test_short_unicode_strings_give_nothing(block: bytes) -> None:
    assert photoshop.decode(irb((0x041B, block), (0x041E, block))).tags == []


@settings(max_examples=300, deadline=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_random_bytes_never_raise(data: bytes) -> None:
    photoshop.decode(data)
    photoshop.decode(b"8BIM" + data)


@settings(max_examples=300, deadline=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), min_size=1, max_size=8))
def test_mutated_irbs_never_raise(mutations: list[tuple[int, int]]) -> None:
    blocks = overwrite(
        irb(
            (0x0421, struct.pack(">IB", 1, 1) + unicode_string("Writer") + unicode_string("R")),
            (0x041E, struct.pack(">I", 1) + bytes(8) + unicode_string("https://a.example")),
            (0x040C, photoshop_thumbnail(thumbnail_jpeg())),
            (0x041A, bytes(20) + unicode_string("slices")),
        ),
        mutations,
    )
    photoshop.decode(blocks)
