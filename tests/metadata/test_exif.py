"""EXIF decoding: exiftool's names and groups, every TIFF type, and no trust in offsets."""

from __future__ import annotations

import struct
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.images import (
    FULL_METADATA,
    LATITUDE,
    LONGITUDE,
    PERSON,
    SERIAL,
    encode,
    photo,
    with_thumbnail,
)
from tests.support.mutation import overwrite
from thinktwice.formats.orientation import minimal_exif
from thinktwice.metadata import exif
from thinktwice.structure.tags import RENDERING_TAGS

from .builders import (
    ASCII,
    BYTE,
    DOUBLE,
    FLOAT,
    LONG,
    RATIONAL,
    SBYTE,
    SHORT,
    SLONG,
    SRATIONAL,
    SSHORT,
    UNDEFINED,
    TiffBuilder,
    camera_like_block,
    jpeg_blocks,
)


@cache
def thumbnail_jpeg() -> bytes:
    return encode(photo(16, 12, seed=7), "JPEG")


@cache
def camera_exif() -> bytes:
    """What exiftool writes for FULL_METADATA, with an EXIF thumbnail."""
    jpeg = with_thumbnail(encode(photo(), "JPEG"), thumbnail_jpeg(), *FULL_METADATA)
    return jpeg_blocks(jpeg).exif


def triples(data: exif.ExifData) -> set[tuple[str, str, object]]:
    return {(t.group, t.name, t.value) for t in data.tags}


@pytest.mark.parametrize(
    ("group", "name", "value"),
    [
        ("IFD0", "Make", "Apple"),
        ("IFD0", "Model", "iPhone 15 Pro"),
        ("IFD0", "Artist", PERSON),
        ("IFD0", "Copyright", f"(c) {PERSON}"),
        ("IFD0", "XPAuthor", PERSON),
        ("IFD0", "Software", "Adobe Photoshop 25.0 (Windows)"),
        ("IFD0", "ImageDescription", "Our flat, 3rd floor"),
        ("ExifIFD", "SerialNumber", SERIAL),
        ("ExifIFD", "LensSerialNumber", "LS-271828"),
        ("ExifIFD", "LensModel", "iPhone 15 Pro back camera"),
        ("ExifIFD", "OwnerName", PERSON),
        ("ExifIFD", "ImageUniqueID", "0123456789abcdef0123456789abcdef"),
        ("ExifIFD", "DateTimeOriginal", "2024:03:14 18:02:11"),
        ("ExifIFD", "CreateDate", "2024:03:14 18:02:11"),
        ("ExifIFD", "OffsetTimeOriginal", "+01:00"),
        ("ExifIFD", "UserComment", "for your eyes only"),
        ("GPS", "GPSLatitudeRef", "N"),
        ("GPS", "GPSLongitudeRef", "E"),
        ("GPS", "GPSAltitude", 35.0),
        ("GPS", "GPSVersionID", (2, 3, 0, 0)),
    ],
)
def test_exiftool_written_tags_decode_with_exiftool_names(
    group: str, name: str, value: object
) -> None:
    assert (group, name, value) in triples(exif.decode(camera_exif()))


@pytest.mark.parametrize(
    ("name", "expected"), [("GPSLatitude", LATITUDE), ("GPSLongitude", LONGITUDE)]
)
def test_gps_coordinates_are_three_floats_degrees_minutes_seconds(
    name: str, expected: float
) -> None:
    (tag,) = [t for t in exif.decode(camera_exif()).tags if t.name == name]
    degrees, minutes, seconds = tag.value
    assert tag.group == "GPS"
    assert degrees + minutes / 60 + seconds / 3600 == pytest.approx(expected, abs=1e-5)


def test_ifd1_thumbnail_is_returned_as_jpeg_bytes() -> None:
    data = exif.decode(camera_exif())
    assert data.thumbnail == thumbnail_jpeg()
    (picture,) = data.pictures
    assert (picture.kind, picture.source, picture.data) == (
        "thumbnail",
        "EXIF IFD1",
        thumbnail_jpeg(),
    )
    assert picture.media_type == "image/jpeg"


def test_exiftool_written_block_decodes_without_problems() -> None:
    assert exif.decode(camera_exif()).problems == []


