"""JPEG: read finds every block; strip keeps only what decoding needs, pixels untouched."""

from __future__ import annotations

import contextlib
import io
import struct
import subprocess
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from tests.support.containers import after_soi, jpeg_segment
from tests.support.exiftool import EXIFTOOL, assert_clean
from tests.support.images import (
    FULL_METADATA,
    IPTC_METADATA,
    PERSON,
    SERIAL,
    assert_same_pixels,
    encode,
    photo,
    srgb_icc,
    with_metadata,
    with_thumbnail,
)
from tests.support.mutation import overwrite
from thinktwice.errors import CorruptImage, ThinkTwiceError
from thinktwice.formats import jpeg
from thinktwice.formats.orientation import minimal_exif
from thinktwice.records import Container, Picture, TextEntry

SOS, COM = 0xDA, 0xFE
APP0, APP1, APP2, APP14 = 0xE0, 0xE1, 0xE2, 0xEE
PROFILE = srgb_icc()
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00\x00\x00\x08free" * 40
# What Samsung appends: tagged data blocks, then an SEFH directory and SEFT.
SAMSUNG = (
    b"\x00\x00\x01\x0aImage_UTC_Data1710435731000"
    + b"SEFH"
    + struct.pack("<III", 107, 1, 0)
    + struct.pack("<HHII", 0, 0x0A01, 41, 31)
    + struct.pack("<I", 24)
    + b"SEFT"
)


# ---- building fixtures ------------------------------------------------------------------


def header(data: bytes) -> list[tuple[int, bytes]]:
    """(marker, payload) of each segment up to the first SOS, read without the module."""
    out, pos = [], 2
    while True:
        marker, (length,) = data[pos + 1], struct.unpack_from(">H", data, pos + 2)
        out.append((marker, data[pos + 4 : pos + 2 + length]))
        if marker == SOS:
            return out
        pos += 2 + length


def replace_jfif(data: bytes, jfif: bytes) -> bytes:
    """`data` (starting SOI, JFIF APP0 as Pillow writes) with another first segment."""
    assert header(data)[0][0] == APP0
    return data[:2] + jfif + data[2 + 2 + len(header(data)[0][1]) + 2 :]


def before_second_scan(data: bytes, *segments: bytes) -> bytes:
    """A progressive `data` with `segments` between its first and second scan."""
    first = data.index(b"\xff\xda")
    second = data.index(b"\xff\xda", first + 2)  # FF DA never occurs inside scan data
    return data[:second] + b"".join(segments) + data[second:]


def jfif_with_thumbnail(width: int = 2, height: int = 2) -> bytes:
    fields = b"JFIF\x00\x01\x02\x01\x00\x48\x00\x48" + bytes((width, height))
    return jpeg_segment(APP0, fields + bytes(range(3 * width * height)))


def jfxx(thumbnail: bytes) -> bytes:
    return jpeg_segment(APP0, b"JFXX\x00\x10" + thumbnail)


def mpf(main: bytes, extras: list[tuple[int, bytes]], order: str = ">", repeats: int = 1) -> bytes:
    """`main` with an APP2 MPF index (after SOI) listing it and `extras` (type, JPEG),
    which are stored after its EOI; offsets count from the MP header, as the spec says.
    The last extra is listed `repeats` times, all pointing at its one copy."""
    count = len(extras) + repeats
    ifd_end = 8 + 2 + 3 * 12 + 4
    base = 2 + 4 + 4  # SOI, APP2 marker and length, "MPF\0"
    total = len(main) + 4 + 4 + ifd_end + 16 * count
    tiff = (b"II" if order == "<" else b"MM") + struct.pack(order + "HI", 42, 8)
    tiff += struct.pack(order + "H", 3)
    tiff += struct.pack(order + "HHI", 0xB000, 7, 4) + b"0100"
    tiff += struct.pack(order + "HHII", 0xB001, 4, 1, count)
    tiff += struct.pack(order + "HHII", 0xB002, 7, 16 * count, ifd_end)
    tiff += struct.pack(order + "I", 0)
    entries = [struct.pack(order + "IIIHH", 0x20030000, total, 0, 0, 0)]
    at = total
    for mp_type, image in extras:
        entries.append(struct.pack(order + "IIIHH", mp_type, len(image), at - base, 0, 0))
        at += len(image)
    tiff += b"".join(entries) + entries[-1] * (repeats - 1)
    return after_soi(main, jpeg_segment(APP2, b"MPF\x00" + tiff)) + b"".join(i for _, i in extras)


