"""Canon: a plain IFD, offsets from the TIFF header; the owner's name, the serial, the model."""

from __future__ import annotations

from tests.metadata.builders import note_ifd
from thinktwice.models import Kind, Severity

from .notes import assert_read, findings, jpeg_with_note, longs, said, text


def powershot(at: int) -> bytes:
    """A PowerShot's note: image type, firmware, the owner's name (32 bytes), the serial."""
    entries = [
        text(0x0006, "IMG:PowerShot S40 JPEG"),
        text(0x0007, "Firmware Version 1.10"),
        text(0x0009, "Chris Smith", 32),
        longs("<", 0x000C, 1234567),
    ]
    return note_ifd("<", entries, at, 0)


JPEG = jpeg_with_note("Canon", "Canon PowerShot S40", powershot)


def test_exiftool_and_we_read_the_owner_serial_and_model() -> None:
    assert_read(JPEG, {
        "OwnerName": "Chris Smith", "SerialNumber": "0001234567",
        "CanonImageType": "IMG:PowerShot S40 JPEG",
        "CanonFirmwareVersion": "Firmware Version 1.10",
    })  # fmt: skip


def test_the_owner_is_named_and_the_serial_and_model_reported() -> None:
    found = findings(JPEG)
    assert said(found[Kind.PERSON_NAME]) == (
        Severity.HIGH,
        "It carries the camera's owner name 'Chris Smith'.",
    )
    assert "MakerNotes-Canon:OwnerName" in found[Kind.PERSON_NAME].evidence
    assert said(found[Kind.DEVICE_SERIAL]) == (
        Severity.HIGH,
        "It carries your camera's serial number, which can link your photos together.",
    )
    assert found[Kind.DEVICE_SERIAL].evidence["MakerNotes-Canon:SerialNumber"] == "0001234567"
    assert said(found[Kind.DEVICE_MODEL]) == (
        Severity.LOW,
        "It names your camera: Canon PowerShot S40.",
    )
    assert "MakerNotes-Canon:CanonImageType" in found[Kind.DEVICE_MODEL].evidence


def test_without_a_model_in_ifd0_the_maker_note_names_the_camera() -> None:
    found = findings(jpeg_with_note("Canon", "", powershot))
    assert said(found[Kind.DEVICE_MODEL]) == (
        Severity.LOW,
        "It names your camera: Canon IMG:PowerShot S40 JPEG.",
    )
