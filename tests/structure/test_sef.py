"""The SEF directory: each block's type, name and payload position, read from the end."""

from __future__ import annotations

from tests.formats.trailers import sef
from thinktwice.structure.sef import SefEntry, sef_entries


def test_entries_give_where_each_payload_is() -> None:
    trailer = b"IMAGE" + sef((0x0AA1, "MCC_Data", b"208"), (0x0A30, "MotionPhoto_Data", b"mp4!"))
    first, second = sef_entries(trailer, 5, len(trailer))
    assert first == SefEntry(0x0AA1, "MCC_Data", 5, 5 + 8 + 8, 3)
    assert trailer[first.offset : first.offset + first.length] == b"208"
    assert (second.name, trailer[second.offset : second.offset + second.length]) == (
        "MotionPhoto_Data", b"mp4!",
    )  # fmt: skip


def test_a_block_before_the_start_is_skipped() -> None:
    trailer = sef((0x0AA1, "MCC_Data", b"208"), (0x0A01, "Image_UTC_Data", b"1"))
    assert [e.name for e in sef_entries(trailer, 1, len(trailer))] == ["Image_UTC_Data"]


def test_a_name_longer_than_its_block_is_skipped() -> None:
    trailer = bytearray(sef((0x0AA1, "MCC_Data", b"208")))
    trailer[4:8] = (200).to_bytes(4, "little")  # the block header's name length
    assert sef_entries(bytes(trailer), 0, len(trailer)) == []