@cache
def plain(**params: object) -> bytes:
    return encode(photo(), "JPEG", quality=90, **params)


@cache
def thumb() -> bytes:
    return encode(photo(16, 12, seed=7), "JPEG", quality=60)


@cache
def other_image() -> bytes:
    return encode(photo(48, 32, seed=5), "JPEG", quality=80)


@cache
def tagged(*extra: str) -> bytes:
    """A camera-like JPEG: ICC, every identifying EXIF/XMP tag, IPTC, a comment."""
    base = plain(icc_profile=PROFILE, comment="taken at home")
    return with_metadata(base, ".jpg", *FULL_METADATA, *IPTC_METADATA, *extra)


@cache
def everything() -> bytes:
    """Every block this module knows of, in one file."""
    data = with_thumbnail(tagged("-Orientation#=6"), thumb())
    data = after_soi(
        data,
        jfxx(thumb()),
        jpeg_segment(0xEC, b"Ducky\x00\x01\x00\x04\x00\x00\x00\x50"),
        jpeg_segment(0xEB, b"JP\x00\x01\x00\x00\x00\x01\x00\x00\x00\x1ajumbc2pa"),
        jpeg_segment(COM, PERSON.encode()),
    )
    return mpf(data, [(0x010001, other_image())]) + MP4


def first_frame(data: bytes) -> tuple[str, tuple[int, int], bytes]:
    """The first (main) image decoded, whatever else the file holds."""
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        return image.mode, image.size, image.tobytes()


def exiftool_orientation(data: bytes) -> str:
    assert EXIFTOOL
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "judged.jpg"
        path.write_bytes(data)
        out = subprocess.run(
            [EXIFTOOL, "-n", "-s3", "-Orientation", str(path)], check=True, capture_output=True
        )
        return out.stdout.decode().strip()


# What a cleaned file's EXIF may be: Orientation alone, any value but 1, either byte order.
MINIMAL_EXIFS = {minimal_exif(o, order) for o in range(2, 9) for order in (b"MM", b"II")}


def assert_nothing_identifying(container: Container) -> None:
    assert all(blob in MINIMAL_EXIFS for blob in container.exif)
    assert not (container.xmp or container.iptc or container.photoshop or container.text)
    assert not (container.pictures or container.trailer or container.extra)


# Fixtures strip must handle, by what makes them special.
STRIP_CASES = {
    "tagged": lambda: tagged(),
    "progressive": lambda: with_metadata(plain(progressive=True), ".jpg"),
    "cmyk-adobe": lambda: with_metadata(encode(photo().convert("CMYK"), "JPEG"), ".jpg"),
    "grayscale": lambda: with_metadata(encode(photo(mode="L"), "JPEG"), ".jpg"),
    "restart-markers": lambda: with_metadata(plain(restart_marker_blocks=2), ".jpg"),
    "multi-segment-icc": lambda: plain(icc_profile=PROFILE * 50, comment="x"),
    "jfif-thumbnail": lambda: replace_jfif(plain(), jfif_with_thumbnail()),
    "orientation-6": lambda: tagged("-Orientation#=6"),
}


@cache
def strip_case(name: str) -> bytes:
    return STRIP_CASES[name]()


# ---- sniff and read ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", True),
        (b"\xff\xd8\xff\xe1", True),
        (b"\xff\xd8\x00", False),
        (b"\xff\x4f\xff\x51", False),
        (b"\x89PNG\r\n\x1a\n", False),
        (b"", False),
    ],
)
def test_sniff_recognises_soi_followed_by_a_marker(head: bytes, expected: bool) -> None:
    assert jpeg.sniff(head) is expected


def test_read_gives_size_from_the_frame_header() -> None:
    found = jpeg.read(encode(photo(123, 45), "JPEG"))
    assert (found.format, found.media_type) == ("jpeg", "image/jpeg")
    assert (found.width, found.height, found.frames) == (123, 45, 1)


