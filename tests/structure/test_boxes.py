"""ISO base media file format boxes: headers read exactly, bounds enforced, boxes rewritten.

The reader is general (MP4/MOV will use it): only ISO/IEC 14496-12 containers are
known here; HEIF's own containers are tested in tests/formats/heif/test_boxes.py.
"""

from __future__ import annotations

import struct

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thinktwice.errors import CorruptImage
from thinktwice.structure import boxes as isobmff
from thinktwice.structure.boxes import Fields, make_full_box, parse


def raw(box_type: bytes, payload: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(payload), box_type) + payload


def large(box_type: bytes, payload: bytes) -> bytes:
    """A box spelled with a 64-bit size although 32 bits would do (legal)."""
    return struct.pack(">I4sQ", 1, box_type, 16 + len(payload)) + payload


def nested(depth: int) -> bytes:
    data = raw(b"free", b"")
    for _ in range(depth):
        data = raw(b"moov", data)
    return data


def test_header_fields_are_read() -> None:
    data = raw(b"ftyp", b"abcd") + raw(b"mdat", b"xyz")
    first, second = parse(data, 0, len(data), "HEIF")
    assert (first.type, first.offset, first.header_size, first.end) == (b"ftyp", 0, 8, 12)
    assert (second.type, second.start, second.size) == (b"mdat", 20, 11)


def test_largesize_is_read() -> None:
    data = large(b"mdat", b"payload")
    (box,) = parse(data, 0, len(data), "HEIF")
    assert (box.header_size, box.size, bytes(data[box.start : box.end])) == (16, 23, b"payload")


def test_size_zero_runs_to_the_end() -> None:
    data = raw(b"ftyp", b"abcd") + struct.pack(">I4s", 0, b"mdat") + b"to the end"
    (_, mdat) = parse(data, 0, len(data), "HEIF")
    assert (mdat.end, bytes(data[mdat.start : mdat.end])) == (len(data), b"to the end")


def test_uuid_boxes_carry_their_user_type() -> None:
    usertype = bytes(range(16))
    data = struct.pack(">I4s", 8 + 16 + 3, b"uuid") + usertype + b"abc"
    (box,) = parse(data, 0, len(data), "HEIF")
    assert (box.usertype, box.header_size, bytes(data[box.start : box.end])) == (
        usertype,
        24,
        b"abc",
    )


def test_iso_containers_are_parsed_to_their_leaves() -> None:
    data = raw(b"moov", raw(b"trak", raw(b"tkhd", bytes(4)))) + raw(b"mdat", b"frames")
    moov, mdat = parse(data, 0, len(data), "MP4")
    trak = moov.child(b"trak")
    assert trak is not None and [b.type for b in trak.children or ()] == [b"tkhd"]
    assert mdat.children is None


def test_meta_is_a_full_box_whose_children_follow_version_and_flags() -> None:
    data = make_full_box(b"meta", 0, 0, raw(b"hdlr", bytes(4)), raw(b"ilst", b""))
    (meta,) = parse(data, 0, len(data), "MP4")
    assert [b.type for b in meta.children or ()] == [b"hdlr", b"ilst"]


def test_a_family_adds_its_containers() -> None:
    data = raw(b"abcd", raw(b"efgh", b"xy"))
    (plain,) = parse(data, 0, len(data), "X")
    (known,) = parse(data, 0, len(data), "X", containers={b"abcd": 0})
    assert plain.children is None
    assert known.children is not None and [b.type for b in known.children] == [b"efgh"]


def test_children_at_is_asked_first() -> None:
    data = raw(b"abcd", b"\0\0" + raw(b"efgh", b""))
    (box,) = parse(
        data, 0, len(data), "X", children_at=lambda _d, b, _f: 2 if b.type == b"abcd" else None
    )
    assert box.children is not None and [b.type for b in box.children] == [b"efgh"]


def test_a_size_0_box_runs_to_the_end_of_its_parent() -> None:
    data = raw(b"moov", struct.pack(">I4s", 0, b"skip") + b"rest") + raw(b"free", b"")
    moov, free = parse(data, 0, len(data), "MP4")
    skip = moov.child(b"skip")
    assert skip is not None and skip.end == moov.end and free.type == b"free"


