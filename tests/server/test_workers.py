"""The engine runs off the event loop: concurrent uploads complete, slow ones time out."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from tests.server.live import LiveServer
from thinktwice.server.security import TOKEN_HEADER

PARALLEL = 20


async def inspect_all(server: LiveServer, images: list[bytes]) -> list[httpx.Response]:
    headers = {TOKEN_HEADER: server.token}
    limits = httpx.Limits(max_connections=PARALLEL)
    async with httpx.AsyncClient(
        base_url=server.base_url, headers=headers, timeout=60, limits=limits
    ) as client:
        return await asyncio.gather(
            *(
                client.post(
                    "/v1/inspect",
                    files={"file": (f"IMG_{i}.jpg", data)},
                    data={"site": f"https://site{i}.example"},
                )
                for i, data in enumerate(images)
            )
        )


def run_in_own_loop(server: LiveServer, images: list[bytes]) -> list[httpx.Response]:
    """asyncio.run in a thread of its own: a Playwright browser open in this test
    worker (the extension and dashboard suites) owns the main thread's loop."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, inspect_all(server, images)).result()


def test_twenty_parallel_inspections_all_complete(tmp_path: Path, jpeg: bytes) -> None:
    server = LiveServer(tmp_path, workers=2).start()
    try:
        responses = run_in_own_loop(server, [jpeg] * PARALLEL)
        assert [r.status_code for r in responses] == [200] * PARALLEL
        assert len({r.json()["id"] for r in responses}) == PARALLEL
        with server.client() as c:
            history = c.get("/v1/history", params={"per_page": 100}).json()
            assert history["total"] == PARALLEL
            assert {row["site"] for row in history["items"]} == {
                f"site{i}.example" for i in range(PARALLEL)
            }
            for r in responses:
                assert c.get(r.json()["cleaned"]["url"]).status_code == 200
    finally:
        server.stop()


def test_processing_past_the_deadline_is_504(tmp_path: Path, jpeg: bytes) -> None:
    server = LiveServer(tmp_path, timeout_s=0.001, workers=1).start()
    try:
        with server.client() as c:
            response = c.post("/v1/inspect", files={"file": ("a.jpg", jpeg)})
        assert response.status_code == 504
        assert response.json()["error"] == "processing_timeout"
    finally:
        server.stop()
