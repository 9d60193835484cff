"""The shapes real GoPro videos showed, rebuilt in code: GPMF GPS structures laid out
by their type and units (the Karma drone's GPRI), and a 'udta' ending in a zero-filled
atom. The real files themselves (gopro/gpmf-parser samples, read-only from a local
mirror) are judged by scripts/real_videos.py, which scripts/bench runs.
"""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

import thinktwice
from tests.support.videos import (
    identifying_tags,
    needs_tools,
    stream_hash,
    videos,  # noqa: F401 (a fixture)
    with_gopro_udta,
)
from thinktwice.formats import video
from thinktwice.formats.video.telemetry import route
from thinktwice.models import Kind


def _findings(path: Path) -> dict[Kind, str]:
    report = thinktwice.inspect(path.read_bytes(), path.name, pixels=False, keep_cleaned=False)
    return {finding.kind: finding.message for finding in report.findings}


def _klv(key: bytes, kind: bytes, size: int, values: bytes) -> bytes:
    repeat = len(values) // size
    return struct.pack(">4scBH", key, kind, size, repeat) + values + bytes(-len(values) % 4)


def _karma_gps(*points: tuple[float, float]) -> bytes:
    """A GPMF sample as the Karma drone writes its GPS: GPRI structures laid out by TYPE."""
    rows = b"".join(
        struct.pack(">QiiiHHHHBB",
                    0, round(lat * 1e7), round(lon * 1e7), 15_000, 0, 0, 0, 0, 3, 20)
        for lat, lon in points
    )  # fmt: skip
    units = b"s\0\0degdegm\0\0m\0\0m\0\0m/sdeg\0\0\0\0\0\0"
    scales = struct.pack(">10l", 1_000_000, 10_000_000, 10_000_000, 1000, 100, 100, 100, 100, 1, 1)
    stream = b"".join(
        (
            _klv(b"STNM", b"c", 1, b"GPS RAW\0"),
            _klv(b"UNIT", b"c", 3, units),
            _klv(b"TYPE", b"c", 1, b"JlllSSSSBB"),
            _klv(b"SCAL", b"l", 4, scales),
            _klv(b"GPRI", b"?", 30, rows),
        )
    )
    return _klv(b"DEVC", b"\0", 1, _klv(b"STRM", b"\0", 1, stream))


def test_gpmf_gps_structures_are_read_by_their_type_and_units():
    sample = _karma_gps((0.0, 0.0), (33.1253680, -117.3316680), (33.1254000, -117.3317000))
    # The first structure, written before the first fix, is no position.
    assert route(b"gpmd", [sample]) == [(33.125368, -117.331668), (33.1254, -117.3317)]


def test_gpmf_structures_of_an_unknown_layout_are_no_positions():
    sample = _karma_gps((33.1253680, -117.3316680)).replace(b"JlllSSSSBB", b"JlllSSSSB?")
    assert route(b"gpmd", [sample]) == []


@pytest.fixture(scope="module")
def gopro_udta(videos, tmp_path_factory) -> Path:  # noqa: F811
    return with_gopro_udta(videos["last"], tmp_path_factory.mktemp("gopro") / "udta.mp4")


@needs_tools
def test_a_udta_ending_in_a_zero_filled_atom_is_read(gopro_udta):
    found = _findings(gopro_udta)
    assert "Paris" in found[Kind.LOCATION]
    assert "HERO9 Black" in found[Kind.DEVICE_MODEL]
    assert Kind.DEVICE_SERIAL in found
    assert "HD9.01.01.60.00" in found[Kind.EDITING_HISTORY]
    assert not any("unreadable" in note for note in video.read(gopro_udta.read_bytes()).extra)


@needs_tools
def test_a_gopro_udta_leaves_nothing_behind(gopro_udta, tmp_path):
    out = tmp_path / "clean.mp4"
    out.write_bytes(video.strip(gopro_udta.read_bytes()))
    assert any("Serial" in key for key in identifying_tags(gopro_udta))
    assert identifying_tags(out) == {}
    assert stream_hash(out) == stream_hash(gopro_udta)
