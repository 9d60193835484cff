"""Real camera and phone videos from public sample sets, scanned, cleaned and judged.

Run by `scripts/bench` (and alone: `.venv/bin/python scripts/real_videos.py`). The
files are not part of this repository, nor copied into it: each is read, read-only,
from a local mirror of its public repository (a bare git directory,
$THINKTWICE_MIRRORS/OWNER+NAME/repo, /work/.mirror by default) at the commit named
here; a file that is not on the machine is said so and passed over. Two GoPro
samples (gopro/gpmf-parser), seven phone videos from ExoPlayer's test assets
(google/ExoPlayer: two iPhones, an Android 12 phone, two Samsung slow-motion videos,
an Android phone's video with a metadata track, an Android 6 phone's) and a
truncated Android video (jcodec/jcodec). Each is cleaned by the CLI and judged by
exiftool, ffmpeg's stream hash and ffprobe (which also says the picture's
description, colour, Dolby Vision and rotation, is unchanged). The shapes these
files showed are rebuilt in code in tests/formats/video/test_gopro_shapes.py and
test_phone_shapes.py, which run everywhere. Exits 1 when a check fails.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench_support import ROOT, mirror_file

import thinktwice
from tests.support.videos import identifying_tags, probe_errors, stream_hash
from thinktwice.cli import main as cli
from thinktwice.errors import CorruptImage
from thinktwice.formats import video
from thinktwice.models import Kind

GPMF_PARSER = "9a7150632892c7356c91145c889016f07b0ed48d"  # gopro/gpmf-parser, 2026-08-18
JCODEC = "4ba922aca445c4df59f99e183c79d0538e5cb53f"  # jcodec/jcodec
EXOPLAYER = "243e6c292ac88307263e3974152d125345c3e5c4"  # google/ExoPlayer
EXO_MP4 = "testdata/src/test/assets/media/mp4/"
CARLSBAD = (33.12, -117.33)  # where both GoPro samples were filmed


@dataclass(frozen=True)
class Sample:
    """A video in a public repository: where it is, what it is, what it must show."""

    repo: str
    path: str
    commit: str
    what: str
    route_points: int = 0
    model: str = ""
    says: tuple[tuple[Kind, str], ...] = ()  # words each finding must hold
    turn: int = 0  # how far its frames are turned to be shown

    def read(self) -> bytes | None:
        """The file's bytes from the local mirror, or None when it is not on this machine."""
        return mirror_file(self.repo, self.commit, self.path)


CAMERAS = [
    Sample(
        "gopro/gpmf-parser", "samples/karma.mp4", GPMF_PARSER,
        "a GoPro HERO5 on a Karma drone (GPMF GPS as GPRI structures, serials in 'udta')",
        route_points=47,
    ),
    Sample(
        "gopro/gpmf-parser", "samples/max-heromode.mp4", GPMF_PARSER,
        "a GoPro MAX in HERO mode (GPMF GPS5, '\u00a9xyz', a 'udta' ending in a zero-filled atom)",
        route_points=191, model="GoPro Max",
    ),
]  # fmt: skip
FACES = "the faces it detected in each frame"
PHONES = [
    Sample(
        "google/ExoPlayer", EXO_MP4 + "dolbyVision-hdr.MOV", EXOPLAYER,
        "an Apple iPhone 14 Pro, Dolby Vision HEVC, GPS, metadata tracks", turn=90,
        says=((Kind.LOCATION, "in King's Cross, London, United Kingdom (GPS, ±35 m)"),
              (Kind.CAPTURE_TIME, "9 May 2023, 12:41 (UTC+01:00)"),
              (Kind.DEVICE_MODEL, "Apple iPhone 14 Pro"), (Kind.EDITING_HISTORY, "16.4.1"),
              (Kind.APPENDED_DATA, FACES)),
    ),
    Sample(
        "google/ExoPlayer", EXO_MP4 + "sample_with_color_info.mp4", EXOPLAYER,
        "an Apple iPhone 12 Pro Max, HDR HEVC, GPS, metadata tracks", turn=90,
        says=((Kind.LOCATION, "in Noe Valley, California (GPS, ±4 m)"),
              (Kind.CAPTURE_TIME, "25 May 2021, 09:21 (UTC-07:00)"),
              (Kind.DEVICE_MODEL, "Apple iPhone 12 Pro Max"), (Kind.APPENDED_DATA, FACES)),
    ),
    Sample(
        "google/ExoPlayer", EXO_MP4 + "portrait_4k60.mp4", EXOPLAYER,
        "an Android 12 phone, portrait 4K at 60 fps", turn=90,
        says=((Kind.CAPTURE_TIME, "16 March 2023, 15:26 (UTC)"),
              (Kind.EDITING_HISTORY, "Android 12")),
    ),
    Sample(
        "google/ExoPlayer", EXO_MP4 + "sample_sef_slow_motion.mp4", EXOPLAYER,
        "a Samsung phone's 240 fps slow motion, SEF blocks in a 'sefd' box",
        says=((Kind.APPENDED_DATA, "Samsung camera data in a block of its own: slow-motion"),
              (Kind.CAPTURE_TIME, "30 October 2020"), (Kind.EDITING_HISTORY, "Android 10")),
    ),
    Sample(
        "google/ExoPlayer", EXO_MP4 + "sample_sef_super_slow_motion.mp4", EXOPLAYER,
        "a Samsung phone's super slow motion, no sound, SEF blocks naming its music",
        says=((Kind.APPENDED_DATA, "the background music chosen for it"),
              (Kind.EDITING_HISTORY, "Android 10")),
    ),
    Sample(
        "google/ExoPlayer", EXO_MP4 + "h265_with_metadata_track.mp4", EXOPLAYER,
        "an Android phone's HEVC video, GPS in 'udta', a 'mett' metadata track", turn=90,
        says=((Kind.LOCATION, "near Hendon, England, United Kingdom (GPS)"),
              (Kind.APPENDED_DATA, "(“application/meta”)")),
    ),
    Sample(
        "google/ExoPlayer", "extensions/media2/src/androidTest/res/raw/video_1.mp4", EXOPLAYER,
        "an Android 6.0.1 phone, GPS, 400 KB of 'free' space its writer kept for the index",
        turn=270,
        says=((Kind.LOCATION, "Seoul"), (Kind.CAPTURE_TIME, "29 August 2019, 00:02 (UTC)"),
              (Kind.EDITING_HISTORY, "Android 6.0.1")),
    ),
]  # fmt: skip
# What ffprobe says of a video stream that must not change: codec, size, colour,
# Dolby Vision and the display matrix (its side data).
COLOUR_BOXES = (b"colr", b"dvcC", b"dvvC", b"dvwC", b"mdcv", b"clli")
MIN_SEARCHED = 16  # a shorter sample could turn up anywhere by chance
PICTURE = ("codec_name", "profile", "width", "height", "pix_fmt", "color_range", "color_space",
           "color_transfer", "color_primaries", "side_data_list")  # fmt: skip
