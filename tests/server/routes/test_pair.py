"""POST /v1/pair over HTTP: always a code, never the token again on a claim alone;
never a web page, never without Origin."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.server.conftest import EXTENSION, OTHER_EXTENSION, pair_extension
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


def test_the_first_extension_gets_the_token_with_the_code(fresh: LiveServer) -> None:
    issued = issue_code(fresh.settings.data_dir)
    response = pair(fresh, EXTENSION, issued.display)
    assert response.status_code == 200
    body = response.json()
    assert (body["token"], body["origin"], body["method"]) == (fresh.token, EXTENSION, "code")
    assert response.headers["access-control-allow-origin"] == EXTENSION


def test_the_first_extension_without_a_code_gets_nothing(fresh: LiveServer) -> None:
    response = pair(fresh, EXTENSION)
    assert response.status_code == 403
    assert response.json()["error"] == "pairing_code_required"
    assert "thinktwice pair" in response.json()["message"]
    assert fresh.token not in response.text


def test_the_token_it_gets_opens_the_api(fresh: LiveServer) -> None:
    token = pair_extension(fresh).json()["token"]
    with fresh.client(token=False, headers={"X-ThinkTwice-Token": token}) as c:
        assert c.get("/v1/history", headers={"Origin": EXTENSION}).status_code == 200


def test_a_paired_origin_never_gets_the_token_again_without_a_code(fresh: LiveServer) -> None:
    # Another program (or account) on this machine replays the extension's Origin.
    pair_extension(fresh)
    response = pair(fresh, EXTENSION)
    assert response.status_code == 409
    body = response.json()
    assert body["error"] == "already_paired"
    assert EXTENSION in body["message"] and "thinktwice pair" in body["message"]
    assert fresh.token not in response.text


def test_a_paired_origin_pairs_again_with_a_new_code(fresh: LiveServer) -> None:
    pair_extension(fresh)
    response = pair_extension(fresh)
    assert response.status_code == 200
    assert (response.json()["token"], response.json()["method"]) == (fresh.token, "code")


def test_a_second_extension_needs_the_code(fresh: LiveServer) -> None:
    pair_extension(fresh)
    response = pair(fresh, OTHER_EXTENSION)
    assert response.status_code == 403
    assert response.json()["error"] == "pairing_code_required"
    assert fresh.token not in response.text


def test_a_second_extension_pairs_with_the_code(fresh: LiveServer) -> None:
    pair_extension(fresh)
    response = pair_extension(fresh, OTHER_EXTENSION)
    assert response.status_code == 200
    assert response.json()["method"] == "code"


def test_a_wrong_code_is_403_and_too_many_are_429(fresh: LiveServer) -> None:
    issue_code(fresh.settings.data_dir)
    statuses = [pair(fresh, EXTENSION, "AAAA-AAAA").status_code for _ in range(MAX_WRONG_CODES)]
    assert statuses == [403] * (MAX_WRONG_CODES - 1) + [429]
    assert pair(fresh, EXTENSION, "AAAA-AAAA").json()["error"] == "too_many_attempts"


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


def test_a_body_is_optional_and_without_it_there_is_no_code(fresh: LiveServer) -> None:
    with fresh.client(token=False, headers={"Origin": EXTENSION}) as c:
        response = c.post("/v1/pair")
    assert (response.status_code, response.json()["error"]) == (403, "pairing_code_required")
