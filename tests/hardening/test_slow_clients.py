"""Slow clients cannot exhaust the service (issue 12, item 6).

2 000 idle connections (half a request head, or nothing) and 40 stalled uploads
holding the token do not stop a normal inspection from answering within 1 s, the
service stays under 1 GiB, and once its timeouts pass it has closed them all:
the idle ones without a word, the stalled uploads with a 408.
"""

from __future__ import annotations

import socket
import time
from pathlib import Path

from tests.hardening.slowclients import (
    allow_open_files,
    close_all,
    connect,
    half_head,
    inspect,
    read_until_closed,
    rss_bytes,
    serve,
    status_of,
    upload_start,
)
from tests.support.images import tagged_jpeg

IDLE = 2000
SILENT = 500  # of the idle connections, these send nothing at all
STALLED = 40
MiB = 1024 * 1024
HEAD_TIMEOUT_S = 8.0
BODY_TIMEOUT_S = 8.0
GiB = 1024 * MiB
TRIES = 3


def test_idle_and_stalled_clients_do_not_starve_an_inspection(tmp_path: Path) -> None:
    allow_open_files(IDLE + STALLED)
    limits = {"head_timeout_s": HEAD_TIMEOUT_S, "body_timeout_s": BODY_TIMEOUT_S}
    photo = tagged_jpeg()
    with serve(tmp_path / "data", **limits) as service:
        assert inspect(service, photo).status_code == 200  # warm: the engine is loaded
        stalled: list[socket.socket] = []
        idle: list[socket.socket] = []
        try:
            for _ in range(STALLED):  # each declares 32 MiB and sends 2 of them
                stalled.append(connect(service, upload_start(service, 32 * MiB, 2 * MiB)))
            for n in range(IDLE):
                idle.append(connect(service, b"" if n < SILENT else half_head(service)))

            # Starved, every inspection would wait; the best of a few shows the service
            # answering, even when another test is loading the machine at that moment.
            took = []
            for _ in range(TRIES):
                started = time.monotonic()
                response = inspect(service, photo)
                took.append(time.monotonic() - started)
                assert response.status_code == 200, response.text
            assert min(took) < 1.0, f"the inspections took {[round(t, 2) for t in took]} s"
            assert rss_bytes(service) < GiB

            waited = HEAD_TIMEOUT_S + BODY_TIMEOUT_S + 15
            closed = read_until_closed(idle + stalled, timeout=waited)
            assert all(closed.get(s.fileno()) == b"" for s in idle), (
                f"{sum(s.fileno() not in closed for s in idle)} idle connections still open"
            )
            answers = [closed.get(s.fileno()) for s in stalled]
            assert all(a and status_of(a) == 408 for a in answers), answers[:3]
            assert rss_bytes(service) < GiB
            assert inspect(service, photo).status_code == 200
        finally:
            close_all(idle + stalled)
