"""Matroska and WebM fixtures made with ffmpeg, and the checks their tests share."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.support.videos import TOOLS
from thinktwice.formats.matroska import ids
from thinktwice.formats.matroska.keyframes import CLUSTER_HEAD
from thinktwice.formats.matroska.layout import load

EIFFEL = "+48.8584+002.2945/"
SOURCES = ("-f", "lavfi", "-i", "testsrc=size=64x48:rate=10", "-f", "lavfi", "-i",
           "sine=f=440:r=48000")  # fmt: skip
IDENTIFYING = ("-t", "2", "-metadata", "title=Alice at home", "-metadata", f"location={EIFFEL}",
               "-metadata", "creation_time=2024-03-14T18:02:11Z", "-metadata",
               "artist=Alice Martin", "-metadata", "comment=secret note",
               "-metadata:s:v", "title=Alice's camera")  # fmt: skip
CHAPTERS = """;FFMETADATA1
title=Alice at home
[CHAPTER]
TIMEBASE=1/1000
START=0
END=1000
title=At Alice's flat
[CHAPTER]
TIMEBASE=1/1000
START=1000
END=2000
title=Bob arrives
"""


def ffmpeg(*args: str) -> None:
    """Run ffmpeg quietly; a failure fails the test that needed it."""
    subprocess.run(["ffmpeg", "-v", "error", "-y", *args], check=True, timeout=120)


def make(folder: Path) -> dict[str, Path]:
    """The fixture files by name (see `matroska_videos`)."""
    cover = folder / "cover.jpg"
    ffmpeg("-f", "lavfi", "-i", "color=red:s=32x32", "-frames:v", "1", str(cover))
    chapters = folder / "chapters.txt"
    chapters.write_text(CHAPTERS)
    vp9 = ("-c:v", "libvpx-vp9", "-deadline", "realtime", "-c:a", "libopus")
    out = {name: folder / name for name in
           ("mkv.mkv", "webm.webm", "live.webm", "chapters.mkv", "av1.webm")}  # fmt: skip
    ffmpeg(*SOURCES, *vp9, *IDENTIFYING, "-cluster_time_limit", "400", "-attach", str(cover),
           "-metadata:s:t", "mimetype=image/jpeg", str(out["mkv.mkv"]))  # fmt: skip
    ffmpeg(*SOURCES, "-c:v", "libvpx", "-c:a", "libvorbis", *IDENTIFYING, str(out["webm.webm"]))
    # Written to a pipe, as a browser's MediaRecorder writes: Segment and Clusters of
    # unknown size, no Cues.
    with out["live.webm"].open("wb") as sink:
        subprocess.run(["ffmpeg", "-v", "error", *SOURCES, *vp9, *IDENTIFYING, "-f", "webm",
                        "pipe:1"], stdout=sink, check=True, timeout=120)  # fmt: skip
    ffmpeg(*SOURCES, "-i", str(chapters), "-map", "0", "-map", "1", "-map_metadata", "2",
           "-map_chapters", "2", "-t", "2", *vp9, str(out["chapters.mkv"]))  # fmt: skip
    ffmpeg(*SOURCES[:4], "-c:v", "libaom-av1", "-cpu-used", "8", "-an", *IDENTIFYING,
           "-t", "0.5", str(out["av1.webm"]))  # fmt: skip
    out["unknown_clusters.webm"] = with_unknown_clusters(out["live.webm"], folder)
    return {path.stem: path for path in out.values()}


def with_unknown_clusters(source: Path, folder: Path) -> Path:
    """`source` with each Cluster's size made "unknown" (all ones, same width)."""
    data = bytearray(source.read_bytes())
    layout = load(bytes(data))
    for cluster in layout.top:
        if cluster.id == ids.CLUSTER:
            width = cluster.start - cluster.offset - 4
            unknown = (1 << (7 * width + 1)) - 1  # the marker bit, then all ones
            data[cluster.offset + 4 : cluster.start] = unknown.to_bytes(width, "big")
    path = folder / "unknown_clusters.webm"
    path.write_bytes(bytes(data))
    return path


@pytest.fixture(scope="session")
def matroska_videos(tmp_path_factory) -> dict[str, Path]:
    """mkv (VP9+Opus, tags, a cover attached), webm (VP8+Vorbis), live (unknown sizes),
    chapters (named chapters), av1 (AV1 WebM), made once per session."""
    if any(shutil.which(tool) is None for tool in TOOLS):
        pytest.skip("needs ffmpeg, ffprobe and exiftool")
    return make(tmp_path_factory.mktemp("matroska"))


@pytest.fixture(scope="session")
def tagged_webm(tmp_path_factory) -> Path:
    """A 6 s VP9 + Opus WebM (320x240, a key frame and a Cluster a second, Cues) carrying a
    title, a place, a date and a name: most of it is Clusters, as in a big one."""
    if any(shutil.which(tool) is None for tool in TOOLS):
        pytest.skip("needs ffmpeg, ffprobe and exiftool")
    out = tmp_path_factory.mktemp("tagged_webm") / "recording.webm"
    ffmpeg("-f", "lavfi", "-i", "testsrc2=size=320x240:rate=30", "-f", "lavfi", "-i",
           "sine=f=440:r=48000", "-t", "6", "-c:v", "libvpx-vp9", "-deadline", "realtime",
           "-cpu-used", "8", "-g", "30", "-c:a", "libopus", "-cluster_time_limit", "1000",
           *IDENTIFYING[2:], str(out))  # fmt: skip
    return out


def packets(path: Path) -> str:
    """ffmpeg's per-packet hashes of the video and audio (not attached pictures)."""
    result = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), "-map", "0:V", "-map", "0:a?", "-c", "copy",
         "-f", "framemd5", "-"],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return result.stdout.decode()


def probe(path: Path) -> str:
    """ffprobe's -show_format -show_streams of `path`."""
    result = subprocess.run(
        ["ffprobe", "-v", "error", "-show_format", "-show_streams", str(path)],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    return result.stdout.decode()


def decode_errors(path: Path, *before: str) -> tuple[int, str]:
    """How many video frames ffmpeg decodes from `path` (after the input options
    `before`, such as a seek), and what it complains of."""
    result = subprocess.run(
        ["ffmpeg", "-v", "error", *before, "-i", str(path), "-map", "0:V", "-f", "framecrc", "-"],
        capture_output=True, timeout=60,
    )  # fmt: skip
    frames = sum(1 for line in result.stdout.decode().splitlines() if line[:1] == "0")
    return frames, result.stderr.decode() + ("" if result.returncode == 0 else " (failed)")


def skeleton(data: bytes) -> list[tuple[int, int]]:
    """What the extension sends of a big Matroska video (content/sparse-matroska.js), as
    (offset, length) runs: the EBML header and the Segment's header, each top-level
    element whole but a Cluster, which sends its header and its first CLUSTER_HEAD bytes;
    after a Cluster of unknown size, nothing more."""
    layout = load(data)
    runs = [(0, layout.segment.start)]
    for element in layout.top:
        if element.id != ids.CLUSTER:
            runs.append((element.offset, element.length))
            continue
        head_end = min(element.end, element.start + CLUSTER_HEAD)
        runs.append((element.offset, head_end - element.offset))
        if not element.known:
            break
    return runs
