"""Fixtures for the service tests: a real uvicorn server per module, and its clients."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.server.live import LiveServer
from tests.support.images import tagged_jpeg
from thinktwice.server.pairing import issue_code

EXTENSION = "chrome-extension://" + "a" * 32
OTHER_EXTENSION = "chrome-extension://" + "b" * 32
FIREFOX_EXTENSION = "moz-extension://0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9"


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A running service with its own data directory, shared by one test module."""
    server = LiveServer(tmp_path_factory.mktemp("data")).start()
    yield server
    server.stop()


@pytest.fixture
def client(service: LiveServer) -> Iterator[httpx.Client]:
    """A client sending the token."""
    with service.client() as c:
        yield c


@pytest.fixture
def anonymous(service: LiveServer) -> Iterator[httpx.Client]:
    """A client without the token."""
    with service.client(token=False) as c:
        yield c


@pytest.fixture(scope="session")
def jpeg() -> bytes:
    """A small JPEG carrying GPS, a serial number, names and more (exiftool-written)."""
    return tagged_jpeg()


def upload(data: bytes, name: str = "IMG_2041.jpg", **fields: str) -> dict[str, object]:
    """httpx keyword arguments for a multipart upload of `data` in `file`."""
    return {"files": {"file": (name, data, "application/octet-stream")}, "data": fields}


def pair_extension(server: LiveServer, origin: str = EXTENSION) -> httpx.Response:
    """Pair `origin` as a person would: `thinktwice pair` prints a code, the extension sends it."""
    issued = issue_code(server.settings.data_dir)
    with server.client(token=False, headers={"Origin": origin}) as c:
        return c.post("/v1/pair", json={"code": issued.display})
