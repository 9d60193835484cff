"""Faces and nudity in videos: key frames sampled with PyAV, the photo detector on each."""

from __future__ import annotations

import shutil
import subprocess
from itertools import pairwise

import av
import pytest
from PIL import Image

from tests.support.videos import pieces, skeleton
from thinktwice.models import Finding, Kind, Severity
from thinktwice.pipeline import inspect
from thinktwice.vision.frames import (
    MAX_FRAMES,
    _findings,
    _frames,
    analyse_key_frames,
    analyse_video,
    timestamp,
)
from thinktwice.vision.options import DEFAULT_VISION

from .build import astronaut, group_photo

pytestmark = pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="needs ffmpeg")


@pytest.fixture(scope="module")
def face_video(tmp_path_factory):
    folder = tmp_path_factory.mktemp("frames")
    astronaut().save(folder / "face.png")
    # Two seconds of test pattern, then the astronaut: the face is seen from 0:02.
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=512x512:rate=5",
         "-loop", "1", "-i", str(folder / "face.png"), "-f", "lavfi", "-i", "sine",
         "-filter_complex", "[0:v]trim=duration=2[a];[1:v]trim=duration=2,format=yuv420p[b];"
         "[a][b]concat=n=2:v=1[v]", "-map", "[v]", "-map", "2:a", "-t", "4", "-r", "5",
         "-c:v", "libx264", "-g", "5", "-pix_fmt", "yuv420p", "-c:a", "aac",
         str(folder / "face.mp4")],
        check=True, timeout=120,
    )  # fmt: skip
    return (folder / "face.mp4").read_bytes()


def test_a_face_in_a_video_is_found_with_its_time(face_video, detector):
    report = inspect(face_video, "face.mp4")
    assert report.pixel_analysis == "done"
    (face,) = [f for f in report.findings if f.kind is Kind.FACE]
    assert face.severity is Severity.INFO
    assert face.message == "A face is visible (from 0:02)."


def test_metadata_only_leaves_the_frames_alone(face_video):
    report = inspect(face_video, "face.mp4", pixels=False)
    assert report.pixel_analysis == "off"
    assert not [f for f in report.findings if f.kind is Kind.FACE]


def test_frames_are_key_frames_a_second_apart_and_bounded(tmp_path):
    clip = tmp_path / "clip.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=64x64:rate=10",
         "-t", "90", "-c:v", "libx264", "-preset", "ultrafast", "-g", "5", str(clip)],
        check=True, timeout=120,
    )  # fmt: skip
    with av.open(str(clip)) as container:
        times = [seconds for seconds, _ in _frames(container)]
    assert MAX_FRAMES - 4 <= len(times) <= MAX_FRAMES
    assert all(b - a >= 1.0 for a, b in pairwise(times))
    assert times[-1] > 80  # spread over the whole video, not its first seconds


def test_a_face_beside_intimate_content_is_critical():
    face = Finding(Kind.FACE, Severity.INFO, "A face is visible.", {"NudeNet:FACE_FEMALE #1": "x"})
    nude = Finding(Kind.NUDITY, Severity.HIGH, "It shows intimate content.", {})
    found = _findings({Kind.FACE: (3.0, face), Kind.NUDITY: (12.0, nude)}, 12.5)
    assert [(f.kind, f.severity, f.message) for f in found] == [
        (Kind.NUDITY, Severity.HIGH, "It shows intimate content (from 0:12)."),
        (Kind.FACE, Severity.CRITICAL, "A face is visible in an intimate video (from 0:12)."),
    ]


def test_timestamps_read_as_players_show_them():
    assert [timestamp(s) for s in (0, 12.9, 62, 3723)] == ["0:00", "0:12", "1:02", "1:02:03"]


def test_undecodable_video_is_a_problem_not_an_error():
    report = analyse_video(b"\0\0\0\x18ftypisom" + bytes(100), DEFAULT_VISION)
    assert report.status == "unavailable"
    assert report.problems[0].startswith("Pixel analysis of the video failed")


def test_a_video_sent_in_part_is_judged_on_the_key_frames_it_was_asked_for(face_video, detector):
    data = face_video
    sparse = pieces(data, skeleton(data))
    first = inspect(sparse, "face.mp4", keep_cleaned=False)
    assert first.pixel_analysis == "off"  # its key frames were not sent yet
    needed = sparse.needed()
    assert len(needed) == 4  # 4 s, a key frame a second: those samples only
    again = pieces(data, skeleton(data) + needed)
    report = inspect(again, "face.mp4", keep_cleaned=False)
    assert again.needed() == []
    assert report.pixel_analysis == "done"
    (face,) = [f for f in report.findings if f.kind is Kind.FACE]
    assert face.message == "A face is visible (from 0:02)."


def test_key_frames_of_a_codec_not_read_here_are_said_not_checked():
    report = analyse_key_frames(None, DEFAULT_VISION)
    assert report.status == "unavailable"
    assert "not checked for faces or nudity" in report.problems[0]


@pytest.fixture(scope="module")
def portrait_video(tmp_path_factory):
    """A group of five filmed upright by a phone: frames stored on their side, a display
    matrix turning them a quarter clockwise (as exiftool writes it; ffprobe: -90)."""
    folder = tmp_path_factory.mktemp("portrait")
    upright, faces_in_it = group_photo(width=1280)
    assert len(faces_in_it) == 5
    upright.transpose(Image.Transpose.ROTATE_90).save(folder / "stored.png")  # on its side
    video = folder / "portrait.mp4"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-loop", "1", "-i", str(folder / "stored.png"), "-t", "2",
         "-r", "2", "-c:v", "libx264", "-g", "2", "-pix_fmt", "yuv420p", str(video)],
        check=True, timeout=120,
    )  # fmt: skip
    subprocess.run(["exiftool", "-q", "-overwrite_original", "-Rotation=90", str(video)],
                   check=True, timeout=60)  # fmt: skip
    return video.read_bytes()


def faces_seen(report) -> int:
    (face,) = [f for f in report.findings if f.kind is Kind.FACE]
    return len(face.evidence)


def test_a_portrait_video_is_judged_upright(portrait_video, detector):
    # On their side the detector finds 2 of the 5 faces; upright, all of them.
    assert faces_seen(inspect(portrait_video, "portrait.mp4")) == 5


def test_a_portrait_video_sent_in_part_is_judged_upright(portrait_video, detector):
    data = portrait_video
    sparse = pieces(data, skeleton(data))
    inspect(sparse, "portrait.mp4", keep_cleaned=False)
    again = pieces(data, skeleton(data) + sparse.needed())
    assert faces_seen(inspect(again, "portrait.mp4", keep_cleaned=False)) == 5


def test_a_webm_is_judged_on_its_frames_too(tmp_path, detector):
    astronaut().save(tmp_path / "face.png")
    made = tmp_path / "face.webm"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-loop", "1", "-i", str(tmp_path / "face.png"), "-t", "2",
         "-r", "2", "-c:v", "libvpx", "-pix_fmt", "yuv420p", str(made)],
        check=True, timeout=120,
    )  # fmt: skip
    report = inspect(made.read_bytes(), "face.webm")
    assert report.pixel_analysis == "done"
    assert [f.message for f in report.findings if f.kind is Kind.FACE] == [
        "A face is visible (from 0:00)."
    ]
