"""The Unix socket: only this account gets in, one service per data dir, gone when idle.

These run the real `thinktwice serve` and a real second account (`nobody`).
"""

from __future__ import annotations

import shutil
import stat
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.accounts import as_stranger
from tests.support.service import Service

CONNECT = """
import socket, sys
s = socket.socket(socket.AF_UNIX)
try:
    s.connect({path!r})
    s.sendall(b"GET /v1/history HTTP/1.1\\r\\nHost: x\\r\\nConnection: close\\r\\n\\r\\n")
    print(repr(s.recv(4096)))
except OSError as e:
    print(type(e).__name__)
"""


@pytest.fixture
def reachable() -> Iterator[Path]:
    """A folder the other account can reach (pytest's own tmp folders are 0700)."""
    folder = Path(tempfile.mkdtemp(prefix="thinktwice-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def service(reachable: Path) -> Iterator[Service]:
    """The real service, its data dir inside a folder the other account can reach."""
    running = Service(reachable / "data").start()
    yield running
    running.stop()


def test_the_socket_is_private_and_needs_no_token(service: Service) -> None:
    assert stat.S_IMODE(service.data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE(service.socket.stat().st_mode) == 0o600
    with service.client() as client:
        response = client.get("/v1/history")  # no X-ThinkTwice-Token
    assert response.status_code == 200, response.text


def test_another_account_cannot_open_the_socket(service: Service) -> None:
    result = as_stranger(CONNECT.format(path=str(service.socket)))
    assert result.stdout.strip() == "PermissionError", result


def test_another_account_is_dropped_even_when_the_modes_let_it_in(service: Service) -> None:
    service.data_dir.chmod(0o777)  # a mistake, or a hostile admin script
    service.socket.chmod(0o666)
    result = as_stranger(CONNECT.format(path=str(service.socket)))
    # Connected, then closed before a byte was read: the peer uid is not ours. Whether
    # the stranger sees the close while sending or while reading is a race.
    assert result.stdout.strip() in ("b''", "ConnectionResetError", "BrokenPipeError"), result
    with service.client() as client:
        assert client.get("/v1/health").status_code == 200  # we still get in


def test_another_account_cannot_put_its_own_socket_in_the_data_dir(service: Service) -> None:
    fake = service.data_dir / "fake.sock"
    code = f"import socket\ns = socket.socket(socket.AF_UNIX)\ntry:\n    s.bind({str(fake)!r})\n"
    code += "    print('bound')\nexcept OSError as e:\n    print(type(e).__name__)\n"
    assert as_stranger(code).stdout.strip() == "PermissionError"
    assert not fake.exists()


def test_a_second_service_for_the_same_data_dir_stops_with_a_reason(service: Service) -> None:
    command = [sys.executable, "-m", "thinktwice", "serve", "--data-dir", str(service.data_dir)]
    second = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert second.returncode == 1
    assert "already running" in second.stderr
    with service.client() as client:  # the first one still answers at the socket
        assert client.get("/v1/health").status_code == 200


def test_an_idle_service_stops_and_takes_its_socket_with_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    command = [sys.executable, "-m", "thinktwice", "serve", "--no-pixels", "--idle-exit", "2"]
    server = subprocess.Popen(
        [*command, "--data-dir", str(data)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        deadline = time.monotonic() + 30
        while not (data / "service.sock").exists():
            assert time.monotonic() < deadline and server.poll() is None, "it did not start"
            time.sleep(0.05)
        assert server.wait(30) == 0
    finally:
        if server.poll() is None:
            server.kill()
    assert not (data / "service.sock").exists()
    assert b"No request for 2 s: stopping" in (server.stdout.read() if server.stdout else b"")


def test_a_data_dir_others_can_enter_is_made_private_again(reachable: Path) -> None:
    (reachable / "data").mkdir(mode=0o755)
    service = Service(reachable / "data").start()
    try:
        assert stat.S_IMODE(service.data_dir.stat().st_mode) == 0o700
    finally:
        service.stop()


def test_requests_keep_an_idle_service_up(tmp_path: Path) -> None:
    service = Service(tmp_path / "data")
    command = [sys.executable, "-m", "thinktwice", "serve", "--no-pixels", "--idle-exit", "1"]
    server = subprocess.Popen([*command, "--data-dir", str(service.data_dir)])
    try:
        deadline = time.monotonic() + 30
        while not service.socket.exists():
            assert time.monotonic() < deadline and server.poll() is None
            time.sleep(0.05)
        for _ in range(6):  # 3 s of requests every 0.5 s: never 1 s idle
            with service.client() as client:
                assert client.get("/v1/health").status_code == 200
            time.sleep(0.5)
        assert server.poll() is None
        assert server.wait(30) == 0  # then, left alone, it stops
    finally:
        if server.poll() is None:
            server.kill()