# An Android 7.1.2 phone's 1080p video, its media data cut off by jcodec to keep the
# test file small: its samples point past its end, so it must be refused, saying why.
ANDROID = Sample("jcodec/jcodec", "src/test/resources/metaedit/keyed.mp4", JCODEC,
                 "an Android phone's video, truncated")  # fmt: skip

Check = tuple[str, Callable[[], bool]]


def _camera_checks(source: Path, cleaned: Path, sample: Sample) -> list[Check]:
    report = thinktwice.inspect(source.read_bytes(), source.name, pixels=False, keep_cleaned=False)
    found = {f.kind: f.message for f in report.findings}
    entries = {(e.source, e.key): e.value for e in video.read(source.read_bytes()).text}
    ends = [entries.get(("Track4", end), "") for end in ("RouteStart", "RouteEnd")]

    def near_carlsbad(position: str) -> bool:
        lat, lon = map(float, position.split(", "))
        return abs(lat - CARLSBAD[0]) < 0.02 and abs(lon - CARLSBAD[1]) < 0.02

    original, out = source.read_bytes(), cleaned.read_bytes()
    before = identifying_tags(source)
    return [
        ("says it records its route", lambda: "records the route" in found[Kind.LOCATION]),
        ("names the place", lambda: "near Carlsbad, California" in found[Kind.LOCATION]),
        ("finds the serial and when it was filmed",
         lambda: Kind.DEVICE_SERIAL in found and "filmed" in found[Kind.CAPTURE_TIME]),
        ("names the camera", lambda: sample.model in found.get(Kind.DEVICE_MODEL, "")),
        (f"decodes {sample.route_points} route points where it was filmed",
         lambda: entries.get(("Track4", "RoutePoints")) == str(sample.route_points)
         and all(near_carlsbad(end) for end in ends)),
        ("exiftool: GPS and serials before, nothing identifying after",
         lambda: any("GPS" in k for k in before) and any("Serial" in k for k in before)
         and identifying_tags(cleaned) == {}),
        ("the same packets, and it plays",
         lambda: stream_hash(cleaned) == stream_hash(source) and probe_errors(cleaned) == ""
         and video.check(out) == []),
        ("the telemetry leaves with its track",
         lambda: b"DEVC" in original and b"DEVC" not in out and len(original) - len(out) > 100_000),
    ]  # fmt: skip


