"""Maker notes: each vendor's layout, read inside a real EXIF block, by exiftool's names.

Every note is built here byte by byte, the way the vendor lays it out (header,
byte order, where offsets count from), with long values stored out of line so a
wrong offset origin gives a wrong answer.
"""

from __future__ import annotations

import struct
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.metadata.builders import (
    BYTE,
    IFD,
    UNDEFINED,
    ascii_entry,
    long_entry,
    note_ifd,
    with_maker_note,
)
from thinktwice.metadata import exif, makernotes
from thinktwice.records import Tag

NoteBuilder = Callable[[int, str], bytes]
UUID = "570F1469-09C7-4E50-9875-05F21D5BD166"


def canon(at: int, e: str) -> bytes:
    unique = bytes.fromhex("4be844b6539347478841864f8be0dcc5")
    entries = [
        ascii_entry(0x0009, "Jean-Pierre Grignon"),
        long_entry(e, 0x000C, 1234567),
        (0x0028, BYTE, 16, unique),
        ascii_entry(0x0096, "HA0123456"),
    ]
    return note_ifd(e, entries, at, 0)  # offsets count from the TIFF header


def canon_moved(at: int, e: str) -> bytes:
    """A Canon note an editor moved 128 bytes on without fixing its offsets; the
    footer remembers where it was."""
    old = at + 128
    body = note_ifd(e, [ascii_entry(0x0096, "HA0123456"), ascii_entry(0x0009, "Owner")], old, 0)
    return body + (b"II*\0" if e == "<" else b"MM\0*") + struct.pack(e + "I", old)


def nikon(at: int, e: str) -> bytes:
    header = b"Nikon\0\x02\x10\0\0" + b"MM\0*" + struct.pack(">I", 8)
    entries = [ascii_entry(0x001D, "3105364"), long_entry(">", 0x00A7, 241575)]
    return header + note_ifd(">", entries, 8, 0)  # its own TIFF header: offsets from +10


def fujifilm(at: int, e: str) -> bytes:
    header = b"FUJIFILM" + struct.pack("<I", 12)
    return header + note_ifd("<", [ascii_entry(0x0010, "FPX20017035 592D3131")], 12, 0)


def olympus(at: int, e: str) -> bytes:
    equipment = [
        ascii_entry(0x0101, "B9V508278"),
        ascii_entry(0x0102, "4124207000283102"),
        ascii_entry(0x0202, "ABG366769"),
    ]
    main_at = 12
    main_size = 2 + 12 + 4
    sub = note_ifd(e, equipment, main_at + main_size, 0)
    main = note_ifd(e, [long_entry(e, 0x2010, main_at + main_size, IFD)], main_at, 0)
    return b"OLYMPUS\0" + (b"II" if e == "<" else b"MM") + b"\x03\0" + main + sub


def panasonic(at: int, e: str) -> bytes:
    serial = b"\0\0S010604030293\0"  # padded in front, as the FZ30 writes it
    entries = [(0x0025, UNDEFINED, 16, serial), ascii_entry(0x0052, "LSN0042")]
    return b"Panasonic\0\0\0" + note_ifd(e, entries, at + 12, 0)


def pentax(at: int, e: str) -> bytes:
    return b"AOC\0MM" + note_ifd(">", [ascii_entry(0x0229, "4123456")], at + 6, 0)


def pentax_dng(at: int, e: str) -> bytes:
    return b"PENTAX \0II" + note_ifd("<", [ascii_entry(0x0229, "4123456")], 10, 0)


def sony(at: int, e: str) -> bytes:
    return b"SONY DSC \0\0\0" + note_ifd(e, [ascii_entry(0x2031, "56341200")], at + 12, 0)


def samsung(at: int, e: str) -> bytes:
    return note_ifd(e, [ascii_entry(0xA002, "A1B2C3D4E5")], at, 0)


def samsung_relative(at: int, e: str) -> bytes:
    return note_ifd(e, [ascii_entry(0xA002, "A1B2C3D4E5")], 0, 0)  # offsets from the note


def apple(at: int, e: str) -> bytes:
    entries = [
        ascii_entry(0x000B, "BURST-1"),
        ascii_entry(0x0011, UUID),
        ascii_entry(0x0015, "IMAGE-ID-42"),
        ascii_entry(0x0020, "33F62070-6208-4EB1-893B-7F1D51E96F58"),
        ascii_entry(0x002B, "F0BAAA2A-49B5-44BB-AB7B-FBB6E1D380CD"),
    ]
    return b"Apple iOS\0\0\x01MM" + note_ifd(">", entries, 14, 0)  # offsets from the note


CASES: list[tuple[str, NoteBuilder, str, set[tuple[str, object]]]] = [
    ("Canon", canon, "Canon", {
        ("OwnerName", "Jean-Pierre Grignon"), ("SerialNumber", "0001234567"),
        ("ImageUniqueID", "4be844b6539347478841864f8be0dcc5"),
        ("InternalSerialNumber", "HA0123456"),
    }),
    ("Canon", canon_moved, "Canon", {
        ("InternalSerialNumber", "HA0123456"), ("OwnerName", "Owner"),
    }),
    ("NIKON CORPORATION", nikon, "Nikon", {("SerialNumber", "3105364"), ("ShutterCount", 241575)}),
    ("FUJIFILM", fujifilm, "FujiFilm", {("InternalSerialNumber", "FPX20017035 592D3131")}),
    ("OLYMPUS IMAGING CORP.", olympus, "Olympus", {
        ("SerialNumber", "B9V508278"), ("InternalSerialNumber", "4124207000283102"),
        ("LensSerialNumber", "ABG366769"),
    }),
    ("Panasonic", panasonic, "Panasonic", {
        ("InternalSerialNumber", "S010604030293"), ("LensSerialNumber", "LSN0042"),
    }),
    ("PENTAX Corporation", pentax, "Pentax", {("SerialNumber", "4123456")}),
    ("PENTAX", pentax_dng, "Pentax", {("SerialNumber", "4123456")}),
    ("SONY", sony, "Sony", {("SerialNumber", "00123456")}),
    ("SAMSUNG", samsung, "Samsung", {("SerialNumber", "A1B2C3D4E5")}),
    ("SAMSUNG", samsung_relative, "Samsung", {("SerialNumber", "A1B2C3D4E5")}),
    ("Apple", apple, "Apple", {
        ("BurstUUID", "BURST-1"), ("MediaGroupUUID", UUID), ("ImageUniqueID", "IMAGE-ID-42"),
        ("ImageCaptureRequestID", "33F62070-6208-4EB1-893B-7F1D51E96F58"),
        ("PhotoIdentifier", "F0BAAA2A-49B5-44BB-AB7B-FBB6E1D380CD"),
    }),
]  # fmt: skip