def test_exif_prefix_is_tolerated() -> None:
    assert exif.decode(b"Exif\0\0" + camera_exif()).tags == exif.decode(camera_exif()).tags


@pytest.mark.parametrize(
    ("typ", "count", "payload", "expected"),
    [
        (BYTE, 1, b"\x07", 7),
        (BYTE, 3, b"\x01\x02\xff", (1, 2, 255)),
        (ASCII, 6, b"Hello\0", "Hello"),
        (SHORT, 1, "H:513", 513),
        (SHORT, 2, "HH:1,2", (1, 2)),
        (LONG, 1, "I:70000", 70000),
        (RATIONAL, 1, "II:3,4", 0.75),
        (RATIONAL, 2, "IIII:1,2,5,1", (0.5, 5.0)),
        (SBYTE, 1, b"\xff", -1),
        (UNDEFINED, 4, b"0232", b"0232"),
        (SSHORT, 1, "h:-300", -300),
        (SLONG, 1, "i:-70000", -70000),
        (SRATIONAL, 1, "ii:-1,2", -0.5),
        (FLOAT, 1, "f:1.5", 1.5),
        (DOUBLE, 1, "d:2.25", 2.25),
    ],
)
@pytest.mark.parametrize("order", [b"II", b"MM"])
def test_every_tiff_type_decodes_in_both_byte_orders(
    order: bytes, typ: int, count: int, payload: bytes | str, expected: object
) -> None:
    builder = TiffBuilder(order)
    if isinstance(payload, str):  # "format:values" packed in the builder's byte order
        fmt, _, values = payload.partition(":")
        numbers = [float(v) if fmt in "fd" else int(v) for v in values.split(",")]
        payload = struct.pack(builder.e + fmt, *numbers)
    blob = builder.finish(builder.ifd([(0x1234, typ, count, payload)]))
    assert exif.decode(blob).tags[0].value == expected


def test_rational_with_zero_denominator_is_none() -> None:
    builder = TiffBuilder()
    gps = builder.ifd([builder.rational(0x0002, (48, 1), (30, 0), (0, 0))])
    blob = builder.finish(builder.ifd([builder.long(0x8825, gps)]))
    assert ("GPS", "GPSLatitude", (48.0, None, None)) in triples(exif.decode(blob))


def test_unknown_tags_are_named_by_id() -> None:
    builder = TiffBuilder()
    blob = builder.finish(builder.ifd([builder.short(0xBEEF, 5)]))
    assert triples(exif.decode(blob)) == {("IFD0", "Exif_0xbeef", 5)}


def test_long_undefined_values_are_summarised() -> None:
    builder = TiffBuilder()
    blob = builder.finish(builder.ifd([builder.undefined(0xC4A5, b"x" * 1000)]))
    assert triples(exif.decode(blob)) == {("IFD0", "PrintIM", "<1000 bytes>")}


@pytest.mark.parametrize(
    ("tag", "name"), [(0x9C9B, "XPTitle"), (0x9C9D, "XPAuthor"), (0x9C9E, "XPKeywords")]
)
def test_xp_tags_are_ucs2_text(tag: int, name: str) -> None:
    builder = TiffBuilder(b"MM")  # always little-endian UCS-2, whatever the TIFF order
    text = "Ålice; 写真"
    blob = builder.finish(
        builder.ifd([builder.undefined(tag, text.encode("utf-16-le") + b"\0\0", BYTE)])
    )
    assert triples(exif.decode(blob)) == {("IFD0", name, text)}


@pytest.mark.parametrize(
    ("order", "raw", "text"),
    [
        (b"II", b"ASCII\0\0\0for your eyes only", "for your eyes only"),
        (b"II", b"UNICODE\0" + "für dich".encode("utf-16-le"), "für dich"),
        (b"MM", b"UNICODE\0" + "für dich".encode("utf-16-be"), "für dich"),
        (b"MM", b"UNICODE\0\xff\xfe" + "für dich".encode("utf-16-le"), "für dich"),
        (b"II", b"JIS\0\0\0\0\0" + "写真".encode("iso2022_jp"), "写真"),
        (b"II", b"\0" * 8 + b"no charset given", "no charset given"),
        (b"II", b"no prefix at all", "no prefix at all"),
    ],
)
def test_user_comment_charsets_give_text(order: bytes, raw: bytes, text: str) -> None:
    builder = TiffBuilder(order)
    exif_ifd = builder.ifd([builder.undefined(0x9286, raw + b"\0\0\0\0")])  # cameras pad
    blob = builder.finish(builder.ifd([builder.long(0x8769, exif_ifd)]))
    assert triples(exif.decode(blob)) == {("ExifIFD", "UserComment", text)}


