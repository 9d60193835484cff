"""cli/planwrite.py: an edit plan written into a file makes the bytes `editplan.apply`
makes, in the kernel or through pread/pwrite."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from thinktwice.cli.planwrite import copy_at, write_plan
from thinktwice.editplan import Copy, Step, apply

ORIGINAL = random.Random(7).randbytes(1_000_003)
# A video's shape: the head kept, a header inserted, the samples kept, a new index.
STEPS: tuple[Step, ...] = (
    Copy(0, 32),
    b"\0\0\0\x08free",
    Copy(40, 900_000),
    b"moov" * 1000,
    Copy(999_000, 1003),
)


def _written(source: Path, dest: Path, steps: tuple[Step, ...]) -> int:
    with open(source, "rb") as src, open(dest, "wb") as out:
        return write_plan(src.fileno(), out.fileno(), steps)


def test_a_plan_writes_what_apply_makes(tmp_path: Path) -> None:
    source, dest = tmp_path / "original", tmp_path / "copy"
    source.write_bytes(ORIGINAL)
    size = _written(source, dest, STEPS)
    assert dest.read_bytes() == apply(ORIGINAL, STEPS)
    assert size == len(apply(ORIGINAL, STEPS))


def test_a_plan_from_another_file_system_is_written_through_here(tmp_path: Path) -> None:
    # copy_file_range refuses a tmpfs file to another file system (EXDEV).
    shm = Path("/dev/shm")
    if not shm.is_dir() or os.stat(shm).st_dev == os.stat(tmp_path).st_dev:
        pytest.skip("needs /dev/shm on a file system of its own")
    source = shm / f"thinktwice-planwrite-{os.getpid()}"
    source.write_bytes(ORIGINAL)
    try:
        _written(source, tmp_path / "copy", STEPS)
    finally:
        source.unlink()
    assert (tmp_path / "copy").read_bytes() == apply(ORIGINAL, STEPS)


def test_an_original_that_got_shorter_is_an_error_not_a_short_copy(tmp_path: Path) -> None:
    source, dest = tmp_path / "original", tmp_path / "copy"
    source.write_bytes(ORIGINAL[:500_000])
    with pytest.raises(OSError, match="got shorter"):
        _written(source, dest, STEPS)


def test_copy_at_puts_the_slice_where_asked(tmp_path: Path) -> None:
    source, dest = tmp_path / "a", tmp_path / "b"
    source.write_bytes(bytes(range(256)) * 1000)
    with open(source, "rb") as src, open(dest, "wb") as out:
        copy_at(src.fileno(), out.fileno(), 1000, 10, 70_000)
        copy_at(src.fileno(), out.fileno(), 5, 0, 10)
    assert dest.read_bytes() == source.read_bytes()[5:15] + source.read_bytes()[1000:71_000]
