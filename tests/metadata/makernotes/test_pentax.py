"""Pentax: "AOC\\0" + byte order, an IFD whose offsets count from the TIFF header;
the serial, the internal serial, the capture date and time, and a preview JPEG."""

from __future__ import annotations

import struct

import pytest

from tests.metadata.builders import note_ifd
from thinktwice.models import Kind, Severity

from .notes import (
    PREVIEW,
    PREVIEW_SHOWN,
    assert_read,
    findings,
    ifd_size,
    jpeg_with_note,
    longs,
    our_pictures,
    raw,
    said,
    text,
)


def pentax(e: str, serial: str = "4123456") -> object:
    def build(at: int) -> bytes:
        def entries(start: int) -> list:
            return [
                longs(e, 0x0003, len(PREVIEW)),
                longs(e, 0x0004, start),
                raw(0x0006, struct.pack(">HBB", 2008, 3, 2)),  # the year is big endian always
                raw(0x0007, bytes((12, 1, 23))),
                longs(e, 0x0215, 0, 0, 0, 0, 132352),
                text(0x0229, serial),
            ]

        ifd_at = at + 6
        start = ifd_at + ifd_size(entries(0))  # the preview right after the IFD
        order = b"II" if e == "<" else b"MM"
        return b"AOC\0" + order + note_ifd(e, entries(start), ifd_at, 0) + PREVIEW

    return build


@pytest.mark.parametrize("e", ["<", ">"])
def test_exiftool_and_we_read_serials_date_time_and_preview(e: str) -> None:
    jpeg = jpeg_with_note("PENTAX Corporation", "PENTAX K10D", pentax(e))
    assert_read(jpeg, {
        "SerialNumber": "4123456", "InternalSerialNumber": "132352",
        "Date": "2008:03:02", "Time": "12:01:23",
    }, PREVIEW_SHOWN)  # fmt: skip
    assert our_pictures(jpeg) == [("preview", "EXIF MakerNote", PREVIEW, "image/jpeg")]


def test_the_serial_date_and_preview_are_reported() -> None:
    found = findings(jpeg_with_note("PENTAX Corporation", "PENTAX K10D", pentax(">")))
    assert found[Kind.DEVICE_SERIAL].severity is Severity.HIGH
    assert said(found[Kind.CAPTURE_TIME]) == (
        Severity.MEDIUM,
        "It shows when it was taken: 2 March 2008, 12:01.",
    )
    assert said(found[Kind.THUMBNAIL]) == (
        Severity.MEDIUM,
        "It carries a hidden preview of the photo (the camera's maker notes).",
    )


def test_a_blank_serial_still_leaves_the_internal_one() -> None:
    found = findings(jpeg_with_note("PENTAX Corporation", "PENTAX K10D", pentax("<", "")))
    evidence = found[Kind.DEVICE_SERIAL].evidence
    assert evidence.get("MakerNotes-Pentax:InternalSerialNumber") == "132352"
    assert "MakerNotes-Pentax:SerialNumber" not in evidence
