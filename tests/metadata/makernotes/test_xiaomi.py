"""Xiaomi: no maker note, but two tags of their own in the ExifIFD (exiftool 13's
Exif.pm): 0x9a00 XiaomiModel, the phone's market name beside the model code in
IFD0, and 0x9999 XiaomiSettings, the camera's settings as JSON."""

from __future__ import annotations

import thinktwice
from tests.metadata.builders import TiffBuilder
from tests.support.containers import after_soi, jpeg_segment
from tests.support.exiftool import assert_clean
from thinktwice.models import Kind, Severity

from .notes import IMAGE, findings, our_exif, said

SETTINGS = '{"sensorType":"rear","Hdr":"normal","AIScene":0,"ZoomMultiple":1}'


def xiaomi(model: str = "2304FPN6DG") -> bytes:
    """A Redmi/Xiaomi JPEG: Make, the model code, and the ExifIFD's Xiaomi tags."""
    builder = TiffBuilder(b"II")
    market = builder.ascii(0x9A00, "Xiaomi 13 Ultra")
    exif_ifd = builder.ifd([builder.ascii(0x9999, SETTINGS), market])
    entries = [builder.ascii(0x010F, "Xiaomi"), builder.long(0x8769, exif_ifd)]
    if model:
        entries.insert(1, builder.ascii(0x0110, model))
    tiff = builder.finish(builder.ifd(entries))
    return after_soi(IMAGE, jpeg_segment(0xE1, b"Exif\0\0" + tiff))


def test_we_name_xiaomis_tags() -> None:
    tags = {t.name: t.value for t in our_exif(xiaomi()).tags if t.group == "ExifIFD"}
    assert tags["XiaomiModel"] == "Xiaomi 13 Ultra"
    assert tags["XiaomiSettings"] == SETTINGS


def test_the_market_name_names_the_phone_when_ifd0_has_no_model() -> None:
    found = findings(xiaomi(model=""))[Kind.DEVICE_MODEL]
    assert said(found) == (Severity.LOW, "It names your camera: Xiaomi 13 Ultra.")
    found = findings(xiaomi())[Kind.DEVICE_MODEL]
    assert said(found) == (Severity.LOW, "It names your camera: Xiaomi 2304FPN6DG.")
    assert found.evidence["ExifIFD:XiaomiModel"] == "Xiaomi 13 Ultra"


def test_the_cleaned_copy_has_neither() -> None:
    cleaned = thinktwice.clean(xiaomi())
    assert b"Xiaomi" not in cleaned and b"sensorType" not in cleaned
    assert_clean(cleaned, ".jpg")
