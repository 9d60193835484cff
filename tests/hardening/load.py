"""The service under load: `thinktwice serve` as its own process, many clients at once.

The service runs as a subprocess so its memory can be read from /proc/PID/status
(VmRSS) before and after. Clients are threads, each with its own HTTP connection,
taking requests from one shared counter until the total is sent. Used by
tests/hardening/test_load.py and scripts/load.py.
"""

from __future__ import annotations

import itertools
import os
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tests.support.net import free_port
from thinktwice.history import History
from thinktwice.server.security import TOKEN_HEADER
from thinktwice.server.settings import Settings

THINKTWICE = Path(sys.executable).parent / "thinktwice"
START_TIMEOUT_S = 30.0
MIXED = ("jpeg", "png", "webp", "gif", "heic")


def images() -> list[tuple[str, bytes]]:
    """Small generated images carrying full metadata: (file name, bytes), one per format."""
    from tests.conftest import BUILDERS

    return [(f"IMG_0001{BUILDERS[n][0]}", BUILDERS[n][1]()) for n in MIXED]


@dataclass
class Service:
    """A `thinktwice serve` process on 127.0.0.1:`port` with its data in `data_dir`."""

    process: subprocess.Popen[bytes]
    port: int
    data_dir: Path

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def settings(self) -> Settings:
        return Settings(data_dir=self.data_dir, port=self.port)

    def token(self) -> str:
        return self.settings.token_path.read_text().strip()

    def rss_kib(self) -> int:
        """The process's resident memory (VmRSS) in KiB."""
        for line in Path(f"/proc/{self.process.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        raise RuntimeError("no VmRSS line")

    def client(self) -> httpx.Client:
        return httpx.Client(
            base_url=self.base_url, headers={TOKEN_HEADER: self.token()}, timeout=120
        )

    def history_rows(self) -> int:
        with History(self.settings.history_path) as history:
            return history.query().total


@contextmanager
def serve(data_dir: Path, *extra: str) -> Iterator[Service]:
    """`thinktwice serve --no-pixels` running until the block ends."""
    port = free_port()
    command = [str(THINKTWICE), "serve", "--tcp", "--no-pixels", "--port", str(port)]
    with running([*command, "--data-dir", str(data_dir), *extra], port, data_dir) as service:
        yield service


@contextmanager
def running(command: list[str], port: int, data_dir: Path) -> Iterator[Service]:
    """`command`, a service on `port` with its data in `data_dir`, until the block ends."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    service = Service(process, port, data_dir)
    try:
        _wait_until_up(service)
        yield service
    finally:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_until_up(service: Service) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if service.process.poll() is not None:
            err = service.process.stderr.read().decode() if service.process.stderr else ""
            raise RuntimeError(f"thinktwice serve exited: {err}")
        try:
            if httpx.get(f"{service.base_url}/v1/health", timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError("thinktwice serve did not answer in time")


@dataclass
class LoadResult:
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]

    def summary(self) -> str:
        n = len(self.latencies_ms)
        return (
            f"{n} inspections in {self.seconds:.1f} s ({n / self.seconds:.0f}/s); latency ms "
            f"p50 {self.percentile(50):.1f}, p95 {self.percentile(95):.1f}, "
            f"p99 {self.percentile(99):.1f}, max {max(self.latencies_ms):.1f}, "
            f"mean {statistics.fmean(self.latencies_ms):.1f}; errors {len(self.errors)}"
        )


def load(
    service: Service, clients: int, requests: int, files: list[tuple[str, bytes]]
) -> LoadResult:
    """`requests` inspections from `clients` concurrent clients, cycling through `files`."""
    result = LoadResult()
    counter = itertools.count()
    lock = threading.Lock()
    start = threading.Barrier(clients)

    def client() -> None:
        with service.client() as http:
            start.wait()
            while (i := next(counter)) < requests:
                name, data = files[i % len(files)]
                began = time.perf_counter()
                try:
                    response = http.post(
                        "/v1/inspect",
                        params={"pixels": "false"},
                        files={"file": (name, data, "application/octet-stream")},
                        data={"site": "https://web.whatsapp.com/"},
                    )
                    problem = None if response.status_code == 200 else response.text[:200]
                except httpx.HTTPError as exc:
                    problem = repr(exc)
                elapsed = (time.perf_counter() - began) * 1000
                with lock:
                    if problem:
                        result.errors.append(problem)
                    else:
                        result.latencies_ms.append(elapsed)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    result.seconds = time.perf_counter() - began
    return result