def test_header_uses_64_bits_only_when_needed() -> None:
    assert isobmff.header(b"mdat", 10) == struct.pack(">I4s", 18, b"mdat")
    big = 1 << 32
    assert isobmff.header(b"mdat", big) == struct.pack(">I4sQ", 1, b"mdat", big + 16)


def test_full_box_version_and_flags() -> None:
    data = make_full_box(b"ipma", 1, 0x000001, b"rest")
    (box,) = parse(data, 0, len(data), "HEIF")
    assert isobmff.full_box(data, box, "HEIF") == (1, 1)


def test_fields_read_integers_and_strings_in_order() -> None:
    data = raw(b"test", b"\x01\x02\x03\x04\x05name\0tail")
    (box,) = parse(data, 0, len(data), "HEIF")
    fields = Fields(data, box, "HEIF")
    assert (fields.uint(1), fields.uint(2), fields.uint(0), fields.uint(2)) == (1, 0x203, 0, 0x405)
    assert (fields.cstring(), fields.cstring(), fields.left) == (b"name", b"tail", 0)


def test_strings_can_be_required_to_end_with_nul() -> None:
    data = raw(b"auxC", b"urn:unterminated")
    (box,) = parse(data, 0, len(data), "HEIF")
    assert Fields(data, box, "HEIF").cstring() == b"urn:unterminated"
    with pytest.raises(CorruptImage, match="string at byte 8 without its terminating NUL"):
        Fields(data, box, "HEIF").cstring(terminated=True)


@pytest.mark.parametrize(
    "data, fragment",
    [
        (raw(b"ftyp", b"abcd")[:-1], "claims 12 bytes, 11 left"),
        (b"\0\0\0\x04ftyp", "less than its 8-byte header"),
        (b"\0\0\0", "3 bytes left, 8 needed"),
        (struct.pack(">I4s", 1, b"mdat") + b"\0\0", "lacks its 64-bit size"),
        (struct.pack(">I4sQ", 1, b"mdat", 15), "less than its 16-byte header"),
        (struct.pack(">I4s", 20, b"uuid") + bytes(12), "lacks its 16-byte user type"),
        (raw(b"meta", b"\0\0"), "too short for its 4-byte header"),
    ],
)
def test_malformed_headers_are_corrupt(data: bytes, fragment: str) -> None:
    with pytest.raises(CorruptImage, match=fragment.replace("(", r"\(")):
        parse(data, 0, len(data), "HEIF")


def test_a_child_past_its_parent_is_corrupt_naming_both() -> None:
    child = struct.pack(">I4s", 100, b"hdlr")
    data = make_full_box(b"meta", 0, 0, child) + raw(b"mdat", bytes(200))
    with pytest.raises(CorruptImage, match=r"'hdlr' at byte 12 claims 100 bytes, 8 left in 'meta'"):
        parse(data, 0, len(data), "HEIF")


def test_reading_a_field_past_the_box_is_corrupt() -> None:
    data = raw(b"ispe", b"\0\0")
    (box,) = parse(data, 0, len(data), "HEIF")
    with pytest.raises(CorruptImage, match="'ispe' at byte 0 ends at byte 10"):
        Fields(data, box, "HEIF").uint(4)


def test_nesting_up_to_the_cap_is_read() -> None:
    data = nested(isobmff.MAX_DEPTH)
    (box,) = parse(data, 0, len(data), "HEIF")
    assert box.type == b"moov"


def test_nesting_past_the_cap_is_corrupt() -> None:
    data = nested(isobmff.MAX_DEPTH + 1)
    with pytest.raises(CorruptImage, match="nested more than"):
        parse(data, 0, len(data), "HEIF")


def test_too_many_boxes_are_corrupt() -> None:
    data = raw(b"free", b"") * (isobmff.MAX_BOXES + 1)
    with pytest.raises(CorruptImage, match="more than"):
        parse(data, 0, len(data), "HEIF")


@given(st.binary(max_size=200))
def test_arbitrary_bytes_parse_or_are_corrupt(data: bytes) -> None:
    try:
        boxes = parse(data, 0, len(data), "HEIF")
    except CorruptImage:
        return
    assert sum(b.size for b in boxes) == len(data)
