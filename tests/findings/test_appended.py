"""Appended data: motion-photo videos and other bytes after the end of the image."""

from __future__ import annotations

import struct

import pytest

from thinktwice.findings.appended import appended_data
from thinktwice.metadata.trailer import read_trailer
from thinktwice.models import Kind, Severity
from thinktwice.records import Trailer, TrailerContent

from .build import metadata, mp4, only, run

MOTION = "It holds a video (a motion photo, 300 bytes)."


def trailer(data: bytes, length: int | None = None) -> TrailerContent:
    """The trailer `data` as the metadata decoder hands it over."""
    return read_trailer(Trailer(offset=40_000, length=length or len(data), data=data))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (mp4(3), "It holds a 3-second video (a motion photo, 2.0 MB)."),
        (mp4(2, version=1), "It holds a 2-second video (a motion photo, 2.0 MB)."),
        (mp4(3)[:24], "It holds a video (a motion photo, 2.0 MB)."),  # no movie header: no length
    ],
)
def test_an_mp4_after_the_image_is_a_motion_photo(data: bytes, message: str) -> None:
    finding = only(appended_data, metadata(trailer=trailer(data, 2_000_000)))
    assert (finding.kind, finding.severity) == (Kind.APPENDED_DATA, Severity.HIGH)
    assert finding.message == message


@pytest.mark.parametrize(
    "tags",
    [
        [("XMP-GCamera", "MicroVideo", 1)],
        [("XMP-GCamera", "MotionPhoto", "1")],
        [("XMP-GContainer", "DirectoryItemSemantic", ("Primary", "MotionPhoto"))],
    ],
)
def test_xmp_that_says_motion_photo_names_the_trailer_a_video(
    tags: list[tuple[str, str, object]],
) -> None:
    finding = only(appended_data, metadata(*tags, trailer=trailer(b"\x00\x01\x02" * 100)))
    assert finding.message == MOTION
    assert any(name.startswith("XMP-") for name in finding.evidence)


@pytest.mark.parametrize(
    "data",
    [
        b"\x00\x00\x30\x0a\x10\x00\x00\x00MotionPhoto_Data" + mp4(3)[:8],
        b"junk" * 10 + b"mpv2" + b"\x00" * 20,
        b"\x00" * 40 + b"MotionPhoto" + b"SEFH",
    ],
)
def test_samsung_motion_photo_markers_name_a_video(data: bytes) -> None:
    assert only(appended_data, metadata(trailer=trailer(data))).message.startswith(
        "It holds a video (a motion photo, "
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\xff\xd8\xff\xe0" + b"\x00" * 40, "Another image is hidden after the end of the image."),
        (struct.pack(">I4s4s", 24, b"ftyp", b"heic") + b"\x00" * 12,
         "Another image is hidden after the end of the image."),
        (b"PK\x03\x04" + b"\x01" * 40, "A ZIP archive is hidden after the end of the image."),
        (b"%PDF-1.7\n", "A PDF document is hidden after the end of the image."),
        (b"Image_UTC_Data1710435731000SEFH", "Samsung camera data is hidden after the end of "
                                             "the image."),
        (b"\x01\x02\x03" * 4096, "It has 12.3 KB of hidden data after the end of the image."),
    ],
)  # fmt: skip
def test_other_trailers_are_named_by_their_signature(data: bytes, message: str) -> None:
    finding = only(appended_data, metadata(trailer=trailer(data)))
    assert (finding.message, finding.severity) == (message, Severity.HIGH)


@pytest.mark.parametrize("data", [b"\x00" * 600, b"\xff" * 20])
def test_zero_padding_is_low(data: bytes) -> None:
    finding = only(appended_data, metadata(trailer=trailer(data)))
    assert finding.severity is Severity.LOW
    assert "empty padding" in finding.message


@pytest.mark.parametrize("data", [b"\n", b"\x01\x02\x03"])
def test_a_few_stray_bytes_are_low(data: bytes) -> None:
    finding = only(appended_data, metadata(trailer=trailer(data)))
    assert finding.severity is Severity.LOW
    assert "hidden data after the end of the image" in finding.message


def test_zeros_that_are_only_a_prefix_of_a_long_trailer_are_not_padding() -> None:
    finding = only(appended_data, metadata(trailer=trailer(b"\x00" * 64, length=5_000_000)))
    assert finding.severity is Severity.HIGH
    assert finding.message == "It has 5.0 MB of hidden data after the end of the image."


def test_evidence_shows_where_the_trailer_is_and_how_long() -> None:
    evidence = only(appended_data, metadata(trailer=trailer(b"PK\x03\x04"))).evidence
    assert evidence["Trailer:offset"] == "40000"
    assert evidence["Trailer:length"] == "4 bytes"
    assert evidence["Trailer:start"] == "50 4b 03 04"


def test_no_trailer_no_finding() -> None:
    assert run(appended_data, metadata(("XMP-GCamera", "MotionPhoto", 1))) == []
