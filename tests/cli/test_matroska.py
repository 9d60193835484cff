"""`thinktwice scan` and `clean` on WebM and MKV: found in folder walks, cleaned from
their edit plan (mapped, copied by range, re-read before the rename)."""

from __future__ import annotations

import json
import os
import shutil

import pytest

from tests.support.matroska import matroska_videos, packets  # noqa: F401 (a fixture)
from tests.support.videos import identifying_tags, probe_errors
from thinktwice.cli import main


@pytest.fixture
def folder(tmp_path, matroska_videos):  # noqa: F811
    for name in ("mkv", "webm", "unknown_clusters"):
        shutil.copy(matroska_videos[name], tmp_path / matroska_videos[name].name)
    return tmp_path


def test_scan_walks_folders_for_webm_and_mkv(folder, capsys):
    assert main(["scan", "-r", "--json", "--no-pixels", str(folder)]) == 0
    results = json.loads(capsys.readouterr().out)
    assert sorted(os.path.basename(r["path"]) for r in results) == [
        "mkv.mkv", "unknown_clusters.webm", "webm.webm",
    ]  # fmt: skip
    assert {r["format"] for r in results} == {"mkv", "webm"}
    assert all(r["verdict"] == "high" and r["error"] is None for r in results)


def test_clean_writes_judged_copies_beside_the_originals(folder, matroska_videos, capsys):  # noqa: F811
    assert main(["clean", "-r", str(folder)]) == 0
    assert "Cleaned 3 files" in capsys.readouterr().out
    for name in ("mkv", "webm", "unknown_clusters"):
        source = matroska_videos[name]
        out = folder / f"{source.stem}.clean{source.suffix}"
        assert identifying_tags(out) == {}
        assert probe_errors(out) == ""
        assert packets(out) == packets(source)
