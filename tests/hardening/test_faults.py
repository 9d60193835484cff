"""Faults that need no browser: a locked or corrupt history, a full disk.

The service runs as its own `thinktwice serve` process and `thinktwice status` and
`thinktwice clean` run as subprocesses, as a person would run them.
"""

from __future__ import annotations

import os
import resource
import signal
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.hardening.load import THINKTWICE, Service, serve
from tests.support.images import encode, photo, tagged_jpeg, with_metadata

MiB = 1 << 20


def inspect(service: Service, data: bytes) -> dict[str, object]:
    with service.client() as client:
        response = client.post(
            "/v1/inspect",
            params={"pixels": "false"},
            files={"file": ("IMG_2041.jpg", data, "image/jpeg")},
        )
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def status(service: Service) -> str:
    done = subprocess.run(
        [
            str(THINKTWICE),
            "status",
            "--port",
            str(service.port),
            "--data-dir",
            str(service.data_dir),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr  # the service is running
    return done.stdout


@pytest.fixture(scope="module")
def tagged() -> bytes:
    return tagged_jpeg()


@pytest.fixture
def service(tmp_path: Path, tagged: bytes) -> Iterator[Service]:
    with serve(tmp_path / "data") as running:
        inspect(running, tagged)  # the history file exists and holds a row
        yield running


def history_problem(body: dict[str, object]) -> str:
    problems = body["problems"]
    assert isinstance(problems, list)
    lines = [p for p in problems if "istory" in p]
    assert lines, problems
    return str(lines[0])


def test_a_locked_history_does_not_stop_inspections(service: Service, tagged: bytes) -> None:
    holder = sqlite3.connect(service.settings.history_path, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        body = inspect(service, tagged)
        assert body["verdict"] == "high"
        assert "lock" in history_problem(body).lower()
        assert "lock" in status(service).lower()
    finally:
        holder.close()
    assert "problem" not in history_problem_free(inspect(service, tagged))


def history_problem_free(body: dict[str, object]) -> str:
    """The problems of `body` as one line, for checks that none is about the history."""
    problems = body["problems"]
    assert isinstance(problems, list)
    return " ".join(p for p in problems if "istory" in p)


def test_a_corrupt_history_does_not_stop_inspections(tmp_path: Path, tagged: bytes) -> None:
    # Garbage written over the file while the service is stopped (a crash, a bad disk):
    # a running service would keep serving the pages it holds in its write-ahead log.
    data_dir = tmp_path / "data"
    with serve(data_dir) as first:
        inspect(first, tagged)
        path = first.settings.history_path
    size = path.stat().st_size
    path.write_bytes((b"this is not a database " * (size // 23 + 1))[:size])
    with serve(data_dir) as service:
        body = inspect(service, tagged)
        assert body["verdict"] == "high"
        history_problem(body)
        line = next(x for x in status(service).splitlines() if x.startswith("History"))
        assert "unavailable" in line, line


# -- A full disk while `thinktwice clean` writes ---------------------------------------------


def _mount_tiny_tmpfs(where: Path) -> bool:
    where.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(where)], capture_output=True
    )
    return mounted.returncode == 0


def _fill(where: Path, leave: int) -> None:
    """Fill the file system at `where` until about `leave` bytes are free."""
    st = os.statvfs(where)
    free = st.f_bavail * st.f_frsize
    (where / "filler").write_bytes(b"\0" * max(0, free - leave))


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[tuple[Path, Callable[[], None] | None]]:
    """A directory whose next big write fails: a full 1 MiB tmpfs when this process may
    mount one (it runs as root), otherwise RLIMIT_FSIZE in the child (EFBIG on write)."""
    disk = tmp_path / "disk"
    if _mount_tiny_tmpfs(disk):
        try:
            yield disk, None
        finally:
            subprocess.run(["umount", str(disk)], check=True)
        return

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    yield disk, limit


@pytest.mark.parametrize("mode", [[], ["--in-place"]], ids=["next-to-it", "in-place"])
def test_a_full_disk_leaves_the_original_untouched_and_says_why(
    full_disk: tuple[Path, Callable[[], None] | None], mode: list[str]
) -> None:
    disk, limit = full_disk
    original = disk / "IMG_2041.jpg"
    data = with_metadata(encode(photo(640, 480), "JPEG", quality=95), ".jpg")
    assert len(data) > 100 * 1024
    original.write_bytes(data)
    if limit is None:
        _fill(disk, leave=16 * 1024)
    before = sorted(p.name for p in disk.iterdir())
    done = subprocess.run(
        [str(THINKTWICE), "clean", *mode, str(original)],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=limit,
    )
    output = done.stdout + done.stderr
    assert done.returncode != 0, output
    assert "No space left on device" in output or "File too large" in output, output
    assert original.read_bytes() == data
    assert sorted(p.name for p in disk.iterdir()) == before  # no partial copy, no temp file
