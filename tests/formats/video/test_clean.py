"""Cleaning videos: nothing identifying left (by exiftool's reading), the same audio and
video packets, a file ffprobe accepts, removed tracks' bytes gone, and only the boxes read."""

from __future__ import annotations

import pytest

from tests.support.videos import (
    identifying_tags,
    probe_errors,
    stream_hash,
    videos,  # noqa: F401 (a fixture)
    with_camm_track,
)
from thinktwice.editplan import Copy
from thinktwice.formats import video
from thinktwice.formats.video.view import Planned
from thinktwice.structure.boxes import iter_boxes

CASES = ("faststart", "last", "fragmented", "apple", "3gp", "exiftool", "co64", "large_mdat",
         "camm", "subtitle_route", "fragmented_route", "cover")  # fmt: skip


@pytest.fixture(scope="module")
def cleaned(videos, tmp_path_factory):  # noqa: F811
    folder = tmp_path_factory.mktemp("cleaned")
    out = {}
    for name in CASES:
        source = videos[name]
        path = folder / source.name
        path.write_bytes(video.strip(source.read_bytes()))
        out[name] = path
    return out


@pytest.mark.parametrize("name", CASES)
def test_exiftool_finds_nothing_identifying_in_the_clean_copy(videos, cleaned, name):  # noqa: F811
    assert identifying_tags(videos[name])  # the fixture has something to remove
    assert identifying_tags(cleaned[name]) == {}


@pytest.mark.parametrize("name", CASES)
def test_audio_and_video_packets_are_byte_identical(videos, cleaned, name):  # noqa: F811
    assert stream_hash(cleaned[name]) == stream_hash(videos[name])


@pytest.mark.parametrize("name", CASES)
def test_the_clean_copy_plays(cleaned, name):
    assert probe_errors(cleaned[name]) == ""


@pytest.mark.parametrize("name", CASES)
def test_the_clean_copy_reads_back_clean(cleaned, name):
    assert video.check(cleaned[name].read_bytes()) == []


def test_a_telemetry_tracks_samples_leave_with_it(videos, tmp_path):  # noqa: F811
    path, samples = with_camm_track(videos["last"], tmp_path / "camm.mp4")
    original = path.read_bytes()
    assert all(sample in original for sample in samples)
    out = video.strip(original)
    assert not any(sample in out for sample in samples)
    assert len(original) - len(out) > sum(map(len, samples))


@pytest.mark.parametrize("name", ["subtitle_route", "fragmented_route"])
def test_gps_subtitles_leave_with_their_track(videos, cleaned, name):  # noqa: F811
    assert b"GPS 48.85660" in videos[name].read_bytes()
    assert b"GPS 48.85660" not in cleaned[name].read_bytes()


def test_rotation_and_colour_are_kept(videos, cleaned):  # noqa: F811
    before, after = videos["faststart"].read_bytes(), cleaned["faststart"].read_bytes()
    matrix = _tkhd_matrix(before)
    assert matrix != _tkhd_matrix(videos["last"].read_bytes())  # rotated 90 degrees
    assert _tkhd_matrix(after) == matrix
    colr = before[before.index(b"colr") - 4 :][:19]
    assert colr in after


def _tkhd_matrix(data: bytes) -> bytes:
    at = data.index(b"tkhd") + 4  # version 0: 4 + 20 bytes, then 16, then the matrix
    return data[at + 40 : at + 76]


def test_fragment_offsets_follow_the_smaller_movie_box(videos, cleaned):  # noqa: F811
    before, after = videos["fragmented"].read_bytes(), cleaned["fragmented"].read_bytes()
    assert len(after) < len(before)
    assert [b.type for b in _top(after)].count(b"moof") == [b.type for b in _top(before)].count(
        b"moof"
    )


def _top(data: bytes):
    return list(iter_boxes(data, 0, len(data), "test", "file"))


class _Counting:
    """A file's bytes that count how many of them are read."""

    def __init__(self, data: bytes) -> None:
        self.data, self.read = data, 0

    def __len__(self) -> int:
        return len(self.data)

    def __getitem__(self, key: slice) -> bytes:
        piece = self.data[key]
        self.read += len(piece)
        return piece


@pytest.mark.parametrize("name", ["faststart", "last", "fragmented", "camm"])
def test_the_plan_reads_the_boxes_not_the_media_data(videos, name):  # noqa: F811
    data = videos[name].read_bytes()
    mdat = sum(b.size for b in _top(data) if b.type == b"mdat")
    counting = _Counting(data)
    steps = video.plan(counting)
    assert counting.read < len(data) - mdat + 4096
    copied = sum(s.length for s in steps if isinstance(s, Copy))
    inserted = sum(len(s) for s in steps if isinstance(s, bytes))
    assert copied > mdat * 0.9 and inserted < len(data) - mdat
    assert video.write(data, steps) == video.strip(data)


def test_a_plan_can_be_verified_without_being_written(videos):  # noqa: F811
    data = videos["apple"].read_bytes()
    steps = video.plan(data)
    view = Planned(data, steps)
    written = video.write(data, steps)
    assert len(view) == len(written)
    assert view[0 : len(written)] == written and view[100:3000] == written[100:3000]
    assert video.check(view) == []
    assert video.check(data) != []