def test_groups_follow_the_ifd_tree() -> None:
    builder = TiffBuilder()
    interop = builder.ifd([builder.ascii(0x0001, "R98")])
    exif_ifd = builder.ifd(
        [builder.ascii(0x9003, "2024:01:01 00:00:00"), builder.long(0xA005, interop)]
    )
    gps = builder.ifd([builder.ascii(0x0001, "N")])
    sub1 = builder.ifd([builder.short(0x0100, 10)])
    sub2 = builder.ifd([builder.short(0x0100, 20)])
    ifd2 = builder.ifd([builder.short(0x0100, 30)])
    ifd1 = builder.ifd([builder.short(0x0103, 6)], next_ifd=ifd2)
    ifd0 = builder.ifd(
        [
            builder.ascii(0x010F, "Acme"),
            builder.long(0x014A, sub1, sub2),
            builder.long(0x8769, exif_ifd),
            builder.long(0x8825, gps),
        ],
        next_ifd=ifd1,
    )
    assert triples(exif.decode(builder.finish(ifd0))) == {
        ("IFD0", "Make", "Acme"),
        ("ExifIFD", "DateTimeOriginal", "2024:01:01 00:00:00"),
        ("InteropIFD", "InteropIndex", "R98"),
        ("GPS", "GPSLatitudeRef", "N"),
        ("SubIFD", "ImageWidth", 10),
        ("SubIFD1", "ImageWidth", 20),
        ("IFD1", "Compression", 6),
        ("IFD2", "ImageWidth", 30),
    }


def test_an_ifd_loop_is_read_once_and_reported() -> None:
    builder = TiffBuilder()
    first = builder.here()  # the ExifIFD pointer and the next-IFD link both lead back
    blob = builder.finish(
        builder.ifd([builder.ascii(0x010F, "Acme"), builder.long(0x8769, first)], next_ifd=first)
    )
    data = exif.decode(blob)
    assert [t.name for t in data.tags] == ["Make"]
    assert any("loop" in p for p in data.problems)


@pytest.mark.parametrize(
    ("entry", "reason"),
    [
        ((0x010E, ASCII, 20, struct.pack("<I", 10_000)), "claims 20 bytes"),
        ((0x010E, ASCII, 0xFFFFFFFF, struct.pack("<I", 8)), "claims"),
        ((0x0111, LONG, 0x40000000, struct.pack("<I", 8)), "claims"),
        ((0x010E, 99, 1, b"abcd"), "unknown type 99"),
    ],
)
def test_a_bad_value_is_reported_and_the_rest_still_decodes(
    entry: tuple[int, int, int, bytes], reason: str
) -> None:
    builder = TiffBuilder()
    blob = builder.finish(builder.ifd([entry, builder.ascii(0x013B, PERSON)]))
    data = exif.decode(blob)
    assert ("IFD0", "Artist", PERSON) in triples(data)
    assert any(reason in p for p in data.problems)


@pytest.mark.parametrize(
    ("blob", "reason"),
    [
        (b"II*\0" + struct.pack("<I", 9999), "outside"),
        (b"II*\0\x08\0\0\0" + struct.pack("<H", 60000), "60000 entries"),
        (b"II*\0\x08\0\0\0" + struct.pack("<H", 50) + b"\0" * 30, "only 2 fit"),
        (b"MM\0+\0\x08\0\0", "BigTIFF"),
        (b"\x89PNG\r\n\x1a\n", "no TIFF header"),
        (b"II", "no TIFF header"),
        (b"", "no TIFF header"),
    ],
)
def test_a_broken_ifd_is_a_problem_not_an_error(blob: bytes, reason: str) -> None:
    data = exif.decode(blob)
    assert any(reason in p for p in data.problems), data.problems


