"""The service as a whole: it survives restarts, and no image ever reaches the disk."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.server.conftest import EXTENSION, pair_extension, upload
from tests.server.live import LiveServer
from tests.support.images import encode, photo, with_metadata

# Values no other test uses, so that finding them on disk can only mean this test.
LATITUDE = "12.3456789"
SERIAL = "TT-SERIAL-5d41402abc4b2a76"
MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")


def test_a_restart_keeps_the_history_the_token_and_the_pairing(tmp_path: Path, jpeg: bytes) -> None:
    server = LiveServer(tmp_path).start()
    token = server.token
    assert pair_extension(server).status_code == 200
    with server.client() as c:
        first = c.post("/v1/inspect", **upload(jpeg, site="web.whatsapp.com")).json()["id"]
        c.post("/v1/decisions", json={"id": first, "action": "sent_cleaned"})
    server = server.restarted()
    try:
        assert server.token == token
        with server.client(headers={"Origin": EXTENSION}) as c:
            (row,) = c.get("/v1/history").json()["items"]
            assert (row["id"], row["site"], row["decision"]) == (
                first,
                "web.whatsapp.com",
                "sent_cleaned",
            )
            assert c.get("/v1/history").headers["access-control-allow-origin"] == EXTENSION
    finally:
        server.stop()


@pytest.fixture
def tempdirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, Path]]:
    """(this process's temporary directory, moved where only this test writes; the
    system's shared one)."""
    shared = Path(tempfile.gettempdir())
    private = tmp_path / "tmp"
    private.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(private))
    yield private, shared


class WriteOpens:
    """Every file this process opens for writing while `watching` (an audit hook).

    Starlette's spooled uploads use O_TMPFILE files no directory listing shows;
    Python reports every open to audit hooks, named or not.
    """

    WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | getattr(os, "O_TMPFILE", 0)

    def __init__(self) -> None:
        self.watching = False
        self.paths: list[str] = []
        sys.addaudithook(self)  # hooks cannot be removed: it stays, idle

    def __call__(self, event: str, args: tuple[object, ...]) -> None:
        if not self.watching or event != "open":
            return
        path, mode, flags = args
        writes = isinstance(mode, str) and any(c in mode for c in "wax+")
        if writes or (isinstance(flags, int) and flags & self.WRITE_FLAGS):
            self.paths.append(str(path))


WRITES = WriteOpens()


def leaks(root: Path, patterns: tuple[bytes, ...], since: float = 0.0) -> list[str]:
    """Files under `root` (changed after `since`) holding any of `patterns`."""
    found = []
    for folder, _, files in os.walk(root):
        for name in files:
            path = Path(folder) / name
            try:
                if path.stat().st_mtime < since:
                    continue
                data = path.read_bytes()
            except OSError:  # gone meanwhile, or not ours to read
                continue
            found += [f"{path}: {p!r}" for p in patterns if p in data]
    return found


def test_no_image_reaches_the_disk(tmp_path: Path, tempdirs: tuple[Path, Path]) -> None:
    private_tempdir, shared_tempdir = tempdirs
    gps = (f"-GPSLatitude={LATITUDE}", "-GPSLatitudeRef=N", "-GPSLongitude=2.5")
    big = photo(1600, 1200)  # over the 1 MiB at which Starlette would spool a file to disk
    images = [
        with_metadata(encode(big, "JPEG", quality=95), ".jpg", *gps, f"-SerialNumber={SERIAL}"),
        with_metadata(encode(photo(), "PNG"), ".png", *gps, f"-SerialNumber={SERIAL}"),
    ]
    assert len(images[0]) > 1024 * 1024
    start = time.time() - 1
    data_dir = tmp_path / "data"
    server = LiveServer(data_dir).start()
    try:
        with server.client() as c:
            WRITES.watching = True
            for i, image in enumerate(images * 3):
                inspected = c.post("/v1/inspect", **upload(image, f"a{i}.jpg", site="x.example"))
                assert inspected.status_code == 200
                assert c.get(inspected.json()["cleaned"]["url"]).status_code == 200
                assert c.post("/v1/clean", **upload(image)).status_code == 200
                c.post("/v1/decisions", json={"id": inspected.json()["id"], "action": "cancelled"})
            assert c.get("/v1/history").json()["total"] == 6
    finally:
        WRITES.watching = False
        server.stop()
    assert WRITES.paths == []  # not even a file without a name
    markers = (LATITUDE.encode(), SERIAL.encode())
    assert leaks(data_dir, (*MAGIC, *markers)) == []
    assert leaks(private_tempdir, (*MAGIC, *markers)) == []
    # The shared temporary directory: other processes may write images there, but
    # only this test knows these values.
    assert leaks(shared_tempdir, markers, since=start) == []
