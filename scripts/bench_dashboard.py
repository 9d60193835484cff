"""Dashboard benchmark: the overview over 10 000 history entries, rendered server-side.

Goal: GET / with a session, over loopback, at most 200 ms median (30 requests).

A real `thinktwice serve` runs in its own process on a free port, its history
filled beforehand with generated entries (the dashboard tests' generator,
written through History). The client signs in with a one-time link as a
browser would, then times GET / on one keep-alive connection with TCP_NODELAY
(without it, the client's own delayed ACKs add 40 ms to every request).

    .venv/bin/python scripts/bench_dashboard.py [--rows 10000] [--requests 30]
"""

from __future__ import annotations

import argparse
import http.client
import json
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]
from bench_support import p95  # noqa: E402  (beside this file)

from tests.dashboard.history_data import fill  # noqa: E402  (the tests' generator)
from tests.support.net import free_port  # noqa: E402

GOAL_MEDIAN_MS = 200
WARM_UP_REQUESTS = 5
SETTLE_S = 3.0  # the service loads the gazetteer and model in the background at start


def _wait_until_up(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/health", timeout=1):
                return
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("thinktwice serve did not start") from None
            time.sleep(0.1)


def _session_cookie(port: int, token: str) -> str:
    """Sign in as `thinktwice open` and a browser would: a link, then its cookie."""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/v1/dashboard/login-link",
        data=b"",
        method="POST",
        headers={"X-ThinkTwice-Token": token},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        link = urlsplit(json.loads(response.read())["url"])
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    connection.request("GET", f"{link.path}?{link.query}")
    answer = connection.getresponse()
    answer.read()
    connection.close()
    if answer.status != 303:
        raise RuntimeError(f"signing in answered {answer.status}")
    return answer.getheader("Set-Cookie", "").split(";", 1)[0]


def overview_times(rows: int, requests: int) -> list[float]:
    """Seconds per GET / of the overview over `rows` entries, `requests` times."""
    with tempfile.TemporaryDirectory() as tmp:
        data_dir = Path(tmp) / "data"
        fill(data_dir, rows)
        port = free_port()
        command = [sys.executable, "-m", "thinktwice", "serve", "--port", str(port)]
        server = subprocess.Popen(
            [*command, "--data-dir", str(data_dir)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_until_up(port, server)
            time.sleep(SETTLE_S)
            token = (data_dir / "token").read_text().strip()
            headers = {"Cookie": _session_cookie(port, token), "Host": f"127.0.0.1:{port}"}
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.connect()
            assert connection.sock is not None
            connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            samples = []
            for i in range(WARM_UP_REQUESTS + requests):
                start = time.perf_counter()
                connection.request("GET", "/", headers=headers)
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
    print(
        f"== dashboard overview of {rows:,} entries: GET / over loopback ({requests} requests, ms)"
    )
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
