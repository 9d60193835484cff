"""Dashboard benchmark: the overview over 10 000 history entries, rendered server-side.

Goal: GET / over the service's Unix socket, at most 200 ms median (30 requests).

A real `thinktwice serve` runs in its own process (socket only, as the native
host starts it), its history filled beforehand with generated entries (the
dashboard tests' generator, written through History). The client asks for the
overview over DATA_DIR/service.sock as the native host does for the
extension's dashboard page (no sign-in: the socket is this account's alone),
on one keep-alive connection.

    .venv/bin/python scripts/bench_dashboard.py [--rows 10000] [--requests 30]
"""

from __future__ import annotations

import argparse
import http.client
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]
from bench_support import p95  # noqa: E402  (beside this file)

from tests.dashboard.history_data import fill  # noqa: E402  (the tests' generator)

GOAL_MEDIAN_MS = 200
WARM_UP_REQUESTS = 5
SETTLE_S = 3.0  # the service loads the gazetteer and model in the background at start


class UnixConnection(http.client.HTTPConnection):
    """HTTP over the service's Unix socket (what the native host speaks)."""

    def __init__(self, path: Path, timeout: float) -> None:
        super().__init__("thinktwice", timeout=timeout)
        self.path = path

    def connect(self) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        sock.connect(str(self.path))
        self.sock = sock


def _wait_until_up(path: Path, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while True:
        connection = UnixConnection(path, timeout=1)
        try:
            connection.request("GET", "/v1/health")
            if connection.getresponse().status == 200:
                return
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("thinktwice serve did not start") from None
            time.sleep(0.1)
        finally:
            connection.close()


def overview_times(rows: int, requests: int) -> list[float]:
    """Seconds per GET / of the overview over `rows` entries, `requests` times."""
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        fill(data_dir, rows)
        server = subprocess.Popen(
            [sys.executable, "-m", "thinktwice", "serve", "--data-dir", str(data_dir)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            path = data_dir / "service.sock"
            _wait_until_up(path, server)
            time.sleep(SETTLE_S)
            connection = UnixConnection(path, timeout=30)
            samples = []
            for i in range(WARM_UP_REQUESTS + requests):
                start = time.perf_counter()
                connection.request("GET", "/")
                answer = connection.getresponse()
                body = answer.read()
                elapsed = time.perf_counter() - start
                if answer.status != 200 or b'role="img"' not in body:
                    raise RuntimeError(f"GET / answered {answer.status} without the chart")
                if i >= WARM_UP_REQUESTS:
                    samples.append(elapsed)
            connection.close()
            return samples
        finally:
            server.terminate()
            server.wait(timeout=30)


def report(rows: int = 10_000, requests: int = 30) -> bool:
    """Print the figures; True when the median meets the goal."""
    samples = overview_times(rows, requests)
    median = statistics.median(samples) * 1000
    met = median <= GOAL_MEDIAN_MS
    print(f"== dashboard overview of {rows:,} entries: GET / by socket ({requests} requests, ms)")
    print(
        f"  median {median:7.2f}, p95 {p95(samples) * 1000:7.2f}, min {min(samples) * 1000:7.2f}"
        f"  (goal: median <= {GOAL_MEDIAN_MS} ms: {'met' if met else 'NOT met'})"
    )
    return met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--rows", type=int, default=10_000, help="history entries (10000)")
    parser.add_argument("--requests", type=int, default=30, help="timed requests (30)")
    args = parser.parse_args()
    return 0 if report(args.rows, args.requests) else 1


if __name__ == "__main__":
    sys.exit(main())
