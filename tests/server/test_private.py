"""Files only this account may read: the data directory and the files kept in it."""

from __future__ import annotations

import stat
from pathlib import Path

from thinktwice.server.private import ensure_private_dir, write_private


def test_private_files_are_written_whole_and_private(tmp_path: Path) -> None:
    path = tmp_path / "paired.json"
    write_private(path, b"one")
    write_private(path, b"two")
    assert path.read_bytes() == b"two"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["paired.json"]


def test_a_data_directory_others_can_read_is_tightened(tmp_path: Path) -> None:
    path = tmp_path / "data"
    path.mkdir(mode=0o755)
    path.chmod(0o755)
    ensure_private_dir(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o700


def test_a_missing_data_directory_is_created_private(tmp_path: Path) -> None:
    path = tmp_path / "a" / "data"
    ensure_private_dir(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o700
