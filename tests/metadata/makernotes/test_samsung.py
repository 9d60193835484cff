"""Samsung Type2 (cameras and Galaxy phones): a plain IFD starting with its version
("0100"); the serial at 0xa002, offsets from the TIFF header or the note."""

from __future__ import annotations

import pytest

from tests.metadata.builders import note_ifd
from thinktwice.models import Kind, Severity

from .notes import assert_read, findings, jpeg_with_note, raw, text

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
