"""The scan-end search: the Python fallback always, and the C module, when built, agreeing."""

from __future__ import annotations

import ast
import subprocess
import sys
from types import ModuleType

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.support.images import FULL_METADATA, encode, photo, with_metadata
from thinktwice.formats import jpeg
from thinktwice.formats.jpeg import scan

_jpegscan: ModuleType | None
try:
    from thinktwice.formats.jpeg import _jpegscan
except ImportError:  # not built: the fallback is tested alone
    _jpegscan = None

native = pytest.mark.skipif(_jpegscan is None, reason="the C scanner is not built")

# Bytes that matter to the search, often: FF, stuffing, restarts, markers.
INTERESTING = st.sampled_from([0x00, 0xFF, 0xD0, 0xD7, 0xD8, 0xD9, 0xDA, 0xC4, 0xFE, 0x12])
DATA = st.lists(st.one_of(INTERESTING, st.integers(0, 255)), max_size=200).map(bytes)
LONG = st.lists(st.one_of(st.integers(0, 254), INTERESTING), min_size=60, max_size=700).map(bytes)


def test_the_c_module_is_used_exactly_when_it_is_built():
    assert jpeg.NATIVE_SCANNER is (_jpegscan is not None)
    expected = scan.next_marker_re if _jpegscan is None else _jpegscan.next_marker
    assert scan.next_marker is expected


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
    assert scan.next_marker_re(data, start) == expected
    if _jpegscan is not None:
        assert _jpegscan.next_marker(data, start) == expected


@native
@given(data=DATA, start=st.integers(0, 210))
def test_c_and_python_agree(data, start):
    assert _jpegscan is not None
    assert _jpegscan.next_marker(data, start) == scan.next_marker_re(data, start)


@native
@given(data=LONG, start=st.integers(0, 100))
def test_c_and_python_agree_on_long_runs(data, start):
    assert _jpegscan is not None
    assert _jpegscan.next_marker(data, start) == scan.next_marker_re(data, start)


@native
@pytest.mark.parametrize("size", [64, 65, 127, 128, 129, 200])
@pytest.mark.parametrize("after", [0x00, 0xD4, 0xFF, 0xD9])
def test_an_ff_at_every_position(size, after):
    # Stuffing (FF 00), a restart (FF D4), fill (FF FF) or EOI (FF D9) at each offset,
    # the last byte included, after a run of stuffed FFs.
    assert _jpegscan is not None
    for at in range(size):
        data = bytearray(b"\xff\x00" * 8 + b"\x12" * (size - 16))
        data[at] = 0xFF
        if at + 1 < size:
            data[at + 1] = after
        data = bytes(data)
        assert _jpegscan.next_marker(data, 0) == scan.next_marker_re(data, 0), (at, data)


@native
def test_it_reads_any_buffer():
    assert _jpegscan is not None
    data = b"\x00\xff\x00\xff\xda"
    for buffer in (bytearray(data), memoryview(data)):
        assert _jpegscan.next_marker(buffer, 0) == 3


# Cleans a photo with the C module hidden, printing what the fallback gives.
WITHOUT_C = (
    "import sys\n"
    "sys.modules['thinktwice.formats.jpeg._jpegscan'] = None  # import fails: not built\n"
    "from thinktwice.formats import jpeg\n"
    "from thinktwice.cleaning import clean\n"
    "data = open(sys.argv[1], 'rb').read()\n"
    "sys.stdout.write(repr((jpeg.NATIVE_SCANNER, clean(data).hex())))\n"
)


def test_without_the_c_module_cleaning_gives_the_same_bytes(tmp_path):
    data = with_metadata(encode(photo(), "JPEG", progressive=True), ".jpg", *FULL_METADATA)
    path = tmp_path / "photo.jpg"
    path.write_bytes(data)
    result = subprocess.run(
        [sys.executable, "-c", WITHOUT_C, str(path)], capture_output=True, text=True, check=True
    )
    native_loaded, cleaned = ast.literal_eval(result.stdout)
    assert native_loaded is False
    assert bytes.fromhex(cleaned) == jpeg.strip(data)