def test_long_strip_tables_are_summarised() -> None:
    builder = TiffBuilder()
    offsets = builder.long(0x0111, *range(100))
    counts = builder.long(0x0117, 10, 20)
    blob = builder.finish(builder.ifd([offsets, counts]))
    assert triples(exif.decode(blob)) == {
        ("IFD0", "StripOffsets", "<100 values>"),
        ("IFD0", "StripByteCounts", (10, 20)),
    }


def test_embedded_blocks_are_handed_back_not_emitted() -> None:
    builder = TiffBuilder()
    blob = builder.finish(
        builder.ifd(
            [
                builder.undefined(0x02BC, b"<x:xmpmeta/>", BYTE),
                builder.long(0x83BB, *struct.unpack("<3I", b"\x1c\x02\x05\x00\x03abc" + b"\0" * 4)),
                builder.undefined(0x8649, b"8BIM\x04\x04\0\0\0\0\0\0"),
                builder.undefined(0x8773, b"icc profile bytes"),
            ]
        )
    )
    data = exif.decode(blob)
    assert data.tags == []
    assert data.xmp == [b"<x:xmpmeta/>"]
    assert data.iptc == [b"\x1c\x02\x05\x00\x03abc" + b"\0" * 4]
    assert data.photoshop == [b"8BIM\x04\x04\0\0\0\0\0\0"]


def test_thumbnail_out_of_bounds_is_a_picture_without_data() -> None:
    builder = TiffBuilder()
    ifd1 = builder.ifd([builder.long(0x0201, 5000), builder.long(0x0202, 400)])
    data = exif.decode(builder.finish(builder.ifd([builder.short(0x0112, 1)], next_ifd=ifd1)))
    assert data.thumbnail is None
    assert [(p.kind, p.source, p.data) for p in data.pictures] == [("thumbnail", "EXIF IFD1", None)]
    assert any("thumbnail at byte 5000" in p for p in data.problems)


@pytest.mark.parametrize("orientation", range(1, 9))
def test_minimal_orientation_exif_holds_only_rendering_tags(orientation: int) -> None:
    data = exif.decode(minimal_exif(orientation))
    assert triples(data) == {("IFD0", "Orientation", orientation)}
    assert all(t.name in RENDERING_TAGS for t in data.tags)


@pytest.mark.parametrize("kept", [0x0112, "Orientation", 0x0100, "ImageWidth", "ImageHeight",
                                  "StripOffsets", "SubfileType", 34675, "ICC_Profile"])  # fmt: skip
def test_rendering_tags_keep_orientation_and_tiff_structure(kept: int | str) -> None:
    assert kept in RENDERING_TAGS


@pytest.mark.parametrize(
    "identifying", ["Artist", "Make", "SerialNumber", "GPSLatitude", "ThumbnailOffset", 0x013B]
)
def test_rendering_tags_exclude_anything_identifying(identifying: int | str) -> None:
    assert identifying not in RENDERING_TAGS


def test_a_typical_camera_block_decodes_whole_and_without_problems() -> None:
    # Its speed (goal: well under a millisecond) is a figure in scripts/bench, not a test.
    blob = camera_like_block()
    assert len(blob) > 40_000
    decoded = exif.decode(blob)
    assert decoded.problems == []
    names = {tag.name for tag in decoded.tags}
    assert {"Make", "Model", "MakerNote"} <= names


@settings(max_examples=300, deadline=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_random_bytes_never_raise(blob: bytes) -> None:
    exif.decode(blob)
    exif.decode(b"II*\0\x08\0\0\0" + blob)
    exif.decode(b"MM\0*\0\0\0\x08" + blob)


@pytest.fixture(scope="module")
def camera_block() -> bytes:
    """Built by exiftool once, before the timed examples start."""
    return camera_exif()


@settings(max_examples=300, deadline=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), min_size=1, max_size=12))
def test_mutated_camera_blocks_never_raise(
    camera_block: bytes, mutations: list[tuple[int, int]]
) -> None:
    exif.decode(overwrite(camera_block, mutations))