def test_read_finds_exif_xmp_photoshop_icc_and_comment() -> None:
    found = jpeg.read(tagged())
    assert len(found.exif) == 1 and found.exif[0][:4] in (b"II*\x00", b"MM\x00*")
    assert SERIAL.encode() in found.exif[0]
    assert len(found.xmp) == 1 and PERSON.encode() in found.xmp[0]
    assert len(found.photoshop) == 1 and found.photoshop[0].startswith(b"8BIM")
    assert PERSON.encode() in found.photoshop[0]  # the IPTC By-line, inside the IRB data
    assert found.icc == PROFILE
    assert found.text == [TextEntry("JPEG COM", "Comment", "taken at home")]
    assert not (found.pictures or found.trailer or found.extra)


def test_read_reassembles_extended_xmp_by_guid() -> None:
    description = " ".join(f"word{i}" for i in range(12000))
    data = with_metadata(
        plain(), ".jpg", f"-XMP-dc:Description={description}", f"-Creator={PERSON}"
    )
    assert data.count(b"http://ns.adobe.com/xmp/extension/\x00") > 1  # exiftool split it
    main, extended = jpeg.read(data).xmp
    assert b"HasExtendedXMP" in main and PERSON.encode() in main
    ET.fromstring(extended)  # whole, in order: it parses
    assert description.encode() in extended


@pytest.mark.parametrize(
    "identifier",
    [b"http://ns.adobe.com/xap/1.0/\x00", b"http://ns.adobe.com/xap/1.0/ ", b"XMP\x00"],
    ids=["standard", "space", "old"],
)
def test_read_finds_xmp_after_each_identifier_writers_use(identifier: bytes) -> None:
    packet = f'<x:xmpmeta xmlns:x="adobe:ns:meta/">{PERSON}</x:xmpmeta>'.encode()
    found = jpeg.read(after_soi(plain(), jpeg_segment(APP1, identifier + packet)))
    assert found.xmp == [packet] and found.extra == []


def test_read_orders_extended_xmp_chunks_by_offset() -> None:
    guid, packet = b"0123456789ABCDEF0123456789ABCDEF", b"<x:xmpmeta>" + b"a" * 50 + b"</x:xmpmeta>"
    sig = b"http://ns.adobe.com/xmp/extension/\x00"
    chunks = [(0, packet[:30]), (30, packet[30:])]
    segs = [
        jpeg_segment(APP1, sig + guid + struct.pack(">II", len(packet), at) + part)
        for at, part in reversed(chunks)
    ]
    assert jpeg.read(after_soi(plain(), *segs)).xmp == [packet]


@pytest.mark.parametrize("size", [len(PROFILE), 200_000], ids=["one-segment", "four-segments"])
def test_read_reassembles_the_icc_profile(size: int) -> None:
    profile = (PROFILE * (size // len(PROFILE) + 1))[:size]
    assert jpeg.read(plain(icc_profile=profile)).icc == profile


def test_read_orders_icc_chunks_by_sequence_number() -> None:
    parts = [b"first-", b"second-", b"third"]
    segs = [
        jpeg_segment(APP2, b"ICC_PROFILE\x00" + bytes((n, 3)) + parts[n - 1]) for n in (2, 3, 1)
    ]
    assert jpeg.read(after_soi(plain(), *segs)).icc == b"first-second-third"


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (b"caf\xc3\xa9 \xe2\x9c\x93", "café ✓"),
        (b"caf\xe9", "café"),
        (b"nul ended\x00", "nul ended"),
    ],
    ids=["utf-8", "latin-1", "nul"],
)
def test_read_decodes_comments(raw: bytes, text: str) -> None:
    found = jpeg.read(after_soi(plain(), jpeg_segment(COM, raw)))
    assert found.text == [TextEntry("JPEG COM", "Comment", text)]


def test_read_finds_a_jfxx_jpeg_thumbnail() -> None:
    found = jpeg.read(after_soi(plain(), jfxx(thumb())))
    assert found.pictures == [Picture("thumbnail", "JFXX", thumb(), "image/jpeg")]


