"""Samsung SEF blocks as tags: the capture time in UTC, the network code, the rest by name."""

from __future__ import annotations

import pytest

from thinktwice.metadata.sef import tags
from thinktwice.records import Tag, TrailerBlock


def block(name: str, data: bytes, source: str = "Samsung SEF") -> TrailerBlock:
    return TrailerBlock(source, name, len(data), data)


def test_the_blocks_become_exiftools_tags() -> None:
    found, problems = tags([
        block("Image_UTC_Data", b"1710435731000"), block("MCC_Data", b"208\x00"),
        block("Burst_Shot_Info", b"489489125"),
    ])  # fmt: skip
    assert found == [
        Tag("Samsung", "TimeStamp", "2024:03:14 17:02:11Z"),
        Tag("Samsung", "MCCData", "208"),
        Tag("Samsung", "Burst_Shot_Info", "<9 bytes>"),
    ]
    assert problems == []


@pytest.mark.parametrize("value", [b"soon", b"", b"9" * 30])
def test_a_time_that_is_not_one_is_a_problem_naming_it(value: bytes) -> None:
    found, problems = tags([block("Image_UTC_Data", value)])
    assert found == []
    assert problems == [f"Samsung Image_UTC_Data {value.decode()!r} is not a time"]


def test_a_network_code_that_is_not_a_number_is_kept_by_name() -> None:
    assert tags([block("MCC_Data", b"abc")])[0] == [Tag("Samsung", "MCC_Data", "<3 bytes>")]


def test_other_trailers_blocks_are_not_samsungs() -> None:
    assert tags([block("IPTC", b"\x1c\x02", source="AFCP")]) == ([], [])
