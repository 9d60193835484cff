"""A real `thinktwice serve` for the tests, reached over its Unix socket as the native host does."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from thinktwice.server.channel import peer_credentials, socket_path


class Service:
    """`thinktwice serve --data-dir DIR`, as the native host would start it.

    It listens on DIR/service.sock only; the tests read it over that socket, as
    the host does. `settings` override the service's settings by name.
    """

    def __init__(self, data_dir: Path, **settings: Any) -> None:
        self.data_dir = data_dir
        self.settings = settings
        self.socket = data_dir / "service.sock"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 30.0) -> Service:
        code = (
            "import sys\nfrom thinktwice.cli.serve import run_serve\n"
            f"sys.exit(run_serve(host=None, port=None, data_dir={str(self.data_dir)!r}, "
            f"allow_remote=False, limits={self.settings!r}))"
        )
        self.data_dir.parent.mkdir(parents=True, exist_ok=True)
        log = (self.data_dir.parent / f"serve-{self.data_dir.name}.log").open("wb")
        self._process = subprocess.Popen(
            [sys.executable, "-c", code], stdout=log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise RuntimeError(f"thinktwice serve exited; see {log.name}")
            with contextlib.suppress(httpx.HTTPError), self.client() as client:
                if client.get("/v1/health", timeout=1).status_code == 200:
                    return self
            time.sleep(0.1)
        raise RuntimeError(f"thinktwice serve did not answer within {timeout} s")

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None

    @property
    def pid(self) -> int:
        """The running service's process id (to kill it in fault tests)."""
        assert self._process is not None, "the service is not running"
        return self._process.pid

    def client(self) -> httpx.Client:
        """An httpx client talking to the service over its Unix socket (no token needed)."""
        return httpx.Client(
            transport=httpx.HTTPTransport(uds=str(self.socket)),
            base_url="http://thinktwice",
            timeout=10,
        )

    def history(self) -> list[dict[str, Any]]:
        """The service's history, newest first (what the dashboard shows)."""
        with self.client() as client:
            response = client.get("/v1/history")
        response.raise_for_status()
        items: list[dict[str, Any]] = response.json()["items"]
        return items


def serving_pid(data_dir: Path) -> int | None:
    """The process id of the service answering at DATA_DIR/service.sock, or None."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.connect(str(socket_path(data_dir)))
        return peer_credentials(sock)[0]
    except OSError:
        return None
    finally:
        sock.close()


def stop_serving(data_dir: Path) -> None:
    """Stop the service answering at DATA_DIR/service.sock, if any (one a host started)."""
    pid = serving_pid(data_dir)
    if pid is not None:
        os.kill(pid, signal.SIGTERM)
