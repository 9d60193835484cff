"""The one IFD walker: the same checks under both policies; strict raises, tolerant records."""

from __future__ import annotations

import itertools
import struct

import pytest

from tests.metadata.builders import ASCII, SHORT, TiffBuilder
from thinktwice.errors import CorruptImage, UnsupportedFormat
from thinktwice.structure.ifd import MAX_ARRAY, BadValue, IfdWalker, Policy

STRICT, TOLERANT = Policy.STRICT, Policy.TOLERANT


def walker(data: bytes, policy: Policy, **options: object) -> IfdWalker:
    return IfdWalker.tiff(data, policy=policy, label="TIFF", **options)  # type: ignore[arg-type]


def simple() -> bytes:
    builder = TiffBuilder()
    return builder.finish(builder.ifd([builder.ascii(0x010F, "Acme"), builder.short(0x0112, 6)]))


def looping() -> tuple[bytes, int]:
    builder = TiffBuilder()
    first = builder.here()
    return builder.finish(builder.ifd([builder.short(0x0112, 1)], next_ifd=first)), first


def test_entries_values_and_names_are_read():
    w = walker(simple(), STRICT)
    (ifd0,) = w.chain()
    assert [e.tag for e in ifd0.entries] == [0x010F, 0x0112]
    assert w.value(ifd0, ifd0.by_tag[0x010F]) == "Acme"
    assert w.integer(ifd0, ifd0.by_tag[0x0112]) == 6
    assert w.problems == []


def test_big_endian_blocks_read_the_same():
    builder = TiffBuilder(b"MM")
    data = builder.finish(builder.ifd([builder.long(0x0100, 4000), builder.short(0x0101, 3000)]))
    w = walker(data, STRICT)
    (ifd0,) = w.chain()
    assert (w.first_int(ifd0, 0x0100, 0), w.first_int(ifd0, 0x0101, 0)) == (4000, 3000)


def test_duplicate_tags_are_kept_in_order_and_the_first_wins_by_tag():
    builder = TiffBuilder()
    data = builder.finish(builder.ifd([builder.short(0x0112, 3), builder.short(0x0112, 8)]))
    (ifd0,) = walker(data, TOLERANT).chain()
    assert len(ifd0.entries) == 2
    assert ifd0.by_tag[0x0112] is ifd0.entries[0]


def test_values_decode_by_type():
    builder = TiffBuilder()
    data = builder.finish(
        builder.ifd([
            builder.rational(0x011A, (72, 1)),
            builder.rational(0x011B, (1, 0)),  # no meaningful number
            builder.long(0x0111, *range(MAX_ARRAY + 1)),
            (0x9999, 99, 1, b"abcd"),
        ])
    )  # fmt: skip
    w = walker(data, TOLERANT)
    (ifd0,) = w.chain()
    values = [w.value(ifd0, e) for e in ifd0.entries[:3]]
    assert values == [72.0, None, f"<{MAX_ARRAY + 1} values>"]
    with pytest.raises(BadValue, match="unknown type 99"):
        w.value(ifd0, ifd0.entries[3])


def test_out_of_line_values_count_from_the_base():
    # A maker note whose offsets count from its own start, 100 bytes into the block.
    text = b"Serial 42\0"
    note_ifd = struct.pack("<H", 1) + struct.pack("<HHII", 0xA002, ASCII, len(text), 18) + bytes(4)
    data = b"II*\0" + struct.pack("<I", 0) + bytes(92) + note_ifd + text
    w = IfdWalker(data, "<", policy=TOLERANT, label="MakerNotes", base=100)
    ifd = w.ifd(100, "MakerNotes")
    assert ifd is not None and w.value(ifd, ifd.entries[0]) == "Serial 42"


@pytest.mark.parametrize(
    ("data", "error", "problem"),
    [
        (b"\x89PNG\r\n\x1a\n", CorruptImage, "no TIFF header"),
        (b"II", CorruptImage, "no TIFF header"),
        (b"II*\0", CorruptImage, "no TIFF header"),
        (b"II\x2b\0\x08\0\0\0", UnsupportedFormat, "BigTIFF"),
        (b"II\x07\0\x08\0\0\0", CorruptImage, "version 7, expected 42"),
    ],
)
def test_a_bad_header(data, error, problem):
    with pytest.raises(error):
        walker(data, STRICT)
    tolerant = walker(data, TOLERANT)
    assert tolerant.first == 0
    assert any(problem in p for p in tolerant.problems), tolerant.problems


