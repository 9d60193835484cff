"""IPTC-IIM decoding: exiftool's dataset names, character sets, and bounds."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.images import IPTC_METADATA, PERSON, encode, photo, with_metadata
from tests.support.mutation import overwrite
from thinktwice.metadata import iptc

from .builders import dataset, jpeg_blocks

UTF8 = dataset(1, 90, b"\x1b%G")


@cache
def exiftool_stream(*args: str) -> bytes:
    return jpeg_blocks(with_metadata(encode(photo(), "JPEG"), ".jpg", *args)).iptc


def pairs(data: iptc.IptcData) -> list[tuple[str, object]]:
    assert {t.group for t in data.tags} <= {"IPTC"}
    return [(t.name, t.value) for t in data.tags]


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("By-line", PERSON),
        ("City", "Vanves"),
        ("Keywords", "private"),
        ("Caption-Abstract", "Our flat"),
        ("ApplicationRecordVersion", 4),
    ],
)
def test_exiftool_written_datasets_decode_with_exiftool_names(name: str, value: object) -> None:
    assert (name, value) in pairs(iptc.decode(exiftool_stream(*IPTC_METADATA)))


def test_exiftool_written_utf8_stream_declares_and_decodes_utf8() -> None:
    stream = exiftool_stream("-IPTC:CodedCharacterSet=UTF8", "-IPTC:City=Zürich")
    assert ("City", "Zürich") in pairs(iptc.decode(stream))


def test_repeated_datasets_are_separate_tags_in_order() -> None:
    stream = b"".join(dataset(2, 25, k) for k in (b"home", b"private", b"2024"))
    assert pairs(iptc.decode(stream)) == [
        ("Keywords", "home"),
        ("Keywords", "private"),
        ("Keywords", "2024"),
    ]


@pytest.mark.parametrize(
    ("stream", "city"),
    [
        (UTF8 + dataset(2, 90, "Zürich".encode()), "Zürich"),
        (dataset(2, 90, "Zürich".encode("latin-1")), "Zürich"),  # no 1:90, not UTF-8
        (dataset(2, 90, "Zürich".encode()), "Zürich"),  # no 1:90, but valid UTF-8
        (UTF8 + dataset(2, 90, b"Z\xfcrich"), "Z\ufffdrich"),  # declared UTF-8, is not
    ],
)
def test_character_set(stream: bytes, city: str) -> None:
    assert ("City", city) in pairs(iptc.decode(stream))


@pytest.mark.parametrize(
    ("record", "number", "name"),
    [
        (2, 5, "ObjectName"),
        (2, 55, "DateCreated"),
        (2, 60, "TimeCreated"),
        (2, 80, "By-line"),
        (2, 85, "By-lineTitle"),
        (2, 92, "Sub-location"),
        (2, 95, "Province-State"),
        (2, 100, "Country-PrimaryLocationCode"),
        (2, 101, "Country-PrimaryLocationName"),
        (2, 105, "Headline"),
        (2, 110, "Credit"),
        (2, 115, "Source"),
        (2, 116, "CopyrightNotice"),
        (2, 118, "Contact"),
        (2, 122, "Writer-Editor"),
        (2, 40, "SpecialInstructions"),
        (2, 65, "OriginatingProgram"),
        (2, 70, "ProgramVersion"),
        (2, 199, "IPTC_2_199"),  # unknown: named by number, never dropped
    ],
)
def test_dataset_names(record: int, number: int, name: str) -> None:
    assert pairs(iptc.decode(dataset(record, number, b"x"))) == [(name, "x")]


def test_extended_length_datasets_are_read() -> None:
    caption = b"c" * 40_000
    stream = dataset(2, 120, caption) + dataset(2, 90, b"Vanves")
    assert pairs(iptc.decode(stream)) == [
        ("Caption-Abstract", caption.decode()),
        ("City", "Vanves"),
    ]


def test_preview_data_is_a_picture() -> None:
    jpeg = b"\xff\xd8\xff" + bytes(500) + b"\xff\xd9"
    data = iptc.decode(dataset(2, 202, jpeg))
    assert [(p.kind, p.source, p.data) for p in data.pictures] == [("preview", "IPTC", jpeg)]
    assert pairs(data) == [("ObjectPreviewData", f"<{len(jpeg)} bytes>")]


def test_trailing_zero_padding_is_not_a_problem() -> None:
    data = iptc.decode(dataset(2, 90, b"Vanves") + b"\0" * 3)
    assert pairs(data) == [("City", "Vanves")]
    assert data.problems == []


@pytest.mark.parametrize(
    ("tail", "reason"),
    [
        (b"\x1c\x02\x5a\x00\x50short", "claims 80 bytes, 5 left"),
        (b"\x1c\x02\x5a\x80\x09", "bad length field"),
        (b"\x1c\x02\x5a\x80\x04\xff\xff\xff\xff", "claims 4294967295 bytes"),
        (b"garbage!", "no dataset marker at byte"),
    ],
)
def test_broken_datasets_are_problems_and_earlier_ones_stay(tail: bytes, reason: str) -> None:
    data = iptc.decode(dataset(2, 80, PERSON.encode()) + tail)
    assert pairs(data) == [("By-line", PERSON)]
    assert reason in data.problems[0]


@settings(max_examples=300, deadline=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_random_bytes_never_raise(stream: bytes) -> None:
    iptc.decode(stream)
    iptc.decode(b"\x1c" + stream)


@pytest.fixture(scope="module")
def iptc_stream() -> bytes:
    """Built by exiftool once, before the timed examples start."""
    return exiftool_stream(*IPTC_METADATA)


@settings(max_examples=300, deadline=200, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), min_size=1, max_size=8))
def test_mutated_streams_never_raise(iptc_stream: bytes, mutations: list[tuple[int, int]]) -> None:
    iptc.decode(overwrite(iptc_stream, mutations))
