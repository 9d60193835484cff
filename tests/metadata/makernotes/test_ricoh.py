"""Ricoh: Make RICOH, "Ricoh\\0\\0\\0", then an IFD whose offsets count from the TIFF
header: the serial (16 bytes), the capture date (BCD, in ImageInfo), and the GXR's
body and lens serials in RicohSubdir ("[Ricoh Camera Info]\\0" + a big-endian IFD)."""

from __future__ import annotations

from tests.metadata.builders import note_ifd
from thinktwice.models import Kind, Severity

from .notes import assert_read, findings, jpeg_with_note, payload_at, raw, said, text

SERIAL = bytes.fromhex("00000000000000012207000003100957")
IMAGE_INFO = bytes(6) + bytes.fromhex("20060526114848") + bytes(19)
SERIAL_INFO = (
    b"1.00".ljust(16, b"\0")
    + b"21234567".ljust(16, b"\0")
    + bytes(16)
    + (b"L9876543".ljust(16, b"\0"))
)


def subdir(at: int) -> bytes:
    """RicohSubdir's block when it starts at absolute `at`."""
    return b"[Ricoh Camera Info]\0" + note_ifd(">", [raw(0x002C, SERIAL_INFO)], at + 20, 0)


def ricoh(at: int) -> bytes:
    def entries(block: bytes) -> list:
        return [
            text(0x0001, "Rdc"),
            text(0x0002, "Rev2219"),
            raw(0x0005, SERIAL),
            raw(0x1001, IMAGE_INFO),
            raw(0x2001, block),
        ]

    ifd_at = at + 8
    block_at = payload_at(entries(subdir(0)), 4, ifd_at)
    return b"Ricoh\0\0\0" + note_ifd(">", entries(subdir(block_at)), ifd_at, 0)


JPEG = jpeg_with_note("RICOH", "Caplio Pro G3", ricoh, b"MM")


def test_exiftool_and_we_read_the_serials_and_the_date() -> None:
    assert_read(JPEG, {
        "InternalSerialNumber": SERIAL.hex(), "RicohDate": "2006:05:26 11:48:48",
        "BodySerialNumber": "21234567", "LensSerialNumber": "L9876543",
    })  # fmt: skip


def test_the_serial_and_the_date_are_reported() -> None:
    found = findings(JPEG)
    assert found[Kind.DEVICE_SERIAL].severity is Severity.HIGH
    assert found[Kind.DEVICE_SERIAL].evidence["MakerNotes-Ricoh:BodySerialNumber"] == "21234567"
    assert said(found[Kind.CAPTURE_TIME]) == (
        Severity.MEDIUM,
        "It shows when it was taken: 26 May 2006, 11:48.",
    )
