"""Device: serial numbers and capture IDs link photos (HIGH); make and model are LOW."""

from __future__ import annotations

import pytest

from thinktwice.findings.device import camera_name, device_model, device_serial
from thinktwice.models import Kind, Severity

from .build import metadata, only, run

SERIAL_SENTENCE = "It carries your camera's serial number, which can link your photos together."
ID_SENTENCE = "It carries a unique camera ID, which can link your photos together."


@pytest.mark.parametrize(
    ("group", "name", "value"),
    [
        ("ExifIFD", "SerialNumber", "SN-4815162342"),
        ("ExifIFD", "LensSerialNumber", "LS-271828"),
        ("MakerNotes-Canon", "InternalSerialNumber", "H1234567"),
        ("MakerNotes-Nikon", "SerialNumber", 4001234),
        ("XMP-aux", "SerialNumber", "1234567890"),
        ("XMP-aux", "LensSerialNumber", "0000abc12"),
        ("XMP-exifEX", "BodySerialNumber", "BODY123"),
        ("XMP-exifEX", "LensSerialNumber", "LENS456"),
    ],
)
def test_serial_numbers_anywhere_are_high(group: str, name: str, value: object) -> None:
    finding = only(device_serial, metadata((group, name, value)))
    assert (finding.kind, finding.severity) == (Kind.DEVICE_SERIAL, Severity.HIGH)
    assert finding.message == SERIAL_SENTENCE
    assert finding.evidence == {f"{group}:{name}": str(value)}


@pytest.mark.parametrize(
    ("group", "name"),
    [
        ("ExifIFD", "ImageUniqueID"),
        ("XMP-exif", "ImageUniqueID"),
        ("MakerNotes-Apple", "ImageCaptureRequestID"),
        ("MakerNotes-Apple", "PhotoIdentifier"),
        ("XMP-GCamera", "BurstID"),
    ],
)
def test_capture_ids_are_high_with_their_own_sentence(group: str, name: str) -> None:
    finding = only(device_serial, metadata((group, name, "4F2A7C1E-93B0-4D6A-8E1F-1A2B3C4D5E6F")))
    assert finding.severity is Severity.HIGH
    assert finding.message == ID_SENTENCE


@pytest.mark.parametrize(
    ("group", "name"),
    [("MakerNotes-Apple", "ContentIdentifier"), ("MakerNotes-Apple", "MediaGroupUUID"),
     ("XMP-apple-fi", "ContentIdentifier")],
)  # fmt: skip
def test_a_live_photo_pairing_id_says_it_links_the_photo_to_its_video(
    group: str, name: str
) -> None:
    finding = only(device_serial, metadata((group, name, "4F2A7C1E-93B0-4D6A")))
    assert finding.severity is Severity.HIGH
    assert finding.message == "It carries an identifier that links it to its Live Photo video."


def test_a_live_photo_video_says_it_links_to_its_still() -> None:
    finding = only(device_serial, metadata(("Keys", "ContentIdentifier", "4F2A7C1E-93B0-4D6A")))
    assert (
        finding.message == "It carries an identifier that links it to its Live Photo still photo."
    )


def test_serials_and_ids_make_one_finding_led_by_the_serial() -> None:
    meta = metadata(
        ("ExifIFD", "ImageUniqueID", "0123456789abcdef"),
        ("ExifIFD", "SerialNumber", "SN-1"),
        ("MakerNotes-Canon", "SerialNumber", "SN-1"),
    )
    finding = only(device_serial, meta)
    assert finding.message == SERIAL_SENTENCE
    assert len(finding.evidence) == 3


@pytest.mark.parametrize("value", ["", "   ", "0000000000", "00000000000000000000000000000000",
                                   "Unknown", "n/a", b"\x00\x00", "\x00\x00\x00"])  # fmt: skip
def test_placeholder_serials_are_ignored(value: object) -> None:
    assert run(device_serial, metadata(("ExifIFD", "SerialNumber", value))) == []


def test_unrelated_tags_give_no_serial_finding() -> None:
    meta = metadata(("ExifIFD", "SerialNumberFormat", "x"), ("IFD0", "Make", "Canon"))
    assert run(device_serial, meta) == []


@pytest.mark.parametrize(
    ("make", "model", "name"),
    [
        ("Apple", "iPhone 15 Pro", "Apple iPhone 15 Pro"),
        ("Canon", "Canon EOS 40D", "Canon EOS 40D"),
        ("NIKON CORPORATION", "NIKON D70", "NIKON D70"),
        ("EASTMAN KODAK COMPANY", "KODAK CX7530 ZOOM DIGITAL CAMERA",
         "KODAK CX7530 ZOOM DIGITAL CAMERA"),
        ("OLYMPUS IMAGING CORP.", "E-M5", "OLYMPUS E-M5"),
        ("Konica Minolta Camera, Inc.", "DiMAGE Z3", "Konica Minolta DiMAGE Z3"),
        ("FUJIFILM", "FinePix6900ZOOM", "FUJIFILM FinePix6900ZOOM"),
        ("samsung", "SM-G991B", "samsung SM-G991B"),
        ("Google", None, "Google"),
        (None, "Pixel 8", "Pixel 8"),
    ],
)  # fmt: skip
def test_camera_name_joins_make_and_model_without_repeating_the_maker(
    make: str | None, model: str | None, name: str
) -> None:
    assert camera_name(make, model) == name


def test_make_and_model_name_the_camera_at_low_severity() -> None:
    meta = metadata(
        ("IFD0", "Make", "Apple"),
        ("IFD0", "Model", "iPhone 15 Pro"),
        ("ExifIFD", "LensModel", "iPhone 15 Pro back triple camera 6.86mm f/1.78"),
    )
    finding = only(device_model, meta)
    assert (finding.kind, finding.severity) == (Kind.DEVICE_MODEL, Severity.LOW)
    assert finding.message == "It names your camera: Apple iPhone 15 Pro."
    assert set(finding.evidence) == {"IFD0:Make", "IFD0:Model", "ExifIFD:LensModel"}


@pytest.mark.parametrize(
    ("tags", "message"),
    [
        ([("XMP-tiff", "Make", "Canon"), ("XMP-tiff", "Model", "Canon EOS R5")],
         "It names your camera: Canon EOS R5."),
        ([("XMP-aux", "Lens", "RF24-105mm F4 L IS USM")],
         "It names your camera lens: RF24-105mm F4 L IS USM."),
        ([("IFD0", "HostComputer", "MacBook Pro")], "It names your device: MacBook Pro."),
        ([("PNG tEXt", "Source", "Canon EOS 5D")], "It names your camera: Canon EOS 5D."),
    ],
)  # fmt: skip
def test_other_device_fields_name_the_device(
    tags: list[tuple[str, str, object]], message: str
) -> None:
    assert only(device_model, metadata(*tags)).message == message


def test_blank_make_and_model_find_nothing() -> None:
    assert run(device_model, metadata(("IFD0", "Make", ""), ("IFD0", "Model", "  "))) == []
