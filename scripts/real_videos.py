"""Real camera and phone videos from public sample sets, scanned, cleaned and judged.

Run by `scripts/bench` (and alone: `.venv/bin/python scripts/real_videos.py`). The
files are not part of this repository, nor copied into it: each is read, read-only,
from a local mirror of its public repository (a bare git directory,
$THINKTWICE_MIRRORS/OWNER+NAME/repo, /work/.mirror by default) at the commit named
here; a file that is not on the machine is said so and passed over. The shapes these
files showed are rebuilt in code in tests/formats/video/test_gopro_shapes.py, which
runs everywhere. Exits 1 when a check fails.
"""

from __future__ import annotations

import os
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
        for sample in CAMERAS:
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
            for name, check in _camera_checks(path, out / path.name, sample):
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
