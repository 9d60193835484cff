"""Routes in telemetry samples: camm messages, GoPro GPMF, GPS subtitle lines."""

from __future__ import annotations

import struct

from thinktwice.formats.video.telemetry import route


def test_camm_positions_of_both_gps_messages():
    five = struct.pack("<HH3d", 0, 5, 48.85, 2.35, 30.0)
    six = struct.pack("<HHdi2d7f", 0, 6, 1.7e9, 3, 48.86, 2.36, 30, 5, 5, 0, 0, 0, 1)
    angles = struct.pack("<HH3f", 0, 0, 0.1, 0.2, 0.3)
    assert route(b"camm", [five, angles, six]) == [(48.85, 2.35), (48.86, 2.36)]


def _klv(key: bytes, kind: bytes, size: int, values: bytes) -> bytes:
    repeat = len(values) // size
    padded = values + bytes(-len(values) % 4)
    return struct.pack(">4scBH", key, kind, size, repeat) + padded


def test_gpmf_gps5_is_scaled():
    scal = _klv(b"SCAL", b"l", 4, struct.pack(">5l", 10_000_000, 10_000_000, 1000, 1000, 100))
    gps5 = _klv(b"GPS5", b"l", 20, struct.pack(">10l", 488566000, 23522000, 35000, 0, 0,
                                               488570000, 23530000, 35000, 0, 0))  # fmt: skip
    strm = _klv(b"STRM", b"\0", 1, scal + gps5)
    devc = _klv(b"DEVC", b"\0", 1, strm)
    assert route(b"gpmd", [devc]) == [(48.8566, 2.3522), (48.857, 2.353)]


def test_subtitles_without_positions_are_no_route():
    assert route(b"tx3g", [b"\0\x05Hello"]) is None
    assert route(b"tx3g", [b"\0\x18GPS (48.85660, 2.35220)"]) == [(48.8566, 2.3522)]
    assert route(b"avc1", [b"anything"]) is None
