"""The shapes real phone videos showed, rebuilt in code: an iPhone's 'mebx' metadata
tracks (the faces it detected, its Live Photo data), an Android phone's 'mett' track
whose sample entry leaves out its reserved bytes, a Samsung slow-motion video's SEF
blocks in a top-level 'sefd' box, and Android's bare version number. The real files
(google/ExoPlayer's test assets, read-only from a local mirror) are judged by
scripts/real_videos.py, which scripts/bench runs.
"""

from __future__ import annotations

import struct
import subprocess
from pathlib import Path

import pytest

import thinktwice
from tests.support.videos import (
    box,
    ffmpeg,
    identifying_tags,
    mebx_entry,
    needs_tools,
    probe_errors,
    stream_hash,
    videos,  # noqa: F401 (a fixture)
    with_metadata_track,
)
from thinktwice.formats import video
from thinktwice.models import Finding, Kind, Severity

FACES = ("com.apple.quicktime.detected-face", "com.apple.quicktime.detected-face.bounds",
         "com.apple.quicktime.detected-face.face-id")  # fmt: skip
FACE_SAMPLES = [struct.pack(">I4s", 24, b"\0\0\0\x02") + b"FACE-BOUNDS-%04d" % i for i in range(4)]
# Samsung's slow-motion blocks as its phones write them (a Galaxy's 240 fps video).
SEF_BLOCKS = ((0x7FFE, b"Invalid_Data", bytes(12)), (0x0890, b"SlowMotion_Data", b"88:879:2*1255"))


def _findings(path: Path) -> dict[Kind, Finding]:
    report = thinktwice.inspect(path.read_bytes(), path.name, pixels=False, keep_cleaned=False)
    return {finding.kind: finding for finding in report.findings}


def _cleaned(path: Path, tmp_path: Path) -> Path:
    out = tmp_path / f"clean-{path.name}"
    out.write_bytes(video.strip(path.read_bytes()))
    return out


def sefd(*blocks: tuple[int, bytes, bytes]) -> bytes:
    """A 'sefd' box holding Samsung SEF blocks: each (type, name, payload), then the
    directory ("SEFH", version, count, entries of type, distance back, size) and "SEFT"."""
    body, entries = b"", []
    for kind, name, payload in blocks:
        block = struct.pack("<HHI", 0, kind, len(name)) + name + payload
        entries.append((kind, len(body), len(block)))
        body += block
    directory = struct.pack("<4sII", b"SEFH", 106, len(entries)) + b"".join(
        struct.pack("<HHII", 0, kind, len(body) - at, size) for kind, at, size in entries
    )
    return box(b"sefd", body + directory + struct.pack("<I4s", len(directory), b"SEFT"))


def _every_tag(path: Path) -> list[str]:
    """exiftool's names of every tag of `path`, unknown ones included."""
    result = subprocess.run(["exiftool", "-a", "-G1", "-s", "-u", "-U", str(path)],
                            check=True, capture_output=True, timeout=60)  # fmt: skip
    return [line.split(":", 1)[0] for line in result.stdout.decode().splitlines()]


@pytest.fixture(scope="module")
def iphone(videos, tmp_path_factory) -> Path:  # noqa: F811
    """An iPhone-like movie: a 'mebx' track of detected faces, one of Live Photo data."""
    live = (mebx_entry("com.apple.quicktime.live-photo-info"), [b"LIVE-PHOTO-INFO!"])
    out = tmp_path_factory.mktemp("iphone") / "iphone.mov"
    return with_metadata_track(videos["last"], out, mebx_entry(*FACES), FACE_SAMPLES, live)


@pytest.fixture(scope="module")
def android_mett(videos, tmp_path_factory) -> Path:  # noqa: F811
    """An Android phone's 'mett' track: no reserved bytes before its two strings."""
    entry = box(b"mett", b"application/meta\0application/meta\0")
    out = tmp_path_factory.mktemp("mett") / "mett.mp4"
    return with_metadata_track(videos["last"], out, entry, [b"\x01ANDROID-META-01"])


@pytest.fixture(scope="module")
def slow_motion(videos, tmp_path_factory) -> Path:  # noqa: F811
    """A Samsung slow-motion video: its SEF blocks in a 'sefd' box after the 'moov'."""
    out = tmp_path_factory.mktemp("sef") / "slow.mp4"
    out.write_bytes(videos["last"].read_bytes() + sefd(*SEF_BLOCKS))
    return out


@needs_tools
def test_an_iphones_metadata_tracks_are_said_by_what_they_hold(iphone):
    found = _findings(iphone)[Kind.APPENDED_DATA]
    assert found.message == ("It has 2 metadata tracks beside its picture and sound: the faces "
                             "it detected in each frame and its Live Photo data.")  # fmt: skip
    assert found.severity == Severity.MEDIUM  # where faces are, and an id per face
    assert Kind.COMMENT not in _findings(iphone)  # the keys are no text note


@needs_tools
def test_an_iphones_metadata_tracks_leave_with_their_samples(iphone, tmp_path):
    out = _cleaned(iphone, tmp_path)
    data = out.read_bytes()
    assert all(sample in iphone.read_bytes() for sample in FACE_SAMPLES)
    assert not any(sample in data for sample in [*FACE_SAMPLES, b"LIVE-PHOTO-INFO!"])
    assert b"mebx" not in data
    assert stream_hash(out) == stream_hash(iphone) and probe_errors(out) == ""
    assert identifying_tags(out) == {}


@needs_tools
def test_an_android_mett_track_is_named_by_its_mime_type(android_mett, tmp_path):
    found = _findings(android_mett)[Kind.APPENDED_DATA]
    assert "data in a format of its own (“application/meta”)" in found.message
    assert found.severity == Severity.LOW
    out = _cleaned(android_mett, tmp_path)
    assert b"ANDROID-META-01" not in out.read_bytes()
    assert stream_hash(out) == stream_hash(android_mett)


@needs_tools
def test_samsung_slow_motion_blocks_are_said_and_removed(slow_motion, tmp_path):
    found = _findings(slow_motion)[Kind.APPENDED_DATA]
    assert found.message == (
        "It has Samsung camera data in a block of its own: slow-motion settings."
    )
    assert found.severity == Severity.LOW  # how it plays, nothing of who or where
    assert any("Samsung" in key for key in _every_tag(slow_motion))
    out = _cleaned(slow_motion, tmp_path)
    assert b"SEFT" not in out.read_bytes() and b"SlowMotion_Data" not in out.read_bytes()
    assert not any("Samsung" in key for key in _every_tag(out))
    assert stream_hash(out) == stream_hash(slow_motion) and probe_errors(out) == ""


@needs_tools
def test_androids_bare_version_number_is_said_as_android(tmp_path):
    path = ffmpeg(tmp_path / "android.mp4", "-movflags", "use_metadata_tags",
                  "-metadata", "com.android.version=12", "-fflags", "+bitexact")  # fmt: skip
    found = _findings(path)[Kind.EDITING_HISTORY]
    assert found.message == "It records the device's software version: Android 12."
