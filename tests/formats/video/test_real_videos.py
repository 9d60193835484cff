"""Real camera and phone videos from public sample sets, scanned and cleaned as any video.

The files are not part of this repository, nor copied into it: each is read,
read-only, from a local mirror of its public repository (a bare git directory,
$THINKTWICE_MIRRORS/OWNER+NAME/repo, /work/.mirror by default) at the commit named
here. A test using one skips, saying which, only when that file is not on the
machine (CI has no mirror); the tests after them rebuild in code the shapes those
files showed, and run everywhere.
"""

from __future__ import annotations

import os
import struct
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest

import thinktwice
from tests.support.videos import (
    identifying_tags,
    needs_tools,
    probe_errors,
    stream_hash,
    videos,  # noqa: F401 (a fixture)
    with_gopro_udta,
)
from thinktwice.cli import main
from thinktwice.errors import CorruptImage
from thinktwice.formats import video
from thinktwice.formats.video.telemetry import route
from thinktwice.models import Kind

MIRRORS = Path(os.environ.get("THINKTWICE_MIRRORS", "/work/.mirror"))
GPMF_PARSER = "9a7150632892c7356c91145c889016f07b0ed48d"  # gopro/gpmf-parser, 2026-08-18
JCODEC = "4ba922aca445c4df59f99e183c79d0538e5cb53f"  # jcodec/jcodec


@dataclass(frozen=True)
class Sample:
    """A video in a public repository: where it is, and what it is."""

    repo: str
    path: str
    commit: str
    what: str

    def read(self) -> bytes:
        """The file's bytes from the local mirror; the test skips if it is not there."""
        git_dir = MIRRORS / self.repo.replace("/", "+") / "repo"
        if not git_dir.is_dir():
            pytest.skip(f"{self.repo} is not mirrored here ({git_dir}): no {self.path}")
        shown = subprocess.run(
            ["git", "-C", str(git_dir), "show", f"{self.commit}:{self.path}"],
            capture_output=True, timeout=60,
        )  # fmt: skip
        if shown.returncode != 0 or shown.stdout.startswith(b"version https://git-lfs"):
            pytest.skip(f"{self.repo}@{self.commit[:12]}:{self.path} is not on this machine")
        return shown.stdout


# Cameras that film a route: their samples, cleaned and judged.
CAMERAS = {
    "karma": Sample(
        "gopro/gpmf-parser", "samples/karma.mp4", GPMF_PARSER,
        "a GoPro HERO5 on a Karma drone: GPMF telemetry whose GPS is GPRI structures, "
        "firmware and lens serial in 'udta'",
    ),
    "max": Sample(
        "gopro/gpmf-parser", "samples/max-heromode.mp4", GPMF_PARSER,
        "a GoPro MAX in HERO mode: GPMF GPS5, a place in '\u00a9xyz', lens and body serials "
        "in a 'udta' ending in a zero-filled 'free' atom",
    ),
}  # fmt: skip
# An Android 7.1.2 phone's 1080p video (GPS in '\u00a9xyz', 'com.android.version'), its
# media data cut off by jcodec to keep the test file small: samples point past its end.
ANDROID = Sample("jcodec/jcodec", "src/test/resources/metaedit/keyed.mp4", JCODEC,
                 "an Android phone's video, truncated")  # fmt: skip
CARLSBAD = (33.12, -117.33)  # where both GoPro samples were filmed


@pytest.fixture(scope="module")
def real(tmp_path_factory) -> dict[str, Path]:
    """The camera samples present here, written to a temporary folder (never the project)."""
    folder = tmp_path_factory.mktemp("real")
    present = {}
    for name, sample in CAMERAS.items():
        path = folder / Path(sample.path).name
        try:
            path.write_bytes(sample.read())
        except pytest.skip.Exception:
            continue
        present[name] = path
    return present


def _sample(real: dict[str, Path], name: str) -> Path:
    if name not in real:
        CAMERAS[name].read()  # skips, saying which file is missing
    return real[name]


@pytest.fixture(scope="module")
def cleaned(real, tmp_path_factory) -> dict[str, Path]:
    """Each present sample cleaned by `thinktwice clean -o DIR`, as a person types it."""
    folder = tmp_path_factory.mktemp("real-cleaned")
    if real:
        assert main(["clean", "-q", "-o", str(folder), *map(str, real.values())]) == 0
    return {name: folder / path.name for name, path in real.items()}


def _findings(path: Path) -> dict[Kind, str]:
    report = thinktwice.inspect(path.read_bytes(), path.name, pixels=False, keep_cleaned=False)
    return {finding.kind: finding.message for finding in report.findings}


@needs_tools
@pytest.mark.parametrize("name", CAMERAS)
def test_a_real_camera_video_is_said_to_record_its_route_and_camera(real, name):
    found = _findings(_sample(real, name))
    assert "It records the route it was filmed along" in found[Kind.LOCATION]
    assert "near Carlsbad, California" in found[Kind.LOCATION]
    assert Kind.DEVICE_SERIAL in found
    assert "filmed" in found[Kind.CAPTURE_TIME]


def test_a_gopro_max_is_named_from_its_gpmf_settings(real):
    assert "GoPro Max" in _findings(_sample(real, "max"))[Kind.DEVICE_MODEL]


