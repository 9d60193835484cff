"""The token: every /v1 call but health and pairing needs it; no GET changes state."""

from __future__ import annotations

import httpx
import pytest

from tests.server.live import LiveServer
from thinktwice.server.security import TOKEN_HEADER

# Every route that needs the token, with a request that would otherwise be valid.
PROTECTED = [
    ("POST", "/v1/inspect"),
    ("GET", "/v1/inspect/0123456789abcdef/cleaned"),
    ("POST", "/v1/clean"),
    ("POST", "/v1/decisions"),
    ("GET", "/v1/history"),
    ("DELETE", "/v1/history"),
    ("DELETE", "/v1/history/0123456789abcdef"),
    ("GET", "/v1/stats"),
]
# The only GET routes, each of which reads and never writes.
READ_ONLY_GETS = {
    "/v1/health",
    "/v1/inspect/{inspection_id}/cleaned",
    "/v1/history",
    "/v1/stats",
}


@pytest.mark.parametrize(("method", "path"), PROTECTED)
def test_a_missing_token_is_refused(anonymous: httpx.Client, method: str, path: str) -> None:
    response = anonymous.request(method, path)
    assert response.status_code == 401
    assert response.json()["error"] == "unauthorized"
    assert response.headers["www-authenticate"] == TOKEN_HEADER


@pytest.mark.parametrize(("method", "path"), PROTECTED)
@pytest.mark.parametrize("token", ["wrong", "", "x" * 43])
def test_a_wrong_token_is_refused(service: LiveServer, method: str, path: str, token: str) -> None:
    with service.client(token=False, headers={TOKEN_HEADER: token}) as c:
        assert c.request(method, path).status_code == 401


def test_the_token_with_a_suffix_is_refused(service: LiveServer) -> None:
    with service.client(token=False, headers={TOKEN_HEADER: service.token + "x"}) as c:
        assert c.get("/v1/history").status_code == 401


def test_health_needs_no_token_and_says_nothing_else(anonymous: httpx.Client) -> None:
    response = anonymous.get("/v1/health")
    assert response.status_code == 200
    assert set(response.json()) == {"status", "version"}
    assert response.json()["status"] == "ok"


@pytest.mark.parametrize(
    "path", ["/v1/decisions", "/v1/clean", "/v1/pair", "/v1/inspect", "/v1/history/abc"]
)
def test_state_changing_routes_refuse_get(client: httpx.Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 405
    assert response.json()["error"] == "method_not_allowed"


def test_405_names_every_method_of_the_path(client: httpx.Client) -> None:
    response = client.put("/v1/history")
    assert response.status_code == 405
    assert {m.strip() for m in response.headers["allow"].split(",")} >= {"GET", "DELETE"}


def test_every_get_route_is_a_read(service: LiveServer) -> None:
    paths = service.app.openapi()["paths"]
    assert {path for path, operations in paths.items() if "get" in operations} == READ_ONLY_GETS


def test_a_query_parameter_given_twice_is_refused(client: httpx.Client) -> None:
    response = client.get("/v1/history?page=1&page=2")
    assert response.status_code == 422
    assert "page" in response.json()["message"]


def test_unknown_routes_answer_in_the_error_form(client: httpx.Client) -> None:
    response = client.get("/v1/nothing-here")
    assert response.status_code == 404
    assert set(response.json()) == {"error", "message"}


def test_the_interactive_docs_are_off(client: httpx.Client) -> None:
    # They load scripts from a CDN; the schema itself stays available.
    assert client.get("/docs").status_code == 404
    assert client.get("/openapi.json").status_code == 200
