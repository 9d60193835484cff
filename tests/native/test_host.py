"""The native host as the browser runs it: a process on a pipe, relaying to the real service.

Each test starts `python -m thinktwice.native` the way Chrome does (the caller's
origin as its argument, messages on stdin and stdout) against a data dir of
its own; the service it reaches, or starts, is the real one.
"""

from __future__ import annotations

import base64
import io
import json
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from tests.formats.jpeg.hdr_samples import ultra_hdr
from tests.support.accounts import start_as_stranger
from tests.support.exiftool import assert_clean
from tests.support.images import assert_same_pixels, tagged_jpeg
from tests.support.service import serving_pid, stop_serving
from thinktwice.native.install import CHROME_EXTENSION_ID


class Host:
    """A native host process and the browser's end of its pipe."""

    def __init__(self, data_dir: Path, *options: str) -> None:
        command = [sys.executable, "-m", "thinktwice.native", "--data-dir", str(data_dir)]
        self.process = subprocess.Popen(
            [*command, *options, f"chrome-extension://{CHROME_EXTENSION_ID}/"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )

    def send(self, message: dict[str, Any]) -> None:
        body = json.dumps(message).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(struct.pack("=I", len(body)) + body)
        self.process.stdin.flush()

    def receive(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        head = self.process.stdout.read(4)
        assert len(head) == 4, "the host closed its end"
        (length,) = struct.unpack("=I", head)
        assert length <= 1024 * 1024, "over the browser's cap for a message from a host"
        message: dict[str, Any] = json.loads(self.process.stdout.read(length))
        return message

    def answer(self, ident: int) -> tuple[int, dict[str, str], bytes]:
        """Status, headers and body of request `ident`, its parts joined."""
        parts: list[str] = []
        status, headers = 0, {}
        while True:
            message = self.receive()
            assert message["id"] == ident, message
            assert message["type"] == "response", message
            if message["index"] == 0:
                status, headers = message["status"], message["headers"]
            parts.append(message["body"])
            if len(parts) == message["parts"]:
                return status, headers, base64.b64decode("".join(parts))

    def close(self) -> int:
        assert self.process.stdin is not None
        self.process.stdin.close()
        return self.process.wait(30)


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    """A data dir; any service started in it is stopped afterwards."""
    folder = tmp_path / "data"
    yield folder
    stop_serving(folder)


def test_the_host_says_who_it_is_before_anything_else(data_dir: Path) -> None:
    host = Host(data_dir)
    host.send({"type": "hello", "protocol": 1})
    hello = host.receive()
    assert hello["app"] == "thinktwice" and hello["protocol"] == 1
    assert host.close() == 0
    assert not data_dir.exists()  # a hello alone starts nothing


def test_the_host_starts_the_service_and_it_outlives_the_host(data_dir: Path) -> None:
    host = Host(data_dir, "--idle-exit", "120")
    host.send({"type": "request", "id": 1, "method": "GET", "path": "/v1/history"})
    status, _, body = host.answer(1)
    assert status == 200 and json.loads(body)["items"] == []
    assert host.close() == 0
    pid = serving_pid(data_dir)
    assert pid is not None and pid != host.process.pid
    assert os.getsid(pid) == pid  # a session of its own: the browser ending the host spares it


def test_a_photo_is_inspected_and_its_clean_copy_comes_back_in_parts(data_dir: Path) -> None:
    photo = tagged_jpeg() + os.urandom(2_000_000)  # a trailer: a copy over the 1 MiB message cap
    encoded = base64.b64encode(photo).decode()
    half = len(encoded) // 2
    host = Host(data_dir)
    half -= half % 4  # chunks of a multiple of 4 characters decode alone
    host.send({"type": "chunk", "upload": "u7", "index": 1, "count": 2, "data": encoded[half:]})
    host.send({"type": "chunk", "upload": "u7", "index": 0, "count": 2, "data": encoded[:half]})
    spec = {"field": "file", "name": "IMG_2041.jpg", "type": "image/jpeg", "upload": "u7"}
    request = {"type": "request", "id": 7, "method": "POST", "path": "/v1/inspect?pixels=false"}
    fields = {"site": "https://web.whatsapp.com"}
    host.send({**request, "timeout": 60, "fields": fields, "file": spec})
    status, _, body = host.answer(7)
    report = json.loads(body)
    assert status == 200, report
    assert {"location", "appended_data"} <= {f["kind"] for f in report["findings"]}
    path = f"/v1/inspect/{report['id']}/cleaned"
    host.send({"type": "request", "id": 8, "method": "GET", "path": path})
    status, headers, cleaned = host.answer(8)
    assert status == 200 and headers["content-type"] == "image/jpeg"
    assert_clean(cleaned, ".jpg")
    assert_same_pixels(photo, cleaned)
    host.close()


def test_the_requests_options_travel_in_its_path_as_the_worker_writes_them(
    data_dir: Path,
) -> None:
    # The worker asks for an Ultra HDR photo's clean copy without its gain map so.
    photo = base64.b64encode(ultra_hdr()).decode()
    host = Host(data_dir)
    host.send({"type": "chunk", "upload": "u1", "index": 0, "count": 1, "data": photo})
    path = "/v1/inspect?plan=true&drop_hdr=true&pixels=false"
    spec = {"field": "file", "name": "PXL_0417.jpg", "type": "image/jpeg", "upload": "u1"}
    host.send({"type": "request", "id": 1, "method": "POST", "path": path, "timeout": 60,
               "file": spec})  # fmt: skip
    status, _, body = host.answer(1)
    assert status == 200, body
    host.send({"type": "request", "id": 2, "method": "GET",
               "path": f"/v1/inspect/{json.loads(body)['id']}/cleaned"})  # fmt: skip
    status, _, cleaned = host.answer(2)
    assert status == 200 and b"MPF\x00" not in cleaned and b"hdr-gain-map" not in cleaned
    with Image.open(io.BytesIO(ultra_hdr())) as before, Image.open(io.BytesIO(cleaned)) as after:
        assert (getattr(after, "n_frames", 1), after.tobytes()) == (1, before.tobytes())
    host.close()


def test_without_the_service_and_not_allowed_to_start_it_the_host_says_not_running(
    data_dir: Path,
) -> None:
    host = Host(data_dir, "--no-start")
    host.send({"type": "request", "id": 3, "method": "GET", "path": "/v1/health"})
    error = host.receive()
    assert (error["type"], error["id"], error["reason"]) == ("error", 3, "not_running")
    assert "thinktwice serve" in error["message"]
    host.close()
    assert serving_pid(data_dir) is None


def test_a_malformed_request_is_refused_and_the_host_goes_on(data_dir: Path) -> None:
    host = Host(data_dir, "--no-start")
    host.send({"type": "request", "id": 4, "method": "PUT", "path": "/v1/health"})
    error = host.receive()
    assert (error["id"], error["reason"]) == (4, "rejected") and "'method'" in error["message"]
    host.send({"type": "hello", "protocol": 1})
    assert host.receive()["type"] == "hello"
    host.close()


def test_a_broken_frame_ends_the_host_with_a_reason() -> None:
    host = Host(Path(tempfile.gettempdir()) / "unused", "--no-start")
    assert host.process.stdin is not None
    host.process.stdin.write(struct.pack("=I", 10) + b"{not json}")
    assert host.close() == 1
    assert host.process.stderr is not None
    assert b"not JSON" in host.process.stderr.read()


IMPOSTOR = """
import os, socket
path = {path!r}
server = socket.socket(socket.AF_UNIX)
server.bind(path)
os.chmod(path, 0o777)
server.listen(1)
print("listening", flush=True)
connection, _ = server.accept()
connection.settimeout(5)
received = b""
try:
    while chunk := connection.recv(65536):
        received += chunk
except OSError:
    pass
print(len(received), flush=True)
"""


def test_a_socket_another_account_serves_gets_nothing(tmp_path: Path) -> None:
    folder = Path(tempfile.mkdtemp(prefix="thinktwice-"))
    try:
        (folder / "data").mkdir()
        for path in (folder, folder / "data"):
            path.chmod(0o777)  # a shared folder: the stranger got there first
        impostor = start_as_stranger(IMPOSTOR.format(path=str(folder / "data" / "service.sock")))
        assert impostor.stdout is not None
        assert impostor.stdout.readline().strip() == "listening"
        host = Host(folder / "data", "--no-start")
        photo = base64.b64encode(tagged_jpeg()).decode()
        host.send({"type": "chunk", "upload": "u1", "index": 0, "count": 1, "data": photo})
        spec = {"field": "file", "name": "IMG_2041.jpg", "type": "image/jpeg", "upload": "u1"}
        request = {"type": "request", "id": 1, "method": "POST", "path": "/v1/inspect"}
        host.send({**request, "file": spec})
        error = host.receive()
        assert (error["id"], error["reason"]) == (1, "failed")
        assert "another account" in error["message"]
        host.close()
        assert impostor.stdout.readline().strip() == "0"  # not one byte of the photo
        impostor.wait(10)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def test_requests_in_flight_are_answered_each_by_its_id(data_dir: Path) -> None:
    host = Host(data_dir)
    for ident in range(1, 6):
        host.send({"type": "request", "id": ident, "method": "GET", "path": "/v1/health"})
    seen = set()
    deadline = time.monotonic() + 60
    while len(seen) < 5 and time.monotonic() < deadline:
        message = host.receive()
        assert message["status"] == 200
        seen.add(message["id"])
    assert seen == {1, 2, 3, 4, 5}
    host.close()
