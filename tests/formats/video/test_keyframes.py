"""Which key frames a video is judged on: a bounded number, spread evenly over all of it,
found from its index and read alone, whole file or sent in part."""

from __future__ import annotations

import subprocess
from itertools import pairwise
from pathlib import Path

import av
import pytest

from tests.support.videos import needs_tools, pieces, skeleton
from thinktwice.formats import video
from thinktwice.formats.video.keyframes import spread
from thinktwice.vision.frames import MAX_FRAMES, MIN_GAP

EVERY_SECOND = 30  # samples between key frames of a 30-frame-a-second video


def seconds(samples: int, rate: int = 30) -> list[float]:
    return [i / rate for i in range(samples)]


def test_a_short_clip_is_judged_every_second():
    times = seconds(10 * 30)  # 10 s
    chosen = spread(times, list(range(0, len(times), EVERY_SECOND)), count=12, gap=1.0)
    assert [times[i] for i in chosen] == [float(s) for s in range(10)]


def test_a_long_video_is_judged_on_count_frames_evenly_spread_over_it():
    times = seconds(600 * 30)  # 10 minutes, a key frame a second
    chosen = spread(times, list(range(0, len(times), EVERY_SECOND)), count=12, gap=1.0)
    assert [times[i] for i in chosen] == [50.0 * n for n in range(12)]


def test_sparse_key_frames_are_each_taken_once_and_far_enough_apart():
    times = seconds(45 * 30)  # 45 s, a key frame every 10 s: fewer than asked for
    chosen = spread(times, list(range(0, len(times), 10 * 30)), count=12, gap=1.0)
    assert [times[i] for i in chosen] == [0.0, 10.0, 20.0, 30.0, 40.0]


def test_key_frames_closer_than_the_gap_are_skipped():
    times = seconds(60, rate=30)  # 2 s, a key frame every half second
    chosen = spread(times, list(range(0, 60, 15)), count=12, gap=1.0)
    assert [times[i] for i in chosen] == [0.0, 1.0]


@pytest.fixture(scope="module")
def long_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """90 s of 64x64 H.264, a key frame a second, its index last."""
    out = tmp_path_factory.mktemp("long") / "long.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=64x64:rate=10",
         "-t", "90", "-c:v", "libx264", "-preset", "ultrafast", "-g", "10", str(out)],
        check=True, timeout=120,
    )  # fmt: skip
    return out


@needs_tools
def test_a_long_video_gives_max_frames_key_frames_from_start_to_end(long_clip: Path):
    key = video.key_frames(long_clip.read_bytes(), MAX_FRAMES, MIN_GAP)
    assert key is not None
    times = [t for t, _ in key.frames]
    assert len(times) == MAX_FRAMES == 12
    assert times[0] == 0.0 and times[-1] > 80  # the whole video, not its first seconds
    assert all(7.0 <= b - a <= 8.0 for a, b in pairwise(times))  # 90 s / 12, at key frames
    with av.open(str(long_clip)) as container:
        stream = container.streams.video[0]
        keys = [bytes(p) for p in container.demux(stream) if p.is_keyframe and p.size]
    assert all(sample in keys for _, sample in key.frames)


@needs_tools
def test_a_long_video_sent_in_part_asks_for_its_chosen_key_frames_only(long_clip: Path):
    data = long_clip.read_bytes()
    sparse = pieces(data, skeleton(data))
    assert video.key_frames(sparse, MAX_FRAMES, MIN_GAP) is not None
    needed = sparse.needed()
    key = video.key_frames(data, MAX_FRAMES, MIN_GAP)
    assert key is not None
    samples = [sample for _, sample in key.frames]
    assert len(needed) == len(samples)  # one range a frame: nothing else of the media data
    # (the first key frame's first bytes came with the 'mdat' header the skeleton holds)
    pairs = zip(needed, samples, strict=True)
    assert all(sample.endswith(data[a : a + n]) for (a, n), sample in pairs)
