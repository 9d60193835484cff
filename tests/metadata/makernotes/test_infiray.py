"""InfiRay thermal cameras (P2 Pro...): an APP2 "IJPEG" header marks the file, APP3
carries the thermal imaging data and APP9 the sensors' record, fixed fields, little
endian (exiftool InfiRay.pm). Built here the way the camera app writes them."""

from __future__ import annotations

import struct

from hypothesis import given, settings
from hypothesis import strategies as st

import thinktwice
from tests.support.containers import after_soi, jpeg_segment
from tests.support.exiftool import assert_clean
from thinktwice.formats import jpeg
from thinktwice.metadata import makernotes
from thinktwice.metadata.decode import decode
from thinktwice.models import Kind, Severity
from thinktwice.records import VendorBlock

from .notes import IMAGE, exiftool_group_tags, findings, said

# Values like those of exiftool's P2 Pro sample (t/images/InfiRay.jpg), whose part
# number holds the serial; the visible sensor's made different here.
IR_SERIAL, IR_PART = "P200019B15656148", "P2_B_V2.0_2080100019B15656148"
VISIBLE_SERIAL, VISIBLE_PART = "VIS998877", "OV2740_998877"
SENSOR_FIELDS = {  # offset: (size, value), as InfiRay::Sensor lays them out
    0x000: (12, "infisense"), 0x040: (12, "P2_USB_IR"), 0x080: (32, IR_PART),
    0x0C0: (32, IR_SERIAL), 0x100: (12, "2.07.01.00"), 0x180: (12, "OmniVision"),
    0x1C0: (12, "OV02"), 0x200: (32, VISIBLE_PART), 0x240: (32, VISIBLE_SERIAL),
    0x280: (12, "2.0"),
}  # fmt: skip


def version_header() -> bytes:
    """APP2: version 1.0.0.0, "IJPEG\\0", then the sizes of the data blocks (256x192 IR)."""
    header = bytearray(0x50)
    header[0:10] = b"\x01\x00\x00\x00IJPEG\x00"
    struct.pack_into("<QHHHB", header, 0x20, 256 * 192 * 2, 1, 256, 192, 16)
    return bytes(header)


def sensor_record(size: int = 0x300) -> bytes:
    """APP9: the sensors' names, part numbers, serials and firmware, NUL-padded."""
    record = bytearray(size)
    for offset, (width, value) in SENSOR_FIELDS.items():
        record[offset : offset + width] = value.encode().ljust(width, b"\0")
    struct.pack_into("<ff", record, 0x140, 1.1, 3.2)  # the IR lens's aperture, focal length
    return bytes(record)


def infiray_jpeg(sensor: bytes | None = None) -> bytes:
    """A JPEG as the InfiRay app writes it: header, imaging data (two APP3s), sensors."""
    imaging = b"\x07" * 60_000
    return after_soi(
        IMAGE,
        jpeg_segment(0xE2, version_header()),
        jpeg_segment(0xE3, imaging[:30_000]),
        jpeg_segment(0xE3, imaging[30_000:]),
        jpeg_segment(0xE9, sensor_record() if sensor is None else sensor),
    )


JPEG = infiray_jpeg()


def exiftool_infiray(data: bytes) -> dict[str, object]:
    """What exiftool reads in the InfiRay group: {name: printed value}."""
    return exiftool_group_tags(data, "InfiRay")


def our_infiray(data: bytes) -> dict[str, object]:
    """What our decoder reads in the InfiRay group."""
    return {t.name: t.value for t in decode(jpeg.read(data)).tags if t.group == "InfiRay"}


def test_exiftool_and_we_read_the_sensors_serials_names_and_firmware() -> None:
    expected = {
        "IRSensorName": "P2_USB_IR", "IRSensorPartNumber": IR_PART,
        "IRSensorSerialNumber": IR_SERIAL, "IRSensorFirmware": "2.07.01.00",
        "VisibleSensorName": "OV02", "VisibleSensorPartNumber": VISIBLE_PART,
        "VisibleSensorSerialNumber": VISIBLE_SERIAL, "VisibleSensorFirmware": "2.0",
    }  # fmt: skip
    theirs = exiftool_infiray(JPEG)
    assert {name: theirs.get(name) for name in expected} == expected
    assert theirs["ImagingData"].startswith("(Binary data 60000 bytes")
    assert our_infiray(JPEG) == expected


def test_the_serials_model_and_thermal_picture_are_reported() -> None:
    found = findings(JPEG)
    serial = found[Kind.DEVICE_SERIAL]
    assert said(serial) == (
        Severity.HIGH,
        "It carries your camera's serial number, which can link your photos together.",
    )
    assert serial.evidence["InfiRay:IRSensorSerialNumber"] == IR_SERIAL
    assert serial.evidence["InfiRay:VisibleSensorSerialNumber"] == VISIBLE_SERIAL
    assert serial.evidence["InfiRay:IRSensorPartNumber"] == IR_PART  # it holds the serial
    assert said(found[Kind.DEVICE_MODEL]) == (Severity.LOW, "It names your camera: P2_USB_IR.")
    assert said(found[Kind.HIDDEN_IMAGE]) == (
        Severity.HIGH,
        "It hides 1 more image (the thermal camera's imaging data).",
    )


def test_without_the_ijpeg_header_app9_is_not_read_as_infiray() -> None:
    plain = after_soi(IMAGE, jpeg_segment(0xE9, sensor_record()))
    assert exiftool_infiray(plain) == {}
    assert our_infiray(plain) == {}


def test_a_short_sensor_record_is_skipped_like_exiftool_does() -> None:
    short = infiray_jpeg(sensor_record(0x2C8))  # every field fits, but under 768 bytes
    assert "IRSensorSerialNumber" not in exiftool_infiray(short)
    assert our_infiray(short) == {}


def test_the_cleaned_copy_has_no_infiray_block() -> None:
    cleaned = thinktwice.clean(JPEG)
    assert exiftool_infiray(cleaned) == {}
    assert_clean(cleaned, ".jpg")


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=900))
def test_random_sensor_records_never_raise(data: bytes) -> None:
    found = makernotes.decode_block(VendorBlock("InfiRay", "Sensor", data))
    assert all(t.group == "InfiRay" for t in found.tags)
    assert makernotes.decode_block(VendorBlock("Acme", "Sensor", data)).tags == []
