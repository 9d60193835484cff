"""The scan-end search: the C module and its Python fallback give the same answers."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thinktwice.formats import _jpegscan, jpeg

# Bytes that matter to the search, often: FF, stuffing, restarts, markers.
INTERESTING = st.sampled_from([0x00, 0xFF, 0xD0, 0xD7, 0xD8, 0xD9, 0xDA, 0xC4, 0xFE, 0x12])
DATA = st.lists(st.one_of(INTERESTING, st.integers(0, 255)), max_size=200).map(bytes)
# Long enough for the 64-byte blocks the C search checks at once, FF now and then.
LONG = st.lists(st.one_of(st.integers(0, 254), INTERESTING), min_size=60, max_size=700).map(bytes)


def test_the_c_module_is_built_and_used():
    assert jpeg.next_marker is _jpegscan.next_marker


@pytest.mark.parametrize(
    ("data", "start", "expected"),
    [
        (b"\x12\xff\x00\x34\xff\xd9", 0, 4),  # stuffed FF 00 is data
        (b"\xff\xd3\x00\xff\xc4\x00", 0, 3),  # RST3 is data, DHT ends the scan
        (b"\x00\xff\xff\xff\xd9", 0, 3),  # fill bytes: the marker is the last FF
        (b"\x00\xff\xd9", 2, -1),  # nothing at or after start
        (b"\x00\x00\xff", 0, -1),  # a lone FF at the very end is no marker
        (b"", 0, -1),
        (b"\xff\xd9", 5, -1),  # start past the end
    ],
)
def test_known_cases(data, start, expected):
    assert _jpegscan.next_marker(data, start) == expected
    assert jpeg.next_marker_re(data, start) == expected


@given(data=DATA, start=st.integers(0, 210))
def test_c_and_python_agree(data, start):
    assert _jpegscan.next_marker(data, start) == jpeg.next_marker_re(data, start)


@given(data=LONG, start=st.integers(0, 100))
def test_c_and_python_agree_across_blocks(data, start):
    assert _jpegscan.next_marker(data, start) == jpeg.next_marker_re(data, start)


@pytest.mark.parametrize("size", [64, 65, 127, 128, 129, 200])
@pytest.mark.parametrize("after", [0x00, 0xD4, 0xFF, 0xD9])
def test_an_ff_at_every_position_of_a_block(size, after):
    # Stuffing (FF 00), a restart (FF D4), fill (FF FF) or EOI (FF D9) at each offset,
    # block edges and the last byte included, after a run of stuffed FFs.
    for at in range(size):
        data = bytearray(b"\xff\x00" * 8 + b"\x12" * (size - 16))
        data[at] = 0xFF
        if at + 1 < size:
            data[at + 1] = after
        data = bytes(data)
        assert _jpegscan.next_marker(data, 0) == jpeg.next_marker_re(data, 0), (at, data)


def test_it_reads_any_buffer():
    data = b"\x00\xff\x00\xff\xda"
    for buffer in (bytearray(data), memoryview(data)):
        assert _jpegscan.next_marker(buffer, 0) == 3  # type: ignore[arg-type]
