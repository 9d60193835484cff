"""Motorola: "MOT\\0" + 4 bytes, then a big-endian IFD whose offsets count from the note."""

from __future__ import annotations

from tests.metadata.builders import note_ifd
from thinktwice.models import Kind, Severity

from .notes import assert_read, findings, jpeg_with_note, said, text


def moto(at: int) -> bytes:
    entries = [text(0x5500, "LPH23.116-18"), text(0x5501, "NX0A3S0075")]
    return b"MOT\0\x01\x01\x01\x01" + note_ifd(">", entries, 8, 0)


JPEG = jpeg_with_note("motorola", "XT1575", moto)


def test_exiftool_and_we_read_the_serial_and_build() -> None:
    assert_read(JPEG, {"SerialNumber": "NX0A3S0075", "BuildNumber": "LPH23.116-18"})


def test_the_phone_serial_is_reported() -> None:
    serial = findings(JPEG)[Kind.DEVICE_SERIAL]
    assert said(serial) == (
        Severity.HIGH,
        "It carries your camera's serial number, which can link your photos together.",
    )
    assert serial.evidence["MakerNotes-Motorola:SerialNumber"] == "NX0A3S0075"
