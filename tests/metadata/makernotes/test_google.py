"""Google Pixel: the EXIF maker note is "HDRP\\x03" + a gzipped protobuf, encrypted with
a xorshift64* key stream (exiftool 13's Google.pm; the installed 12.57 cannot read
it). Built here field by field: the frames' names, the phone's model and code name,
the capture time."""

from __future__ import annotations

import base64
import gzip

from hypothesis import given, settings
from hypothesis import strategies as st

import thinktwice
from tests.support.containers import after_soi, jpeg_segment
from tests.support.exiftool import assert_clean
from thinktwice.formats import jpeg as jpeg_format
from thinktwice.formats.jpeg.app import XMP as XMP_ID
from thinktwice.metadata import makernotes
from thinktwice.metadata.decode import decode
from thinktwice.metadata.makernotes import hdrp
from thinktwice.models import Kind, Severity

from .notes import IMAGE, findings, jpeg_with_note, our_maker_tags, said

FRAME = "Payload frame 00"  # what a Pixel names each frame it merges
TAKEN = 1697126602  # 2023-10-12 16:03:22 UTC


def varint(value: int) -> bytes:
    out = b""
    while True:
        byte, value = value & 0x7F, value >> 7
        if not value:
            return out + bytes([byte])
        out += bytes([byte | 0x80])


def field(number: int, value: int | bytes) -> bytes:
    """One protobuf field: a varint, or length-delimited bytes (text, a message)."""
    if isinstance(value, int):
        return varint(number << 3) + varint(value)
    return varint(number << 3 | 2) + varint(len(value)) + value


def hdrp_message(taken: int = TAKEN) -> bytes:
    """A frame's name (1.1), frame count (9.3) and capture time (9.36.1), the device (12)."""
    device = b"".join([
        field(1, b"Google"), field(2, b"Pixel 8 Pro"), field(3, b"husky"),
        field(4, b"MP1.0"), field(6, b"HDR+ 1.0.583254109zd"), field(7, b"14"),
        field(8, 1696000000000),
    ])  # fmt: skip
    return b"".join([
        field(1, field(1, FRAME.encode()) + field(2, b"\x01\x02")),
        field(9, field(3, 6) + field(36, field(1, taken))),
        field(12, device),
    ])  # fmt: skip


def hdrp_note(message: bytes, version: bytes = b"\x03") -> bytes:
    return b"HDRP" + version + hdrp.crypt(gzip.compress(message, mtime=0))


def pixel(message: bytes | None = None, version: bytes = b"\x03") -> bytes:
    note = hdrp_note(hdrp_message() if message is None else message, version)
    return jpeg_with_note("Google", "Pixel 8 Pro", lambda at: note)


JPEG = pixel()
EXPECTED = {
    "MakerNoteVendor": "Google", "CreateDate": "2023:10:12 16:03:22Z",
    "DeviceModel": "Pixel 8 Pro", "DeviceCodename": "husky", "DeviceHardwareRevision": "MP1.0",
    "HDRPSoftware": "HDR+ 1.0.583254109zd", "AndroidRelease": "14",
}  # fmt: skip


def test_we_read_the_model_and_capture_time() -> None:
    assert our_maker_tags(JPEG) == EXPECTED


def test_the_key_stream_is_exiftools() -> None:
    # The stream's first three words, as the note above is built with and exiftool
    # 13.58 (Google.pm) reads back: model, code name, times all as written.
    assert hdrp.crypt(bytes(24)).hex() == "f0ef3d6d5e701e2ce81ca0ea3d1bf31d780293fa0e6e6b2c"
    assert hdrp.crypt(hdrp.crypt(b"any length at all")) == b"any length at all"


def test_the_phone_and_the_time_are_reported() -> None:
    found = findings(jpeg_with_note("Google", "", lambda at: hdrp_note(hdrp_message())))
    # No Model in IFD0: the note names the phone, after the EXIF Make.
    said_model = said(found[Kind.DEVICE_MODEL])
    assert said_model == (Severity.LOW, "It names your camera: Google Pixel 8 Pro.")
    assert found[Kind.DEVICE_MODEL].evidence["MakerNotes-Google:DeviceCodename"] == "husky"
    assert Kind.DEVICE_SERIAL not in found  # frame names are the same in every photo
    taken = found[Kind.CAPTURE_TIME]
    assert "12 October 2023" in taken.message
    assert taken.evidence["MakerNotes-Google:CreateDate"] == "2023:10:12 16:03:22Z"


def test_a_text_note_version_2_names_nothing() -> None:
    assert our_maker_tags(pixel(b"Summary: 6 frames\n", b"\x02")) == {"MakerNoteVendor": "Google"}


def test_a_broken_note_gives_what_was_read_and_never_fails() -> None:
    message = hdrp_message()
    cut = hdrp_message()[: len(message) - 40]  # the device message cut short
    assert our_maker_tags(pixel(cut)) == {
        "MakerNoteVendor": "Google", "CreateDate": "2023:10:12 16:03:22Z",
    }  # fmt: skip
    garbage = jpeg_with_note("Google", "Pixel 8 Pro", lambda at: b"HDRP\x03" + bytes(64))
    assert our_maker_tags(garbage) == {"MakerNoteVendor": "Google"}


def test_a_note_inflating_past_the_cap_is_not_read() -> None:
    bomb = b"HDRP\x03" + hdrp.crypt(gzip.compress(bytes(hdrp.MAX_INFLATED + 1)))
    assert hdrp.open_note(bomb) is None


def test_the_cleaned_copy_has_no_note() -> None:
    cleaned = thinktwice.clean(JPEG)
    assert b"HDRP" not in cleaned
    assert_clean(cleaned, ".jpg")


def xmp_jpeg(encoded: str) -> bytes:
    """A JPEG whose XMP holds `encoded` (the note as base64) in GCamera:HdrPlusMakernote,
    as Pixel phones write it beside (or instead of) the EXIF one."""
    packet = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF'
        ' xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description'
        ' rdf:about="" xmlns:GCamera="http://ns.google.com/photos/1.0/camera/"'
        f' GCamera:HdrPlusMakernote="{encoded}"/>'
        "</rdf:RDF></x:xmpmeta>"
    ).encode()
    return after_soi(IMAGE, jpeg_segment(0xE1, XMP_ID + packet))


def test_the_note_in_xmp_is_read_too() -> None:
    jpeg = xmp_jpeg(base64.b64encode(hdrp_note(hdrp_message())).decode())
    tags = {t.name: t.value for t in decode(jpeg_format.read(jpeg)).tags
            if t.group == "MakerNotes-Google"}  # fmt: skip
    assert tags == EXPECTED
    found = findings(jpeg)
    taken = found[Kind.CAPTURE_TIME].evidence
    assert taken["MakerNotes-Google:CreateDate"] == EXPECTED["CreateDate"]
    assert said(found[Kind.DEVICE_MODEL]) == (Severity.LOW, "It names your camera: Pixel 8 Pro.")


def test_xmp_that_is_not_base64_is_skipped() -> None:
    broken = xmp_jpeg("not base64!")
    assert not [t for t in decode(jpeg_format.read(broken)).tags if t.group.startswith("Maker")]


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_random_protobuf_payloads_never_raise(payload: bytes) -> None:
    note = hdrp_note(payload)
    found = makernotes.decode("Google", note, note, 0, "<")
    assert found.vendor == "Google"
    assert all(t.group == "MakerNotes-Google" for t in found.tags)
