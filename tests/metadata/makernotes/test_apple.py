"""Apple iOS: "Apple iOS\\0" + version + "MM", a big-endian IFD whose offsets count from
the note; the ids that pair a Live Photo's still with its video, and a burst's shots."""

from __future__ import annotations

from tests.metadata.builders import note_ifd
from thinktwice.models import Kind, Severity

from .notes import assert_read, findings, jpeg_with_note, said, text

PAIRING = "570F1469-09C7-4E50-9875-05F21D5BD166"


def apple(at: int) -> bytes:
    entries = [text(0x000B, "C2D4E6F8-0000-4000-8000-123456789ABC"), text(0x0011, PAIRING)]
    return b"Apple iOS\0\0\x01MM" + note_ifd(">", entries, 14, 0)


JPEG = jpeg_with_note("Apple", "iPhone 13 Pro", apple)


def test_exiftool_and_we_read_the_live_photo_and_burst_ids() -> None:
    assert_read(JPEG, {
        "MediaGroupUUID": PAIRING, "BurstUUID": "C2D4E6F8-0000-4000-8000-123456789ABC",
    })  # fmt: skip


def test_the_pairing_id_links_the_photo_to_its_live_photo_video() -> None:
    found = findings(JPEG)[Kind.DEVICE_SERIAL]
    assert said(found) == (
        Severity.HIGH,
        "It carries an identifier that links it to its Live Photo video.",
    )
    assert found.evidence["MakerNotes-Apple:MediaGroupUUID"] == PAIRING
