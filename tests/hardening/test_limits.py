"""Each slow-client limit, against the real service with short settings.

A connection that sends no request head in time is closed; an upload whose body
stops arriving is answered 408 and closed; uploads past the in-flight budget are
answered 503 `busy` until it frees; connections past the cap are closed at once.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from tests.hardening.slowclients import (
    close_all,
    connect,
    half_head,
    inspect,
    read_until_closed,
    serve,
    status_of,
    upload_start,
)
from tests.support.images import tagged_jpeg

MiB = 1024 * 1024
MARGIN_S = 10.0  # how much later than its timeout the service may act, on a busy machine
SPEND_S = 30.0  # how long stalled uploads may take to spend the budget, on a busy machine


def test_a_connection_without_a_request_head_is_closed_after_the_head_timeout(
    tmp_path: Path,
) -> None:
    with serve(tmp_path / "data", head_timeout_s=1.0) as service:
        socks = [connect(service), connect(service, half_head(service))]
        try:
            started = time.monotonic()
            closed = read_until_closed(socks, timeout=1.0 + MARGIN_S)
            assert [closed.get(s.fileno()) for s in socks] == [b"", b""]
            assert time.monotonic() - started >= 0.9  # not before its time
        finally:
            close_all(socks)


def test_an_upload_whose_body_stops_arriving_is_answered_408(tmp_path: Path) -> None:
    with serve(tmp_path / "data", body_timeout_s=1.0) as service:
        sock = connect(service, upload_start(service, 4 * MiB, 64 * 1024))
        try:
            closed = read_until_closed([sock], timeout=1.0 + MARGIN_S)
            answer = closed[sock.fileno()]
            assert status_of(answer) == 408
            assert json.loads(answer.split(b"\r\n\r\n", 1)[1])["error"] == "request_timeout"
            assert inspect(service, tagged_jpeg()).status_code == 200
        finally:
            close_all([sock])


def test_uploads_past_the_in_flight_budget_are_answered_503_busy(tmp_path: Path) -> None:
    limits = {"max_upload_bytes": 2 * MiB, "inflight_bytes": 2 * MiB, "body_timeout_s": 60.0}
    with serve(tmp_path / "data", **limits) as service:
        holders = [connect(service, upload_start(service, 2 * MiB + 1024, 2 * MiB))]
        try:
            deadline = time.monotonic() + SPEND_S
            while (response := inspect(service, tagged_jpeg())).status_code == 200:
                assert time.monotonic() < deadline, "the budget was never spent"
                if read_until_closed(holders[-1:], timeout=0.05):
                    # Its last bytes came while an inspection held a few: refused, and
                    # rightly; another one tries to spend the budget.
                    holders.append(connect(service, upload_start(service, 2 * MiB + 1024, 2 * MiB)))
            assert response.status_code == 503
            assert response.json()["error"] == "busy"
            assert "busy" in response.json()["message"]
        finally:
            close_all(holders)
        deadline = time.monotonic() + MARGIN_S
        while inspect(service, tagged_jpeg()).status_code != 200:  # the holder's bytes freed
            assert time.monotonic() < deadline, "the budget was not freed"
            time.sleep(0.05)


def test_connections_past_the_cap_are_closed_at_once(tmp_path: Path) -> None:
    with serve(tmp_path / "data", max_connections=3, head_timeout_s=30.0) as service:
        held = [connect(service) for _ in range(3)]
        extra = connect(service)
        try:
            closed = read_until_closed([extra], timeout=MARGIN_S)
            assert closed == {extra.fileno(): b""}
            assert read_until_closed(held, timeout=0.5) == {}  # those within the cap stay
        finally:
            close_all([*held, extra])