def _phone_checks(source: Path, cleaned: Path, sample: Sample) -> list[Check]:
    original, out = source.read_bytes(), cleaned.read_bytes()
    report = thinktwice.inspect(original, source.name, pixels=False, keep_cleaned=False)
    found = {f.kind: f.message for f in report.findings}
    packets = [p for p in _data_packets(source, original) if len(p) >= MIN_SEARCHED]
    checks: list[Check] = [
        (f"says {words!r}", lambda kind=kind, words=words: words in found.get(kind, ""))
        for kind, words in sample.says
    ]
    colour = _colour_boxes(original)
    checks += [
        ("exiftool: something identifying before, nothing after",
         lambda: identifying_tags(source) != {} and identifying_tags(cleaned) == {}),
        ("the same packets, and it plays",
         lambda: stream_hash(cleaned) == stream_hash(source) and probe_errors(cleaned) == ""
         and video.check(out) == []),
        (f"ffprobe: the same picture (codec, colour, HDR, Dolby Vision), turned {sample.turn}°",
         lambda: _picture(cleaned) == _picture(source) and video.read(out).turn == sample.turn),
    ]  # fmt: skip
    if colour:
        checks.append((f"keeps its colour boxes byte for byte ({', '.join(sorted(colour))})",
                       lambda: all(found in out for found in colour.values())))  # fmt: skip
    if packets:
        checks.append((
            f"its metadata tracks leave with their samples ({len(packets)} searched for)",
            lambda: all(p in original for p in packets) and not any(p in out for p in packets)
            and _data_packets(cleaned, out) == [],
        ))  # fmt: skip
    if b"SEFT" in original:
        checks.append(("Samsung's SEF blocks leave (exiftool reads them before, none after)",
                       lambda: _samsung(source) and not _samsung(cleaned)))  # fmt: skip
    checks.append(("its frames are checked for faces and nudity", lambda: _pixels(source)))
    return checks


def _data_packets(path: Path, data: bytes) -> list[bytes]:
    """The samples of every data (metadata) stream of `path`, as ffprobe finds them."""
    shown = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "d", "-show_entries",
                            "packet=pos,size", "-of", "json", str(path)],
                           check=True, capture_output=True, timeout=60)  # fmt: skip
    packets = json.loads(shown.stdout).get("packets", [])
    return [data[int(p["pos"]) : int(p["pos"]) + int(p["size"])] for p in packets]


def _colour_boxes(data: bytes) -> dict[str, bytes]:
    """The colour and HDR boxes of `data`'s sample descriptions, whole, by type."""
    found = {}
    for box_type in COLOUR_BOXES:
        at = data.find(box_type) - 4
        if at >= 0:
            (size,) = struct.unpack_from(">I", data, at)
            found[box_type.decode()] = data[at : at + size]
    return found


def _picture(path: Path) -> dict[str, object]:
    """What ffprobe says of the first video stream that showing it depends on."""
    shown = subprocess.run(["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_streams",
                            "-of", "json", str(path)], check=True, capture_output=True,
                           timeout=60)  # fmt: skip
    stream = json.loads(shown.stdout)["streams"][0]
    return {key: stream.get(key) for key in PICTURE}


def _samsung(path: Path) -> bool:
    """Whether exiftool reads any Samsung tag in `path`, unknown ones included."""
    shown = subprocess.run(["exiftool", "-a", "-G1", "-u", "-U", "-j", str(path)],
                           check=True, capture_output=True, timeout=60)  # fmt: skip
    return any(key.startswith("Samsung:") for key in json.loads(shown.stdout)[0])


def _pixels(path: Path) -> bool:
    """Whether the frames of `path` were decoded and judged, without a problem."""
    report = thinktwice.inspect(path.read_bytes(), path.name, keep_cleaned=False)
    return report.pixel_analysis == "done" and report.problems == ()


def _refused(data: bytes) -> bool:
    try:
        thinktwice.inspect(data, "keyed.mp4", pixels=False)
    except CorruptImage as error:
        return "points outside the kept media data" in str(error)
    return False


def report() -> bool:
    """Judge every sample present here; print each check; whether all passed."""
    print("\n== Real videos (read-only from local mirrors of public repositories)")
    ok = True
    with tempfile.TemporaryDirectory(prefix="thinktwice-real-") as tmp:
        folder, out = Path(tmp) / "in", Path(tmp) / "out"
        folder.mkdir()
        present: list[tuple[Sample, Path]] = []
        for sample in CAMERAS + PHONES:
            data = sample.read()
            where = f"{sample.repo}@{sample.commit[:12]}:{sample.path}"
            if data is None:
                print(f"  not on this machine: {where}")
                continue
            path = folder / Path(sample.path).name
            path.write_bytes(data)
            present.append((sample, path))
        if present:
            assert cli(["clean", "-q", "-o", str(out), *(str(p) for _, p in present)]) == 0
        for sample, path in present:
            print(f"  {sample.repo}:{sample.path} ({sample.what})")
            judge = _phone_checks if sample in PHONES else _camera_checks
            for name, check in judge(path, out / path.name, sample):
                passed = bool(check())
                ok = ok and passed
                print(f"    {'ok  ' if passed else 'FAIL'} {name}")
    data = ANDROID.read()
    if data is None:
        print(f"  not on this machine: {ANDROID.repo}:{ANDROID.path}")
    else:
        passed = _refused(data)
        ok = ok and passed
        print(f"  {ANDROID.repo}:{ANDROID.path} ({ANDROID.what})")
        print(f"    {'ok  ' if passed else 'FAIL'} refused: its samples point past its end")
    return ok


if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(0 if report() else 1)
