"""Reconyx trail cameras: binary records, little endian, by header. Each holds the
camera's serial number, its user label and the capture time; the EXIF holds none
of them (the HyperFire writes no Make, Model or DateTimeOriginal)."""

from __future__ import annotations

import struct

import pytest

from thinktwice.models import Kind, Severity

from .notes import assert_read, findings, jpeg_with_note, said


def put(record: bytearray, offset: int, data: bytes) -> None:
    record[offset : offset + len(data)] = data


def hyperfire(at: int) -> bytes:
    """HC500: "\\x01\\xf1" + firmware 3.3.0, the time as six SHORTs (s, min, h, month,
    day, year), the serial in UCS-2 at 42, the label at 86."""
    record = bytearray(128)
    put(record, 0, b"\x01\xf1" + struct.pack("<3H", 3, 3, 0))
    put(record, 22, struct.pack("<6H", 0, 0, 10, 3, 16, 2020))
    put(record, 42, "H500EE06130468".encode("utf-16-le"))
    put(record, 86, b"NORTH GATE")
    return bytes(record)


def hyperfire2(at: int) -> bytes:
    """HF2: "RECONYXH2\\0", the time as six SHORTs (s, min, h, day, month, year) at
    0x3e, the label at 0x68, the serial in UCS-2 at 0x7e."""
    record = bytearray(0xA0)
    put(record, 0, b"RECONYXH2\0")
    put(record, 0x3E, struct.pack("<6H", 12, 4, 10, 4, 4, 2019))
    put(record, 0x68, b"NORTH GATE")
    put(record, 0x7E, "HLPXEL09018779".encode("utf-16-le"))
    return bytes(record)


CASES = [
    (hyperfire, "", {"SerialNumber": "H500EE06130468", "UserLabel": "NORTH GATE",
                     "DateTimeOriginal": "2020:03:16 10:00:00"}),
    (hyperfire2, "RECONYX", {"SerialNumber": "HLPXEL09018779", "UserLabel": "NORTH GATE",
                             "DateTimeOriginal": "2019:04:04 10:04:12"}),
]  # fmt: skip


@pytest.mark.parametrize(("note", "make", "expected"), CASES, ids=["HyperFire", "HyperFire2"])
def test_exiftool_and_we_read_serial_label_and_time(
    note: object, make: str, expected: dict[str, object]
) -> None:
    assert_read(jpeg_with_note(make, "", note), expected)  # type: ignore[arg-type]


def test_the_serial_label_and_time_are_reported() -> None:
    found = findings(jpeg_with_note("", "", hyperfire))
    serial = found[Kind.DEVICE_SERIAL]
    assert said(serial) == (
        Severity.HIGH,
        "It carries your camera's serial number, which can link your photos together.",
    )
    assert serial.evidence["MakerNotes-Reconyx:UserLabel"] == "NORTH GATE"
    assert said(found[Kind.CAPTURE_TIME]) == (
        Severity.MEDIUM,
        "It shows when it was taken: 16 March 2020, 10:00.",
    )