def test_read_finds_a_jfif_uncompressed_thumbnail() -> None:
    found = jpeg.read(replace_jfif(plain(), jfif_with_thumbnail()))
    assert found.pictures == [Picture("thumbnail", "JFIF")]


def test_read_keeps_the_exif_thumbnail_inside_the_exif_block() -> None:
    found = jpeg.read(with_thumbnail(plain(), thumb()))
    assert thumb() in found.exif[0]


def test_read_lists_mpo_images_written_by_pillow() -> None:
    data = encode(photo(), "MPO", save_all=True, append_images=[photo(seed=2)])
    found = jpeg.read(data)
    (picture,) = found.pictures
    assert (picture.kind, picture.source, picture.media_type) == (
        "extra_image",
        "MPF",
        "image/jpeg",
    )
    with Image.open(io.BytesIO(data)) as image:
        image.seek(1)
        assert first_frame(picture.data or b"")[2] == image.tobytes()
    assert found.trailer is None
    assert "APP2 MPF" in found.extra


@pytest.mark.parametrize("order", [">", "<"], ids=["big-endian", "little-endian"])
@pytest.mark.parametrize(
    ("mp_type", "kind"),
    [
        (0x010001, "preview"),
        (0x010002, "preview"),
        (0x020002, "extra_image"),
        (0x020003, "extra_image"),
        (0x000000, "extra_image"),
    ],
)
def test_read_names_mpf_images_by_type(order: str, mp_type: int, kind: str) -> None:
    found = jpeg.read(mpf(plain(), [(mp_type, other_image())], order))
    assert found.pictures == [Picture(kind, "MPF", other_image(), "image/jpeg")]
    assert found.trailer is None


def test_mpf_offset_outside_the_file_gives_no_picture_and_keeps_the_trailer() -> None:
    half = len(other_image()) // 2
    found = jpeg.read(mpf(plain(), [(0x010001, other_image())])[:-half])
    assert found.pictures == []
    assert "MPF image 2 points outside the file" in found.extra
    assert found.trailer is not None
    assert found.trailer.data == other_image()[:-half]


def test_unreadable_mpf_index_does_not_fail_the_read() -> None:
    data = after_soi(plain(), jpeg_segment(APP2, b"MPF\x00MM\x00*\x00\x00\xff\xff"))
    found = jpeg.read(data)
    assert found.pictures == [] and found.width == 96
    assert "APP2 MPF index unreadable" in found.extra


@pytest.mark.parametrize(
    "tail", [MP4, SAMSUNG, b"\x00" * 3], ids=["motion-photo", "samsung", "junk"]
)
def test_read_reports_bytes_after_eoi_as_trailer(tail: bytes) -> None:
    found = jpeg.read(plain() + tail)
    assert found.trailer is not None
    assert (found.trailer.offset, found.trailer.length, found.trailer.data) == (
        len(plain()),
        len(tail),
        tail,
    )


def test_read_reports_only_the_bytes_mpf_images_do_not_cover() -> None:
    data = mpf(plain(), [(0x010002, other_image())])
    found = jpeg.read(data + MP4)
    assert [p.data for p in found.pictures] == [other_image()]
    assert found.trailer is not None
    assert (found.trailer.offset, found.trailer.data) == (len(data), MP4)


def test_a_large_trailer_gives_its_length_and_first_bytes() -> None:
    tail = MP4 + bytes(range(256)) * 4096
    found = jpeg.read(plain() + tail)
    assert found.trailer is not None
    assert found.trailer.length == len(tail)
    assert found.trailer.data == tail[:4096]


@pytest.mark.parametrize(
    ("marker", "payload", "name"),
    [
        (0xEC, b"Ducky\x00\x01\x00\x04\x00\x00\x00\x50", "APP12 Ducky"),
        (0xEC, b"[picture info]\r\nTimeDate=12:00", "APP12 picture info"),
        (0xE2, b"FPXR\x00\x00\x01\x00", "APP2 FPXR"),
        (0xE3, b"META\x00\x00II*\x00", "APP3 META"),
        (0xEB, b"JP\x00\x01\x00\x00\x00\x01\x00\x00\x00\x1ajumb", "APP11 JUMBF"),
        (0xE1, b"QVCI\x00\x00\x01", "APP1 QVCI"),
        (0xEE, b"Ducky", "APP14 Ducky"),
        (0xE0, b"AVI1\x00\x00", "APP0 AVI1"),
        (0xEF, b"\x01\x02\x03", "APP15"),
    ],
)
def test_read_names_other_app_segments_by_identifier(
    marker: int, payload: bytes, name: str
) -> None:
    assert jpeg.read(after_soi(plain(), jpeg_segment(marker, payload))).extra == [name]


