"""A video sent in part: read like the whole file, holes remembered, key frames found."""

from __future__ import annotations

import av
import pytest

from tests.support.videos import (
    needs_tools,
    pieces,
    skeleton,
    videos,  # noqa: F401 (a fixture)
)
from thinktwice.errors import CorruptImage
from thinktwice.formats import video
from thinktwice.formats.video.sparse import Piece, Sparse

pytestmark = needs_tools


def test_a_slice_reads_what_was_sent_and_zeros_elsewhere():
    sparse = Sparse(20, [Piece(2, b"ab"), Piece(10, b"xyz")])
    assert sparse[0:20] == b"\0\0ab" + bytes(6) + b"xyz" + bytes(7)
    assert sparse.needed() == [(0, 2), (4, 6), (13, 7)]


def test_slices_within_the_pieces_miss_nothing():
    sparse = Sparse(20, [Piece(2, b"ab"), Piece(10, b"xyz")])
    assert (sparse[2:4], sparse[10:13], sparse[11:12]) == (b"ab", b"xyz", b"y")
    assert sparse.needed() == []


def test_missing_ranges_are_merged():
    sparse = Sparse(100, [Piece(50, b"x")])
    sparse[0:10], sparse[5:20], sparse[60:70]
    assert sparse.needed() == [(0, 20), (60, 10)]


@pytest.mark.parametrize(
    "bad", [[Piece(0, b"abc"), Piece(2, b"d")], [Piece(18, b"abc")]], ids=["overlap", "past end"]
)
def test_pieces_that_overlap_or_run_past_the_end_are_refused(bad):
    with pytest.raises(CorruptImage, match="overlaps the one before it or runs past"):
        Sparse(20, bad)


@pytest.mark.parametrize("name", ["faststart", "last", "apple", "exiftool", "co64", "large_mdat"])
def test_the_skeleton_reads_and_plans_as_the_whole_file(videos, name):  # noqa: F811
    data = videos[name].read_bytes()
    sparse = pieces(data, skeleton(data))
    assert sparse.sent < len(data) / 2  # the samples stayed behind
    assert video.read(sparse) == video.read(data)
    assert video.plan(sparse) == video.plan(data)
    assert sparse.needed() == []  # neither reads a sample


def test_a_telemetry_track_asks_for_its_samples_then_reads_its_route(videos):  # noqa: F811
    data = videos["camm"].read_bytes()
    sparse = pieces(data, skeleton(data))
    video.read(sparse)
    needed = sparse.needed()
    assert needed
    again = pieces(data, skeleton(data) + needed)
    assert video.read(again) == video.read(data)
    assert again.needed() == []


def test_key_frames_are_the_sync_samples_a_second_apart(videos):  # noqa: F811
    data = videos["last"].read_bytes()
    key = video.key_frames(data, count=24, gap=1.0)
    assert key is not None and key.codec == "h264"
    with av.open(str(videos["last"])) as container:
        stream = container.streams.video[0]
        packets = [bytes(p) for p in container.demux(stream) if p.is_keyframe and p.size]
    assert [t for t, _ in key.frames] == [0.0, 1.0]  # 2 s at a key frame every 0.5 s
    assert all(sample in packets for _, sample in key.frames)


def test_key_frames_of_a_codec_not_read_here_are_none(videos):  # noqa: F811
    assert video.key_frames(videos["3gp"].read_bytes(), count=24, gap=1.0) is None  # MPEG-4 Part 2