def test_a_loop_raises_when_strict():
    data, first = looping()
    with pytest.raises(CorruptImage, match=f"IFD1 at byte {first} loops back"):
        walker(data, STRICT).chain()


def test_a_loop_is_a_problem_when_tolerant_and_the_chain_stops():
    data, _ = looping()
    w = walker(data, TOLERANT, prefix="EXIF ")
    assert [ifd.name for ifd in w.chain()] == ["IFD0"]
    assert len(w.problems) == 1
    assert w.problems[0].startswith("EXIF IFD1 at byte") and "(a loop)" in w.problems[0]


def test_more_ifds_than_the_cap():
    builder = TiffBuilder()
    offsets = [builder.ifd([builder.short(0x0112, 1)]) for _ in range(5)]
    for at, following in itertools.pairwise(offsets):
        struct.pack_into("<I", builder.buf, at + 2 + 12, following)
    data = builder.finish(offsets[0])
    with pytest.raises(CorruptImage, match="more than 3 IFDs"):
        walker(data, STRICT, max_ifds=3).chain()
    tolerant = walker(data, TOLERANT, max_ifds=3)
    assert len(tolerant.chain()) == 3
    assert any("more than 3 IFDs" in p for p in tolerant.problems)


def test_a_huge_entry_count():
    data = bytearray(simple())
    struct.pack_into("<H", data, 8, 0xFFFF)
    with pytest.raises(CorruptImage, match=r"IFD0 at byte 8 claims 65535 entries"):
        walker(bytes(data), STRICT).chain()
    tolerant = walker(bytes(data), TOLERANT)
    assert tolerant.chain() == []
    assert any("65535 entries" in p for p in tolerant.problems)


def test_a_cut_table_raises_when_strict_and_keeps_what_fits_when_tolerant():
    data = b"II*\0\x08\0\0\0" + struct.pack("<H", 50) + struct.pack("<HHII", 0x0112, SHORT, 1, 6)
    data += bytes(14)  # a second, empty entry fits; 48 do not
    with pytest.raises(CorruptImage, match="claims 50 entries, only 2 fit"):
        walker(data, STRICT).chain()
    tolerant = walker(data, TOLERANT)
    (ifd0,) = tolerant.chain()
    assert [e.tag for e in ifd0.entries] == [0x0112, 0]
    assert any("only 2 fit" in p for p in tolerant.problems)


def test_an_ifd_outside_the_block():
    data = b"II*\0" + struct.pack("<I", 9999)
    with pytest.raises(CorruptImage, match="offset 9999 is outside the 8-byte block"):
        walker(data, STRICT).chain()
    assert walker(data, TOLERANT).chain() == []


def test_a_value_past_the_end_names_the_ifd_the_tag_and_the_offset():
    builder = TiffBuilder()
    data = builder.finish(builder.ifd([(0x010E, ASCII, 20, struct.pack("<I", 10_000))]))
    strict = IfdWalker.tiff(data, policy=STRICT, label="TIFF", names={0x010E: "ImageDescription"})
    (ifd0,) = strict.chain()
    expected = r"IFD0 ImageDescription \(270\) claims 20 bytes at byte 10000, past the end"
    with pytest.raises(CorruptImage, match=expected):
        strict.value(ifd0, ifd0.entries[0])
    tolerant = walker(data, TOLERANT)
    (ifd0,) = tolerant.chain()
    with pytest.raises(BadValue, match="claims 20 bytes"):
        tolerant.value(ifd0, ifd0.entries[0])
    assert tolerant.problems == []  # the caller decides whether a bad value is a problem


def test_integer_lists_are_capped_or_refused():
    builder = TiffBuilder()
    data = builder.finish(builder.ifd([builder.long(0x014A, 1, 2, 3), builder.ascii(0x0110, "x")]))
    w = walker(data, STRICT)
    (ifd0,) = w.chain()
    assert (w.ints(ifd0, 0x014A), w.ints(ifd0, 0x014A, 2), w.ints(ifd0, 0x9999)) == (
        (1, 2, 3),
        (1, 2),
        (),
    )
    with pytest.raises(CorruptImage, match="field type 2, not an integer"):
        w.ints(ifd0, 0x0110)
