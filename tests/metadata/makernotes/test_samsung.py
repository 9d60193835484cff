"""Samsung Type2 (cameras and Galaxy phones): a plain IFD starting with its version
("0100"); the serial at 0xa002, offsets from the TIFF header or the note. And the
unique id Galaxy phones write in an APP5 segment."""

from __future__ import annotations

import pytest

import thinktwice
from tests.metadata.builders import note_ifd
from tests.support.containers import after_soi, jpeg_segment
from tests.support.exiftool import assert_clean
from thinktwice.formats import jpeg as jpeg_format
from thinktwice.metadata.decode import decode
from thinktwice.models import Kind, Severity

from .notes import (
    IMAGE,
    assert_read,
    exiftool_maker_tags,
    findings,
    jpeg_with_note,
    raw,
    said,
    text,
)

ENTRIES = [raw(0x0001, b"0100"), text(0xA001, "G950FXXU1AQL5"), text(0xA002, "R58J12ABCDE")]


@pytest.mark.parametrize("relative", [False, True], ids=["from TIFF header", "from the note"])
def test_exiftool_and_we_read_the_serial(relative: bool) -> None:
    jpeg = jpeg_with_note(
        "SAMSUNG", "SM-G950F", lambda at: note_ifd("<", ENTRIES, 0 if relative else at, 0)
    )
    assert_read(jpeg, {"SerialNumber": "R58J12ABCDE", "FirmwareName": "G950FXXU1AQL5"})


def test_the_serial_is_reported() -> None:
    found = findings(
        jpeg_with_note("SAMSUNG", "SM-G950F", lambda at: note_ifd("<", ENTRIES, at, 0))
    )
    assert found[Kind.DEVICE_SERIAL].severity is Severity.HIGH
    assert found[Kind.DEVICE_SERIAL].evidence["MakerNotes-Samsung:SerialNumber"] == "R58J12ABCDE"


UNIQUE_ID = bytes.fromhex("a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90")


def galaxy_app5(unique: bytes = UNIQUE_ID) -> bytes:
    """A Galaxy JPEG's APP5: "ssuniqueid\\0" then the 32-byte id (exiftool Samsung::APP5)."""
    return after_soi(IMAGE, jpeg_segment(0xE5, b"ssuniqueid\0" + unique))


def test_exiftool_and_we_read_the_app5_unique_id() -> None:
    jpeg = galaxy_app5()
    assert exiftool_maker_tags(jpeg)["UniqueID"] == UNIQUE_ID.hex()
    tags = [(t.group, t.name, t.value) for t in decode(jpeg_format.read(jpeg)).tags]
    assert ("Samsung", "UniqueID", UNIQUE_ID.hex()) in tags


def test_the_app5_id_is_reported_and_cleaned_away() -> None:
    jpeg = galaxy_app5()
    found = findings(jpeg)[Kind.DEVICE_SERIAL]
    assert said(found) == (
        Severity.HIGH,
        "It carries a unique camera ID, which can link your photos together.",
    )
    assert found.evidence["Samsung:UniqueID"] == UNIQUE_ID.hex()
    cleaned = thinktwice.clean(jpeg)
    assert b"ssuniqueid" not in cleaned
    assert_clean(cleaned, ".jpg")


def test_a_zero_app5_id_is_no_finding() -> None:
    assert Kind.DEVICE_SERIAL not in findings(galaxy_app5(bytes(32)))
