"""`thinktwice scan` and `clean` on videos: files and folders, copies, in place, -o."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from tests.support.videos import (
    identifying_tags,
    probe_errors,
    stream_hash,
    videos,  # noqa: F401 (a fixture)
)
from thinktwice.cli import main


@pytest.fixture
def folder(tmp_path, videos):  # noqa: F811
    for name, suffix in (("apple", ".mov"), ("last", ".mp4"), ("3gp", ".3gp")):
        shutil.copy(videos[name], tmp_path / f"{name}{suffix}")
    (tmp_path / "notes.txt").write_text("not a video")
    return tmp_path


def test_scan_names_what_a_video_reveals(folder, capsys):
    assert main(["scan", str(folder / "apple.mov")]) == 0
    out = capsys.readouterr().out
    assert "apple.mov (MOV): verdict high" in out
    assert "It names your camera: Apple iPhone 15 Pro." in out


def test_scan_walks_folders_for_video_suffixes(folder, capsys):
    assert main(["scan", "-r", "--json", str(folder)]) == 0
    results = json.loads(capsys.readouterr().out)
    assert sorted(os.path.basename(r["path"]) for r in results) == [
        "3gp.3gp", "apple.mov", "last.mp4",
    ]  # fmt: skip
    assert {r["format"] for r in results} == {"3gp", "mov", "mp4"}
    assert all(r["verdict"] == "high" and r["error"] is None for r in results)


def test_clean_writes_judged_copies_beside_the_originals(folder, videos, capsys):  # noqa: F811
    before = (folder / "apple.mov").read_bytes()
    assert main(["clean", "-r", str(folder)]) == 0
    assert "Cleaned 3 files" in capsys.readouterr().out
    out = folder / "apple.clean.mov"
    assert identifying_tags(out) == {}
    assert probe_errors(out) == ""
    assert stream_hash(out) == stream_hash(videos["apple"])
    assert (folder / "apple.mov").read_bytes() == before


def test_clean_in_place_and_into_a_folder(folder, tmp_path_factory, videos):  # noqa: F811
    original = folder / "last.mp4"
    os.utime(original, (1_600_000_000, 1_600_000_000))
    assert main(["clean", "--in-place", str(original)]) == 0
    assert identifying_tags(original) == {}
    assert original.stat().st_mtime == 1_600_000_000
    assert stream_hash(original) == stream_hash(videos["last"])
    into = tmp_path_factory.mktemp("out")
    assert main(["clean", "-o", str(into), str(folder / "3gp.3gp")]) == 0
    assert identifying_tags(into / "3gp.3gp") == {}
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]  # no temporary left


def test_a_broken_video_fails_with_its_reason(folder, capsys):
    broken = folder / "broken.mp4"
    broken.write_bytes((folder / "last.mp4").read_bytes()[:-500])
    assert main(["clean", str(broken)]) == 1
    assert "Corrupt MP4/MOV video: box 'moov'" in capsys.readouterr().err
    assert not (folder / "broken.clean.mp4").exists()


def test_hiding_faces_is_refused_for_videos(folder, capsys):
    assert main(["clean", "--hide-faces", str(folder / "last.mp4")]) == 1
    assert "Hiding faces in videos is not supported." in capsys.readouterr().err
