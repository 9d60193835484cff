"""The bytes after an image, decoded: their kind by signature, a clip's length, padding."""

from __future__ import annotations

import struct

import pytest

from tests.findings.build import mp4
from thinktwice.metadata.trailer import read_trailer
from thinktwice.records import Trailer


def content(data: bytes, length: int | None = None):
    return read_trailer(Trailer(offset=10, length=length or len(data), data=data))


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (mp4(3), "video"),
        (struct.pack(">I4s4s", 24, b"ftyp", b"heic") + b"\x00" * 12, "image"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 40, "image"),
        (b"PK\x03\x04", "zip"),
        (b"Rar!\x1a\x07\x00", "rar"),
        (b"7z\xbc\xaf\x27\x1c", "7z"),
        (b"%PDF-1.7\n", "pdf"),
        (b"Image_UTC_Data1710435731000SEFH", "samsung"),
        (b"\x01\x02\x03" * 10, None),
    ],
)
def test_a_trailer_is_named_by_its_signature(data: bytes, kind: str | None) -> None:
    assert content(data).kind == kind


def test_an_mp4_gives_its_duration_and_its_start_in_hex() -> None:
    found = content(mp4(3))
    assert found.seconds == pytest.approx(3)
    assert found.start == mp4(3)[:16].hex(" ")
    assert (found.offset, found.length) == (10, len(mp4(3)))


def test_samsung_markers_say_motion_photo() -> None:
    assert content(b"\x00" * 8 + b"MotionPhoto_Data").motion
    assert not content(b"\x00" * 8 + b"SEFH").motion


def test_padding_only_when_the_whole_trailer_is_zeros() -> None:
    assert content(b"\x00" * 64).padding
    assert not content(b"\x00" * 64, length=5_000_000).padding
    assert not content(b"\x00\x01").padding


@pytest.mark.parametrize("cut", [12, 24, 30, len(mp4(3)) - 1])
def test_a_truncated_movie_header_gives_no_duration(cut: int) -> None:
    assert content(mp4(3)[:cut]).seconds is None
