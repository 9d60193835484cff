"""Broken videos: a CorruptImage naming the box and where it is, never a crash."""

from __future__ import annotations

import random
import struct

import pytest

from tests.support.videos import box, boxes, videos  # noqa: F401 (a fixture)
from thinktwice.errors import CorruptImage, ThinkTwiceError
from thinktwice.formats import video


def test_a_truncated_movie_box_is_named(videos):  # noqa: F811
    data = videos["faststart"].read_bytes()
    moov = data.index(b"moov") - 4
    with pytest.raises(CorruptImage, match=rf"'moov' at byte {moov} claims \d+ bytes"):
        video.read(data[: moov + 200])


def test_a_truncated_media_box_is_named(videos):  # noqa: F811
    data = videos["faststart"].read_bytes()
    with pytest.raises(CorruptImage, match=r"'mdat' at byte \d+ claims"):
        video.plan(data[:-100])


def test_a_movie_without_its_index_is_refused(videos):  # noqa: F811
    data = b"".join(box(t, p) for t, p in boxes(videos["last"].read_bytes()) if t != b"moov")
    with pytest.raises(CorruptImage, match="no 'moov' box"):
        video.read(data)


def test_chunk_offsets_outside_the_media_data_are_refused(videos):  # noqa: F811
    data = bytearray(videos["last"].read_bytes())
    at = data.index(b"stco") + 12  # version/flags, count, first offset
    struct.pack_into(">I", data, at, len(data) + 1000)
    with pytest.raises(CorruptImage, match="outside the kept media data"):
        video.plan(bytes(data))


def test_a_removed_tracks_sample_table_larger_than_its_box_is_named(videos):  # noqa: F811
    data = bytearray(videos["camm"].read_bytes())
    at = data.rindex(b"stsz") + 12  # the camm track's: version/flags, size 0, count
    struct.pack_into(">I", data, at, 0xFFFF)
    with pytest.raises(CorruptImage, match="'stsz'"):
        video.plan(bytes(data))


@pytest.mark.parametrize("name", ["faststart", "fragmented", "apple", "camm"])
def test_damaged_boxes_raise_only_the_engines_errors(videos, name):  # noqa: F811
    original = videos[name].read_bytes()
    moov = original.index(b"moov") - 4
    end = moov + struct.unpack_from(">I", original, moov)[0]
    rng = random.Random(name)
    for _ in range(150):
        data = bytearray(original)
        for _ in range(rng.randint(1, 4)):
            data[rng.randrange(moov, end)] = rng.randrange(256)
        try:
            video.read(bytes(data))
            video.check(video.strip(bytes(data)))
        except ThinkTwiceError:
            pass
