"""POST /v1/pair over HTTP: TOFU, then codes; never a web page, never without Origin."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.server.conftest import EXTENSION, OTHER_EXTENSION
from tests.server.live import LiveServer
from thinktwice.server.pairing import MAX_WRONG_CODES, issue_code


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[LiveServer]:
    """A service nothing has paired with yet."""
    server = LiveServer(tmp_path).start()
    yield server
    server.stop()


def pair(server: LiveServer, origin: str | None, code: str | None = None) -> httpx.Response:
    headers = {"Origin": origin} if origin else {}
    with server.client(token=False, headers=headers) as c:
        return c.post("/v1/pair", json={"code": code})


def test_the_first_extension_gets_the_token(fresh: LiveServer) -> None:
    response = pair(fresh, EXTENSION)
    assert response.status_code == 200
    body = response.json()
    assert (body["token"], body["origin"], body["method"]) == (fresh.token, EXTENSION, "first_use")
    assert response.headers["access-control-allow-origin"] == EXTENSION


def test_the_token_it_gets_opens_the_api(fresh: LiveServer) -> None:
    token = pair(fresh, EXTENSION).json()["token"]
    with fresh.client(token=False, headers={"X-ThinkTwice-Token": token}) as c:
        assert c.get("/v1/history", headers={"Origin": EXTENSION}).status_code == 200


def test_the_paired_extension_can_pair_again(fresh: LiveServer) -> None:
    pair(fresh, EXTENSION)
    assert pair(fresh, EXTENSION).json()["token"] == fresh.token


def test_a_second_extension_needs_the_code(fresh: LiveServer) -> None:
    pair(fresh, EXTENSION)
    response = pair(fresh, OTHER_EXTENSION)
    assert response.status_code == 403
    assert response.json()["error"] == "pairing_code_required"
    assert "token" not in response.text


def test_a_second_extension_pairs_with_the_code(fresh: LiveServer) -> None:
    pair(fresh, EXTENSION)
    issued = issue_code(fresh.settings.data_dir)
    response = pair(fresh, OTHER_EXTENSION, issued.display)
    assert response.status_code == 200
    assert response.json()["method"] == "code"


def test_a_wrong_code_is_403_and_too_many_are_429(fresh: LiveServer) -> None:
    pair(fresh, EXTENSION)
    issue_code(fresh.settings.data_dir)
    statuses = [
        pair(fresh, OTHER_EXTENSION, "AAAA-AAAA").status_code for _ in range(MAX_WRONG_CODES)
    ]
    assert statuses == [403] * (MAX_WRONG_CODES - 1) + [429]
    assert pair(fresh, OTHER_EXTENSION, "AAAA-AAAA").json()["error"] == "too_many_attempts"


@pytest.mark.parametrize("origin", ["https://evil.example", "http://127.0.0.1:8765"])
def test_a_web_origin_can_never_pair(fresh: LiveServer, origin: str) -> None:
    response = pair(fresh, origin)
    assert response.status_code == 403
    assert "access-control-allow-origin" not in response.headers
    assert "token" not in response.text


def test_a_request_without_origin_can_never_pair(fresh: LiveServer) -> None:
    response = pair(fresh, None)
    assert response.status_code == 403
    assert response.json()["error"] == "extension_origin_required"


def test_a_body_is_optional(fresh: LiveServer) -> None:
    with fresh.client(token=False, headers={"Origin": EXTENSION}) as c:
        assert c.post("/v1/pair").status_code == 200