def test_read_notes_segments_between_scans() -> None:
    data = before_second_scan(plain(progressive=True), jpeg_segment(COM, b"hidden"))
    found = jpeg.read(data)
    assert found.text == [TextEntry("JPEG COM", "Comment", "hidden")]
    assert "COM between scans" in found.extra


def test_read_accepts_fill_bytes_before_markers() -> None:
    data = plain()
    sos = data.index(b"\xff\xda")
    padded = data[:sos] + b"\xff\xff\xff" + data[sos:]
    assert jpeg.read(padded).width == 96
    assert_same_pixels(data, jpeg.strip(padded))


# ---- strip ------------------------------------------------------------------------------


def test_strip_leaves_nothing_exiftool_finds() -> None:
    stripped = jpeg.strip(everything())
    assert_clean(stripped, ".jpg")
    assert first_frame(stripped) == first_frame(everything())


def test_strip_output_reads_clean() -> None:
    assert_nothing_identifying(jpeg.read(jpeg.strip(everything())))


@pytest.mark.parametrize("case", sorted(STRIP_CASES))
def test_strip_keeps_pixels(case: str) -> None:
    data = strip_case(case)
    assert_same_pixels(data, jpeg.strip(data))


@pytest.mark.parametrize("case", sorted(STRIP_CASES))
def test_strip_is_idempotent_and_its_output_is_clean(case: str) -> None:
    once = jpeg.strip(strip_case(case))
    assert jpeg.strip(once) == once
    assert_nothing_identifying(jpeg.read(once))


@pytest.mark.parametrize("case", sorted(STRIP_CASES))
def test_strip_copies_every_decoding_segment_unchanged(case: str) -> None:
    data = strip_case(case)
    decoding = [s for s in header(data) if s[0] not in range(0xE0, 0xF0) and s[0] != COM]
    assert [s for s in header(jpeg.strip(data)) if s[0] not in range(0xE0, 0xF0)] == decoding
    scans = data[data.index(b"\xff\xda") :]
    assert jpeg.strip(data).endswith(scans[: scans.rindex(b"\xff\xd9") + 2])