def maker_tags(data: exif.ExifData) -> list[Tag]:
    return [t for t in data.tags if t.group.startswith("MakerNotes-")]


@pytest.mark.parametrize("order", [b"II", b"MM"])
@pytest.mark.parametrize(
    ("make", "note", "vendor", "expected"), CASES, ids=[c[1].__name__ for c in CASES]
)
def test_vendor_identifiers_are_found(
    order: bytes, make: str, note: NoteBuilder, vendor: str, expected: set[tuple[str, object]]
) -> None:
    data = exif.decode(with_maker_note(make, note, order))
    tags = maker_tags(data)
    assert {t.group for t in tags} == {f"MakerNotes-{vendor}"}
    assert {(t.name, t.value) for t in tags} == {("MakerNoteVendor", vendor), *expected}
    assert data.problems == []


@pytest.mark.parametrize(("make", "note", "vendor", "expected"), CASES[:3])
def test_the_raw_maker_note_is_summarised_not_emitted(
    make: str, note: NoteBuilder, vendor: str, expected: set[tuple[str, object]]
) -> None:
    data = exif.decode(with_maker_note(make, note))
    (summary,) = [t for t in data.tags if t.name == "MakerNote"]
    assert summary.group == "ExifIFD"
    assert summary.value.endswith(f" bytes, {vendor}>")


def test_an_unknown_vendor_gives_no_maker_note_tags_and_no_problem() -> None:
    data = exif.decode(with_maker_note("Acme Cameras", lambda at, e: b"ACME" + bytes(60)))
    assert maker_tags(data) == []
    assert ("ExifIFD", "MakerNote", "<64 bytes>") in {(t.group, t.name, t.value) for t in data.tags}
    assert data.problems == []


@pytest.mark.parametrize(
    ("make", "garbage"),
    [
        ("Canon", b"\xff\xff" + bytes(40)),  # 65535 entries
        ("Canon", struct.pack("<H", 3) + bytes(10)),  # cut short
        ("NIKON", b"Nikon\0\x02\x10\0\0II*\0" + struct.pack("<I", 99999)),
        ("FUJIFILM", b"FUJIFILM" + struct.pack("<I", 5000)),
        ("Apple", b"Apple iOS\0"),
    ],
)
def test_a_broken_note_gives_the_vendor_and_never_raises(make: str, garbage: bytes) -> None:
    tags = maker_tags(exif.decode(with_maker_note(make, lambda at, e: garbage)))
    assert [t.name for t in tags] == ["MakerNoteVendor"]


def test_a_bare_jpeg_maker_note_becomes_a_preview_picture() -> None:
    jpeg = b"\xff\xd8\xff\xdb" + bytes(300) + b"\xff\xd9"
    data = exif.decode(with_maker_note("Samsung Techwin", lambda at, e: jpeg))
    assert [(p.kind, p.source, p.data) for p in data.pictures] == [
        ("preview", "EXIF MakerNote", jpeg)
    ]
    assert [t.name for t in maker_tags(data)] == ["MakerNoteVendor"]


@pytest.mark.parametrize(
    ("make", "prefix", "vendor"),
    [
        ("", b"Nikon\0\x02", "Nikon"),  # Nikon Capture writes Nikon notes for any camera
        ("Canon", b"Apple iOS\0", "Apple"),
        ("OLYMPUS OPTICAL CO.,LTD", b"OLYMP\0", "Olympus"),
        ("Panasonic", b"Panasonic\0", "Panasonic"),
        ("canon", b"", "Canon"),
        ("Acme", b"", None),
    ],
)
def test_vendor_is_detected_by_header_first_then_make(
    make: str, prefix: bytes, vendor: str | None
) -> None:
    layout = makernotes.detect(make, prefix + bytes(20))
    assert (layout.vendor if layout else None) == vendor


@settings(max_examples=300, deadline=200, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from([c[0] for c in CASES] + ["Acme"]),
    st.sampled_from([b"", b"Nikon\0\x02\x10\0\0", b"FUJIFILM", b"OLYMPUS\0II", b"AOC\0MM",
                     b"Apple iOS\0\0\x01MM", b"Panasonic\0\0\0", b"SONY DSC \0\0\0",
                     b"HUAWEI\0\0II*\0\x08\0\0\0", b"HDRP\x03"]),
    st.binary(max_size=600),
    st.sampled_from(["<", ">"]),
)  # fmt: skip
def test_random_notes_never_raise(make: str, header: bytes, body: bytes, e: str) -> None:
    note = header + body
    tiff = b"II*\0\x08\0\0\0" + note
    found = makernotes.decode(make, note, tiff, 8, e)
    assert all(t.group.startswith("MakerNotes-") for t in found.tags)
