"""Olympus-format notes ("OLYMPUS\\0", "OM SYSTEM\\0"): a main IFD whose offsets count
from the note, pointing to Equipment (serials, model, firmware) and CameraSettings
(where the preview JPEG lies)."""

from __future__ import annotations

import pytest

from tests.metadata.builders import IFD, note_ifd
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
    said,
    text,
)

EQUIPMENT = [
    text(0x0100, "D4040"),
    text(0x0101, "143008611"),
    longs("<", 0x0104, 0x1300),
    text(0x0202, "050105886"),
]


def olympus(header: bytes) -> object:
    """A note with `header` ("OLYMPUS\\0II\\x03\\0" or "OM SYSTEM\\0\\0\\0II\\x03\\0")."""

    def build(at: int) -> bytes:
        main_at = len(header)

        def main(equipment: int, settings: int) -> list:
            return [
                text(0x0207, "D4040"),
                longs("<", 0x2010, equipment, typ=IFD),
                longs("<", 0x2020, settings, typ=IFD),
            ]

        equipment_at = main_at + ifd_size(main(0, 0))

        def settings(start: int) -> list:
            return [longs("<", 0x0100, 1), longs("<", 0x0101, start),
                    longs("<", 0x0102, len(PREVIEW))]  # fmt: skip

        settings_at = equipment_at + ifd_size(EQUIPMENT)
        preview_at = settings_at + ifd_size(settings(0))
        # Offsets count from the note's start, as exiftool reads these notes.
        return (
            header
            + note_ifd("<", main(equipment_at, settings_at), main_at, 0)
            + note_ifd("<", EQUIPMENT, equipment_at, 0)
            + note_ifd("<", settings(preview_at), settings_at, 0)
            + PREVIEW
        )

    return build


HEADERS = [b"OLYMPUS\0II\x03\0", b"OM SYSTEM\0\0\0II\x03\0"]


@pytest.mark.parametrize("header", HEADERS, ids=["OLYMPUS", "OM SYSTEM"])
def test_exiftool_and_we_read_serials_model_firmware_and_preview(header: bytes) -> None:
    jpeg = jpeg_with_note("OLYMPUS IMAGING CORP.", "E-1", olympus(header))
    # exiftool shows the camera type code by its model name and the firmware number
    # as a version; we keep the code, and show the version as exiftool does.
    assert_read(
        jpeg,
        {"CameraType": "D4040", "CameraType2": "D4040", "SerialNumber": "143008611",
         "BodyFirmwareVersion": "1.300", "LensSerialNumber": "050105886"},
        {"CameraType": "E-1", "CameraType2": "E-1", **PREVIEW_SHOWN},
    )  # fmt: skip
    assert our_pictures(jpeg) == [("preview", "EXIF MakerNote", PREVIEW, "image/jpeg")]


def test_the_serials_and_the_preview_are_reported() -> None:
    found = findings(jpeg_with_note("OLYMPUS IMAGING CORP.", "E-1", olympus(HEADERS[0])))
    serial = found[Kind.DEVICE_SERIAL]
    assert serial.severity is Severity.HIGH
    assert serial.evidence["MakerNotes-Olympus:SerialNumber"] == "143008611"
    assert serial.evidence["MakerNotes-Olympus:LensSerialNumber"] == "050105886"
    assert said(found[Kind.THUMBNAIL]) == (
        Severity.MEDIUM,
        "It carries a hidden preview of the photo (the camera's maker notes).",
    )
    assert said(found[Kind.DEVICE_MODEL]) == (Severity.LOW, "It names your camera: OLYMPUS E-1.")
