"""A big WebM or MKV sent in part (formats/video/sparse.py): its skeleton reads and plans
like the whole file, its key frames are found from its Cues or its Clusters' heads, and a
live recording whose Clusters do not say their sizes is told apart."""

from __future__ import annotations

from itertools import pairwise

import av
import pytest

from tests.support.matroska import (
    matroska_videos,  # noqa: F401 (a fixture)
    skeleton,
    tagged_webm,  # noqa: F401 (a fixture)
)
from tests.support.videos import needs_tools, pieces
from thinktwice.formats import matroska
from thinktwice.formats.matroska import ids
from thinktwice.formats.matroska.layout import load

pytestmark = needs_tools


def key_packets(path) -> list[bytes]:
    """The video key frames PyAV's demuxer finds: the judge of the ones found here."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        return [bytes(p) for p in container.demux(stream) if p.is_keyframe and p.size]


def test_the_skeleton_of_a_tagged_webm_is_a_small_part_of_it(tagged_webm):  # noqa: F811
    data = tagged_webm.read_bytes()
    sparse = pieces(data, skeleton(data))
    assert sparse.sent < len(data) / 10  # the frames stayed behind


@pytest.mark.parametrize("name", ["mkv", "webm", "live", "chapters", "av1"])
def test_the_skeleton_reads_and_plans_as_the_whole_file(matroska_videos, name):  # noqa: F811
    data = matroska_videos[name].read_bytes()
    sparse = pieces(data, skeleton(data))
    assert matroska.read(sparse) == matroska.read(data)
    assert matroska.plan(sparse) == matroska.plan(data)
    assert sparse.needed() == []  # neither reads a frame


def test_key_frames_come_from_the_cues_and_are_asked_for_once(tagged_webm):  # noqa: F811
    data = tagged_webm.read_bytes()
    assert load(data).first(ids.CUES) is not None
    sparse = pieces(data, skeleton(data))
    matroska.key_frames(sparse, count=24, gap=1.0)
    needed = sparse.needed()
    assert needed and sum(length for _, length in needed) < len(data) / 4
    again = pieces(data, skeleton(data) + needed)
    key = matroska.key_frames(again, count=24, gap=1.0)
    assert again.needed() == []
    assert key == matroska.key_frames(data, count=24, gap=1.0)
    assert key is not None and key.codec == "vp9"
    assert len(key.frames) >= 4  # 6 s, a key frame a second
    times = [seconds for seconds, _ in key.frames]
    assert all(later - earlier > 0.9 for earlier, later in pairwise(times))
    assert all(frame in key_packets(tagged_webm) for _, frame in key.frames)


@pytest.mark.parametrize(("name", "codec"), [("live", "vp9"), ("webm", "vp8"), ("av1", "libdav1d")])
def test_key_frames_without_cues_come_from_each_clusters_head(matroska_videos, name, codec):  # noqa: F811
    path = matroska_videos[name]
    key = matroska.key_frames(path.read_bytes(), count=24, gap=0.0)
    assert key is not None and key.codec == codec
    assert key.frames and all(frame in key_packets(path) for _, frame in key.frames)


def test_a_live_recordings_key_frames_are_found_from_its_skeleton(matroska_videos):  # noqa: F811
    # Written to a pipe: a Segment of unknown size, no Cues, Clusters that say their sizes.
    data = matroska_videos["live"].read_bytes()
    assert load(data).first(ids.CUES) is None
    runs = skeleton(data)
    sparse = pieces(data, runs)
    matroska.key_frames(sparse, count=24, gap=0.0)  # asks for the frames it lacks
    again = pieces(data, runs + sparse.needed())
    key = matroska.key_frames(again, count=24, gap=0.0)
    assert again.needed() == [] and key is not None and key.frames
    assert key == matroska.key_frames(data, count=24, gap=0.0)


def test_the_key_frames_decode(tagged_webm):  # noqa: F811
    key = matroska.key_frames(tagged_webm.read_bytes(), count=24, gap=1.0)
    assert key is not None
    decoder = av.CodecContext.create(key.codec, "r")
    frames = [f for _, sample in key.frames for f in decoder.decode(av.Packet(sample))]
    frames += decoder.decode(None)
    assert len(frames) == len(key.frames) and (frames[0].width, frames[0].height) == (320, 240)


def test_a_codec_not_read_here_gives_no_key_frames(tmp_path):
    from tests.support.matroska import ffmpeg

    out = tmp_path / "mpeg4.mkv"
    ffmpeg("-f", "lavfi", "-i", "testsrc=size=64x48:rate=10", "-t", "1", "-c:v", "mpeg4", str(out))
    assert matroska.key_frames(out.read_bytes(), count=24, gap=1.0) is None


def test_a_live_recordings_first_unknown_size_cluster_is_found(matroska_videos):  # noqa: F811
    unknown = matroska_videos["unknown_clusters"].read_bytes()
    first = next(e for e in load(unknown).top if e.id == ids.CLUSTER)
    assert matroska.unknown_cluster(unknown) == first.offset
    assert matroska.unknown_cluster(pieces(unknown, skeleton(unknown))) == first.offset
    for name in ("webm", "live"):  # a live Segment of unknown size, its Clusters known
        assert matroska.unknown_cluster(matroska_videos[name].read_bytes()) is None