@needs_tools
@pytest.mark.parametrize(("name", "points"), [("karma", 47), ("max", 191)])
def test_the_gpmf_route_is_decoded_where_it_was_filmed(real, name, points):
    container = video.read(_sample(real, name).read_bytes())
    entries = {(entry.source, entry.key): entry.value for entry in container.text}
    assert entries[("Track4", "RoutePoints")] == str(points)
    for end in ("RouteStart", "RouteEnd"):
        lat, lon = map(float, entries[("Track4", end)].split(", "))
        assert abs(lat - CARLSBAD[0]) < 0.02 and abs(lon - CARLSBAD[1]) < 0.02


@needs_tools
@pytest.mark.parametrize("name", CAMERAS)
def test_exiftool_finds_nothing_identifying_in_a_cleaned_real_video(real, cleaned, name):
    before = identifying_tags(_sample(real, name))  # first: it skips when missing
    assert any("GPS" in key for key in before) and any("Serial" in key for key in before)
    assert identifying_tags(cleaned[name]) == {}


@needs_tools
@pytest.mark.parametrize("name", CAMERAS)
def test_a_cleaned_real_video_has_the_same_packets_and_plays(real, cleaned, name):
    source = _sample(real, name)  # first: it skips when missing
    assert stream_hash(cleaned[name]) == stream_hash(source)
    assert probe_errors(cleaned[name]) == ""
    assert video.check(cleaned[name].read_bytes()) == []


@needs_tools
@pytest.mark.parametrize("name", CAMERAS)
def test_the_telemetry_samples_leave_with_their_track(real, cleaned, name):
    original = _sample(real, name).read_bytes()  # first: it skips when missing
    out = cleaned[name].read_bytes()
    assert b"DVNM" in original and b"DEVC" in original  # GPMF device records
    assert b"DVNM" not in out and b"DEVC" not in out
    assert len(original) - len(out) > 100_000


def test_a_truncated_real_phone_video_is_refused_saying_why():
    data = ANDROID.read()
    with pytest.raises(CorruptImage, match="points outside the kept media data"):
        thinktwice.inspect(data, "keyed.mp4", pixels=False)


# ---- the shapes the real files showed, rebuilt in code (these run everywhere) ----


def _klv(key: bytes, kind: bytes, size: int, values: bytes) -> bytes:
    repeat = len(values) // size
    return struct.pack(">4scBH", key, kind, size, repeat) + values + bytes(-len(values) % 4)


def _karma_gps(*points: tuple[float, float]) -> bytes:
    """A GPMF sample as the Karma drone writes its GPS: GPRI structures laid out by TYPE."""
    rows = b"".join(
        struct.pack(">QiiiHHHHBB",
                    0, round(lat * 1e7), round(lon * 1e7), 15_000, 0, 0, 0, 0, 3, 20)
        for lat, lon in points
    )  # fmt: skip
    units = b"s\0\0degdegm\0\0m\0\0m\0\0m/sdeg\0\0\0\0\0\0"
    scales = struct.pack(">10l", 1_000_000, 10_000_000, 10_000_000, 1000, 100, 100, 100, 100, 1, 1)
    stream = b"".join(
        (
            _klv(b"STNM", b"c", 1, b"GPS RAW\0"),
            _klv(b"UNIT", b"c", 3, units),
            _klv(b"TYPE", b"c", 1, b"JlllSSSSBB"),
            _klv(b"SCAL", b"l", 4, scales),
            _klv(b"GPRI", b"?", 30, rows),
        )
    )
    return _klv(b"DEVC", b"\0", 1, _klv(b"STRM", b"\0", 1, stream))


def test_gpmf_gps_structures_are_read_by_their_type_and_units():
    sample = _karma_gps((0.0, 0.0), (33.1253680, -117.3316680), (33.1254000, -117.3317000))
    # The first structure, written before the first fix, is no position.
    assert route(b"gpmd", [sample]) == [(33.125368, -117.331668), (33.1254, -117.3317)]


def test_gpmf_structures_of_an_unknown_layout_are_no_positions():
    sample = _karma_gps((33.1253680, -117.3316680)).replace(b"JlllSSSSBB", b"JlllSSSSB?")
    assert route(b"gpmd", [sample]) == []


@pytest.fixture(scope="module")
def gopro_udta(videos, tmp_path_factory) -> Path:  # noqa: F811
    return with_gopro_udta(videos["last"], tmp_path_factory.mktemp("gopro") / "udta.mp4")


@needs_tools
def test_a_udta_ending_in_a_zero_filled_atom_is_read(gopro_udta):
    found = _findings(gopro_udta)
    assert "Paris" in found[Kind.LOCATION]
    assert "HERO9 Black" in found[Kind.DEVICE_MODEL]
    assert Kind.DEVICE_SERIAL in found
    assert "HD9.01.01.60.00" in found[Kind.EDITING_HISTORY]
    assert not any("unreadable" in note for note in video.read(gopro_udta.read_bytes()).extra)


@needs_tools
def test_a_gopro_udta_leaves_nothing_behind(gopro_udta, tmp_path):
    out = tmp_path / "clean.mp4"
    out.write_bytes(video.strip(gopro_udta.read_bytes()))
    assert any("Serial" in key for key in identifying_tags(gopro_udta))
    assert identifying_tags(out) == {}
    assert stream_hash(out) == stream_hash(gopro_udta)
