"""Host and Origin checks: DNS rebinding gets nothing, web pages get no CORS."""

from __future__ import annotations

import httpx
import pytest

from tests.server.conftest import EXTENSION, FIREFOX_EXTENSION, OTHER_EXTENSION, pair_extension
from tests.server.live import LiveServer


@pytest.fixture(scope="module", autouse=True)
def paired(service: LiveServer) -> None:
    """EXTENSION pairs (with a code); OTHER_EXTENSION never does."""
    assert pair_extension(service).status_code == 200


# --- Host ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["127.0.0.1", "localhost", "[::1]", "LOCALHOST"])
def test_loopback_names_with_the_port_are_served(service: LiveServer, name: str) -> None:
    with service.client() as c:
        response = c.get("/v1/health", headers={"Host": f"{name}:{service.settings.port}"})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "host",
    [
        "evil.com",
        "attacker.example:{port}",  # DNS rebinding: the attacker's name, our address
        "127.0.0.1",  # no port: not how a browser addresses this service
        "127.0.0.1:1",  # another port
        "localhost.evil.com:{port}",
        "127.0.0.2:{port}",
        "",
    ],
)
def test_other_hosts_are_misdirected(service: LiveServer, host: str) -> None:
    with service.client() as c:
        response = c.get("/v1/history", headers={"Host": host.format(port=service.settings.port)})
    assert response.status_code == 421
    assert response.json()["error"] == "misdirected_request"


def test_a_misdirected_request_gets_nothing_even_with_the_token(service: LiveServer) -> None:
    with service.client() as c:
        response = c.get(
            "/v1/history", headers={"Host": f"attacker.example:{service.settings.port}"}
        )
    assert set(response.json()) == {"error", "message"}
    assert "access-control-allow-origin" not in response.headers


# --- CORS ---------------------------------------------------------------------------


def preflight(client: httpx.Client, path: str, origin: str, method: str = "POST") -> httpx.Response:
    return client.options(
        path,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": method,
            "Access-Control-Request-Headers": "x-thinktwice-token, content-type",
        },
    )


@pytest.mark.parametrize(
    "origin", ["https://evil.example", "http://127.0.0.1:8000", "null", "chrome-extension://nope"]
)
@pytest.mark.parametrize("path", ["/v1/inspect", "/v1/history", "/v1/pair", "/v1/health"])
def test_a_web_origin_preflight_is_refused_without_cors(
    anonymous: httpx.Client, origin: str, path: str
) -> None:
    response = preflight(anonymous, path, origin)
    assert response.status_code == 403
    assert response.json()["error"] == "origin_not_allowed"
    assert "access-control-allow-origin" not in response.headers


def test_a_web_origin_request_is_refused_even_with_the_token(client: httpx.Client) -> None:
    response = client.get("/v1/history", headers={"Origin": "https://evil.example"})
    assert response.status_code == 403
    assert "access-control-allow-origin" not in response.headers


def test_the_paired_extension_preflight_is_allowed(anonymous: httpx.Client) -> None:
    response = preflight(anonymous, "/v1/inspect", EXTENSION)
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == EXTENSION
    assert "x-thinktwice-token" in response.headers["access-control-allow-headers"].lower()
    assert "content-type" in response.headers["access-control-allow-headers"].lower()
    assert "POST" in response.headers["access-control-allow-methods"]
    assert int(response.headers["access-control-max-age"]) > 0
    assert "origin" in response.headers["vary"].lower()


def test_the_paired_extension_gets_cors_on_responses(client: httpx.Client) -> None:
    response = client.get("/v1/history", headers={"Origin": EXTENSION})
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == EXTENSION
    assert "origin" in response.headers["vary"].lower()


def test_private_network_access_is_granted_to_the_paired_extension(
    anonymous: httpx.Client,
) -> None:
    response = anonymous.options(
        "/v1/inspect",
        headers={
            "Origin": EXTENSION,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Private-Network": "true",
        },
    )
    assert response.headers["access-control-allow-private-network"] == "true"


@pytest.mark.parametrize("origin", [OTHER_EXTENSION, FIREFOX_EXTENSION])
def test_once_paired_another_extension_is_refused(anonymous: httpx.Client, origin: str) -> None:
    response = preflight(anonymous, "/v1/inspect", origin)
    assert response.status_code == 403
    assert "access-control-allow-origin" not in response.headers


@pytest.mark.parametrize("path", ["/v1/pair", "/v1/health"])
def test_an_unpaired_extension_may_still_reach_pairing_and_health(
    anonymous: httpx.Client, path: str
) -> None:
    response = preflight(anonymous, path, OTHER_EXTENSION)
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == OTHER_EXTENSION


def test_requests_without_origin_pass_to_the_token_check(anonymous: httpx.Client) -> None:
    assert anonymous.get("/v1/history").status_code == 401


def test_no_response_may_be_cached(client: httpx.Client) -> None:
    assert client.get("/v1/health").headers["cache-control"] == "no-store"
