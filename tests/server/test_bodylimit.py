"""The request size cap: refused from the declared length, or while streaming."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.server.conftest import upload
from tests.server.live import LiveServer

CAP = 50_000


@pytest.fixture(scope="module")
def capped(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A service that accepts images of at most CAP bytes."""
    server = LiveServer(tmp_path_factory.mktemp("capped"), max_upload_bytes=CAP).start()
    yield server
    server.stop()


def multipart_stream(size: int) -> Iterator[bytes]:
    """A multipart body of about `size` bytes, sent chunked (no Content-Length)."""
    yield b'--b\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\n'
    for _ in range(size // 16384 + 1):
        yield b"\xff" * 16384
    yield b"\r\n--b--\r\n"


@pytest.mark.parametrize("size", [200_000, 20_000_000])
def test_a_declared_length_over_the_cap_is_413(capped: LiveServer, size: int) -> None:
    with capped.client() as c:
        response = c.post("/v1/inspect", **upload(b"\xff" * size))
    assert response.status_code == 413
    assert response.json()["error"] == "request_too_large"
    assert f"{CAP:,}" in response.json()["message"]


@pytest.mark.parametrize("size", [200_000, 20_000_000])
def test_a_chunked_body_over_the_cap_is_413(capped: LiveServer, size: int) -> None:
    with capped.client() as c:
        response = c.post(
            "/v1/clean",
            content=multipart_stream(size),
            headers={"content-type": "multipart/form-data; boundary=b"},
        )
    assert response.status_code == 413
    assert response.json()["error"] == "request_too_large"


def test_an_image_of_exactly_the_cap_reaches_the_engine(capped: LiveServer) -> None:
    with capped.client() as c:
        response = c.post("/v1/inspect", **upload(b"x" * CAP))
    assert response.json()["error"] == "unsupported_format"  # not refused for its size


def test_an_image_just_over_the_cap_is_refused_by_the_engine(capped: LiveServer) -> None:
    with capped.client() as c:
        response = c.post("/v1/inspect", **upload(b"x" * (CAP + 1)))
    assert response.status_code == 413
    assert response.json()["error"] == "image_too_large"


def test_json_bodies_have_a_small_cap(capped: LiveServer) -> None:
    with capped.client() as c:
        response = c.post(
            "/v1/decisions",
            content=b'{"id": "' + b"x" * 100_000 + b'", "action": "cancelled"}',
            headers={"content-type": "application/json"},
        )
    assert response.status_code == 413


def test_the_cap_applies_before_the_token_check(capped: LiveServer) -> None:
    # Nothing is read from a request that is too large, whoever sends it.
    with capped.client(token=False) as c:
        assert c.post("/v1/inspect", **upload(b"\xff" * 200_000)).status_code == 413
