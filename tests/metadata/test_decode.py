"""decode(container): every block through its decoder, nested blocks included, never failing."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.images import (
    EMAIL,
    FULL_METADATA,
    IPTC_METADATA,
    PERSON,
    SERIAL,
    encode,
    photo,
    with_thumbnail,
)
from thinktwice.metadata.decode import decode
from thinktwice.metadata.trailer import read_trailer
from thinktwice.models import Metadata
from thinktwice.records import Container, Picture, TextEntry, Trailer

from .builders import ascii_entry, dataset, exif_with, irb, jpeg_blocks, photoshop_thumbnail

NESTED_XMP = (
    b"<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF"
    b" xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description"
    b" xmlns:xmp='http://ns.adobe.com/xap/1.0/' xmp:Label='from Photoshop'/>"
    b"</rdf:RDF></x:xmpmeta>"
)


@cache
def thumbnail_jpeg() -> bytes:
    return encode(photo(16, 12, seed=5), "JPEG")


@cache
def camera_jpeg() -> bytes:
    return with_thumbnail(encode(photo(), "JPEG"), thumbnail_jpeg(), *FULL_METADATA, *IPTC_METADATA)


def full_container() -> Container:
    """What a JPEG format module hands over for a heavily tagged photo."""
    blocks = jpeg_blocks(camera_jpeg())
    extra_irb = irb(
        (0x040C, photoshop_thumbnail(thumbnail_jpeg())),
        (0x040B, b"https://example.com/alice\0"),
        (0x0422, exif_with([ascii_entry(0x013B, "Nested Artist")], order=b"MM")),
        (0x0424, NESTED_XMP),
    )
    return Container(
        format="jpeg",
        media_type="image/jpeg",
        exif=[blocks.exif],
        xmp=[blocks.xmp],
        iptc=[blocks.iptc],
        photoshop=[blocks.irb, extra_irb],
        text=[TextEntry("JPEG COM", "Comment", "shot by Alice")],
        pictures=[Picture("extra_image", "MPF", None)],
        trailer=Trailer(offset=1000, length=3, data=b"abc"),
        extra=["APP12 Ducky"],
    )


@cache
def full_metadata() -> Metadata:
    return decode(full_container())


@pytest.mark.parametrize(
    ("group", "name", "value"),
    [
        ("IFD0", "Artist", PERSON),
        ("IFD0", "Make", "Apple"),
        ("ExifIFD", "SerialNumber", SERIAL),
        ("ExifIFD", "OffsetTimeOriginal", "+01:00"),
        ("GPS", "GPSLatitudeRef", "N"),
        ("XMP-dc", "Creator", (PERSON,)),
        ("XMP-iptcCore", "CreatorContactInfoCiEmailWork", EMAIL),
        ("XMP-xmpMM", "HistorySoftwareAgent", ("Adobe Photoshop 25.0 (Windows)",)),
        ("IPTC", "By-line", PERSON),
        ("IPTC", "City", "Vanves"),
        ("Photoshop", "URL", "https://example.com/alice"),
        ("IFD0", "Artist", "Nested Artist"),  # EXIF inside the Photoshop block
        ("XMP-xmp", "Label", "from Photoshop"),  # XMP inside the Photoshop block
    ],
)
def test_every_block_is_decoded(group: str, name: str, value: object) -> None:
    assert (group, name, value) in {(t.group, t.name, t.value) for t in full_metadata().tags}


def test_a_block_listed_twice_is_decoded_once() -> None:
    # The IPTC stream is both in container.iptc and inside the Photoshop block.
    assert [t.value for t in full_metadata().tags if t.name == "By-line"] == [PERSON]


def test_pictures_come_from_the_container_exif_and_photoshop() -> None:
    found = {(p.kind, p.source, p.data) for p in full_metadata().pictures}
    assert found == {
        ("extra_image", "MPF", None),
        ("thumbnail", "EXIF IFD1", thumbnail_jpeg()),
        ("thumbnail", "Photoshop", thumbnail_jpeg()),
    }


def test_a_thumbnail_the_container_already_listed_is_not_listed_twice() -> None:
    container = full_container()
    container.pictures.append(Picture("thumbnail", "EXIF IFD1", thumbnail_jpeg(), "image/jpeg"))
    sources = [p.source for p in decode(container).pictures]
    assert sources.count("EXIF IFD1") == 1


def test_text_and_extra_are_copied_and_the_trailer_decoded() -> None:
    container, meta = full_container(), full_metadata()
    assert (meta.format, meta.text, meta.extra) == ("jpeg", container.text, container.extra)
    assert container.trailer is not None
    assert meta.trailer == read_trailer(container.trailer)


def test_a_heavily_tagged_photo_decodes_without_problems() -> None:
    assert full_metadata().problems == []


def test_broken_blocks_are_problems_and_good_blocks_still_decode() -> None:
    blocks = jpeg_blocks(camera_jpeg())
    meta = decode(
        Container(
            format="jpeg",
            media_type="image/jpeg",
            exif=[b"II*\0\xff\xff\xff\xff", blocks.exif],
            xmp=[b"<x:xmpmeta><rdf:RDF>", b"<!DOCTYPE x [<!ENTITY a 'b'>]><x/>"],
            iptc=[b"\x1c\x02\x5a\x00\x50cut"],
            photoshop=[b"8BIM\x04\x0b\0\0\xff\xff\xff\xff"],
        )
    )
    assert ("IFD0", "Artist", PERSON) in {(t.group, t.name, t.value) for t in meta.tags}
    assert [p.split(" ", 1)[0] for p in meta.problems] == [
        "EXIF",
        "XMP",
        "XMP",
        "IPTC:",
        "Photoshop:",
    ]


def test_blocks_a_tiff_file_holds_as_tags_are_not_decoded_twice() -> None:
    tiff = exif_with(
        [(0x013B, 2, 6, b"Alice\0"), (0x02BC, 1, len(NESTED_XMP), NESTED_XMP)], order=b"MM"
    )
    meta = decode(Container(format="tiff", media_type="image/tiff", exif=[tiff], xmp=[NESTED_XMP]))
    assert [(t.group, t.name) for t in meta.tags] == [("IFD0", "Artist"), ("XMP-xmp", "Label")]


def test_xmp_iptc_and_photoshop_stored_as_exif_tags_are_decoded() -> None:
    iptc_stream, resources = dataset(2, 80, b"Alice"), irb((0x040B, b"u\0"))
    tiff = exif_with(
        [
            (0x02BC, 1, len(NESTED_XMP), NESTED_XMP),
            (0x83BB, 7, len(iptc_stream), iptc_stream),
            (0x8649, 7, len(resources), resources),
        ],
        order=b"MM",
    )
    meta = decode(Container(format="jpeg", media_type="image/jpeg", exif=[tiff]))
    assert {(t.group, t.name, t.value) for t in meta.tags} == {
        ("XMP-xmp", "Label", "from Photoshop"),
        ("IPTC", "By-line", "Alice"),
        ("Photoshop", "URL", "u"),
    }


def test_endless_nesting_stops_with_a_problem() -> None:
    block = irb((0x040B, b"deepest\0"))
    for _ in range(20):  # Photoshop -> EXIF -> Photoshop -> EXIF ...
        block = irb((0x0422, exif_with([(0x8649, 7, len(block), block)], order=b"MM")))
    meta = decode(Container(format="jpeg", media_type="image/jpeg", photoshop=[block]))
    assert "deepest" not in {t.value for t in meta.tags}
    assert any("nested more than" in p for p in meta.problems)


@settings(max_examples=200, deadline=500, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.binary(max_size=512), max_size=3),
    st.lists(st.binary(max_size=512), max_size=3),
    st.lists(st.binary(max_size=512), max_size=3),
    st.lists(st.binary(max_size=512), max_size=3),
)
def test_random_blocks_never_raise(
    exif: list[bytes], xmp: list[bytes], iptc: list[bytes], ps: list[bytes]
) -> None:
    prefixed = [b"II*\0\x08\0\0\0" + b for b in exif] + [b"8BIM" + b for b in ps]
    container = Container(
        format="jpeg", media_type="image/jpeg", exif=exif + prefixed[: len(exif)],
        xmp=xmp, iptc=iptc, photoshop=ps + prefixed[len(exif):],
    )  # fmt: skip
    meta = decode(container)
    assert all(isinstance(p, str) for p in meta.problems)