@pytest.mark.parametrize("size", [len(PROFILE), 200_000], ids=["one-segment", "four-segments"])
def test_strip_keeps_the_icc_profile(size: int) -> None:
    profile = (PROFILE * (size // len(PROFILE) + 1))[:size]
    data = with_metadata(plain(icc_profile=profile), ".jpg")
    with Image.open(io.BytesIO(jpeg.strip(data))) as image:
        assert image.info["icc_profile"] == profile


@pytest.mark.parametrize(
    ("build", "order"),
    [
        (lambda o: tagged(f"-Orientation#={o}"), b"MM"),
        (lambda o: tagged("-ExifByteOrder#=II", f"-Orientation#={o}"), b"II"),
    ],
    ids=["big-endian", "little-endian"],
)
@pytest.mark.parametrize("orientation", [6, 3, 8])
def test_strip_keeps_only_the_orientation(
    build: Callable[[int], bytes], order: bytes, orientation: int
) -> None:
    stripped = jpeg.strip(build(orientation))
    assert jpeg.read(stripped).exif == [minimal_exif(orientation, order)]
    assert exiftool_orientation(stripped) == str(orientation)
    with Image.open(io.BytesIO(stripped)) as image:
        assert dict(image.getexif()) == {0x0112: orientation}
    assert_clean(stripped, ".jpg")


def test_strip_drops_exif_with_orientation_1() -> None:
    stripped = jpeg.strip(tagged("-Orientation#=1"))
    assert jpeg.read(stripped).exif == []
    assert APP1 not in [marker for marker, _ in header(stripped)]


def test_strip_keeps_jfif_without_its_thumbnail() -> None:
    data = replace_jfif(plain(), jfif_with_thumbnail())
    (marker, payload), *_ = header(jpeg.strip(data))
    assert marker == APP0
    assert payload == b"JFIF\x00\x01\x02\x01\x00\x48\x00\x48\x00\x00"


def test_strip_drops_jfxx_thumbnails() -> None:
    stripped = jpeg.strip(after_soi(plain(), jfxx(thumb())))
    assert b"JFXX" not in stripped
    assert jpeg.read(stripped).pictures == []


def test_strip_keeps_the_adobe_segment_that_says_how_to_decode_colours() -> None:
    data = with_metadata(encode(photo().convert("CMYK"), "JPEG"), ".jpg")
    adobe = [s for s in header(data) if s[0] == APP14]
    assert adobe and adobe[0][1].startswith(b"Adobe")
    assert [s for s in header(jpeg.strip(data)) if s[0] == APP14] == adobe


def test_strip_puts_kept_segments_in_order() -> None:
    stripped = jpeg.strip(
        with_metadata(encode(photo().convert("CMYK"), "JPEG", icc_profile=PROFILE), ".jpg")
    )
    apps = [(marker, payload[:5]) for marker, payload in header(stripped) if marker >= APP0]
    assert apps == [(APP2, b"ICC_P"), (APP14, b"Adobe")]
    stripped = jpeg.strip(tagged("-Orientation#=6"))
    apps = [(marker, payload[:4]) for marker, payload in header(stripped) if marker >= APP0]
    assert apps == [(APP0, b"JFIF"), (APP1, b"Exif"), (APP2, b"ICC_")]


def test_strip_drops_comments_between_progressive_scans() -> None:
    data = plain(progressive=True)
    noted = before_second_scan(
        data, jpeg_segment(COM, PERSON.encode()), jpeg_segment(0xE1, b"Exif\0\0MM")
    )
    stripped = jpeg.strip(noted)
    assert PERSON.encode() not in stripped
    assert stripped == jpeg.strip(data)
    assert_same_pixels(data, stripped)


def test_strip_keeps_restart_markers() -> None:
    data = plain(restart_marker_blocks=2)
    restarts = sum(data.count(bytes((0xFF, 0xD0 + n))) for n in range(8))
    assert restarts > 10 and b"\xff\xdd" in data
    stripped = jpeg.strip(with_metadata(data, ".jpg"))
    assert sum(stripped.count(bytes((0xFF, 0xD0 + n))) for n in range(8)) == restarts
    assert_same_pixels(data, stripped)


def test_strip_drops_mpf_images_and_trailers() -> None:
    data = mpf(plain(), [(0x010001, other_image())]) + SAMSUNG
    stripped = jpeg.strip(data)
    assert stripped.endswith(b"\xff\xd9") and stripped.count(b"\xff\xd8") == 1
    assert first_frame(stripped) == first_frame(data)


# ---- bad input --------------------------------------------------------------------------


def test_every_truncation_is_refused_or_read_whole() -> None:
    data = mpf(after_soi(plain(), jfxx(thumb())), [(0x010001, thumb())]) + b"tail"
    end = len(data) - len(thumb()) - 4
    for cut in range(len(data)):
        short = data[:cut]
        if cut < end:
            with pytest.raises(CorruptImage):
                jpeg.read(short)
            with pytest.raises(CorruptImage):
                jpeg.strip(short)
        else:
            assert jpeg.read(short).width == 96
            assert jpeg.strip(short) == jpeg.strip(data)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b"\xff\xd8\xff\xe1\x11\x70Exif\x00\x00",
            "segment APP1 at byte 2 claims 4464 bytes, 8 left",
        ),
        (b"\xff\xd8\xff\xe1\x00\x01", "segment APP1 at byte 2 has an invalid length 1"),
        (b"\xff\xd8\xff\xe1\x00", "segment APP1 at byte 2 is cut off before its length"),
        (b"\x89PNG\r\n", "does not start with the SOI marker"),
        (b"\xff\xd8garbage", "byte 2 is 0x67 where a marker (0xFF) should start"),
        (b"\xff\xd8\xff\x00", "byte 2 holds FF 00, not a JPEG marker"),
        (b"\xff\xd8\xff\xd8", "a second SOI marker at byte 2"),
        (b"\xff\xd8\xff\xda\x00\x02\x12\x34", "SOS at byte 2 comes before any SOF"),
        (b"\xff\xd8\xff\xd9", "EOI at byte 2 comes before any scan"),
        (b"\xff\xd8\xff\xc0\x00\x04\x08\x00\xff\xd9", "frame header SOF0 at byte 2 is 6 bytes"),
        (b"\xff\xd8\xff\xfe\x00\x04hi", "the file ends at byte 8 before the EOI marker"),
        (b"\xff\xd8\xff\xff\xff", "the file ends in fill bytes at byte 5"),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_malformed_structure_is_named_with_its_position(data: bytes, message: str) -> None:
    for operation in (jpeg.read, jpeg.strip):
        with pytest.raises(CorruptImage, match="Corrupt JPEG") as error:
            operation(data)
        assert message in str(error.value)


def test_scan_without_eoi_is_refused_not_half_cleaned() -> None:
    data = tagged()
    for cut in (data[:-2], data[:-1], data[: len(data) - 100]):
        with pytest.raises(CorruptImage, match="without an EOI marker"):
            jpeg.strip(cut)


def test_mpf_index_pointing_into_the_main_image_gives_no_picture() -> None:
    data = mpf(plain(), [(0x010001, other_image())])
    tiff = data.index(b"MPF\x00") + 4
    entry = tiff + 8 + 2 + 3 * 12 + 4 + 16
    bad = data[: entry + 8] + struct.pack(">I", 100) + data[entry + 12 :]
    found = jpeg.read(bad)
    assert found.pictures == [] and "MPF image 2 points outside the file" in found.extra


def test_mpf_images_sharing_bytes_are_copied_once() -> None:
    found = jpeg.read(mpf(plain(), [(0x010001, other_image())], repeats=3))
    assert found.pictures == [Picture("preview", "MPF", other_image(), "image/jpeg")]
    assert {"MPF image 3 overlaps another", "MPF image 4 overlaps another"} <= set(found.extra)


def test_icc_chunk_without_its_header_is_reported_and_dropped() -> None:
    data = after_soi(plain(), jpeg_segment(APP2, b"ICC_PROFILE\x00\x01"))
    assert jpeg.read(data).extra == ["APP2 ICC_PROFILE (truncated header)"]
    assert_nothing_identifying(jpeg.read(jpeg.strip(data)))


@cache
def small() -> bytes:
    """A tiny JPEG with a bit of everything, for mutation.

    Tiny on purpose: on corrupt scan data, libjpeg-turbo's output depends on how
    many bytes follow in its buffer (its fast Huffman path needs a few KiB), so
    with a larger file the trailer strip removes could change Pillow's pixels.
    """
    exif = Image.Exif()
    exif[0x0112], exif[0x013B] = 6, "Al"
    data = encode(photo(16, 16), "JPEG", quality=70, exif=exif.tobytes(), comment="hi")
    return after_soi(data, jpeg_segment(APP2, b"ICC_PROFILE\x00\x01\x01" + b"p" * 20)) + b"end"


@pytest.mark.filterwarnings("ignore::UserWarning")  # Pillow on broken EXIF
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), min_size=1, max_size=6),
    st.none() | st.integers(0, 10_000),
)
def test_mutated_input_is_refused_or_cleaned_for_real(
    edits: list[tuple[int, int]], cut: int | None
) -> None:
    mutated = overwrite(small(), edits)
    data = mutated if cut is None else mutated[: cut % len(mutated)]
    with contextlib.suppress(ThinkTwiceError):
        jpeg.read(data)
    try:
        stripped = jpeg.strip(data)
    except ThinkTwiceError:
        return
    assert_nothing_identifying(jpeg.read(stripped))
    assert jpeg.strip(stripped) == stripped
    try:
        before, after = first_frame(data), first_frame(stripped)
    except Exception:  # Pillow cannot decode one of them: nothing to compare
        return
    assert before == after
