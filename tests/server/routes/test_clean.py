"""POST /v1/clean: the cleaned bytes, the findings summary in headers or as JSON."""

from __future__ import annotations

import base64
import hashlib

import httpx
import pytest

from tests.server.conftest import upload
from tests.server.live import LiveServer
from tests.support.exiftool import assert_clean


@pytest.fixture(scope="module")
def cleaned(service: LiveServer, jpeg: bytes) -> httpx.Response:
    with service.client() as c:
        return c.post("/v1/clean", **upload(jpeg))


def test_the_body_is_the_cleaned_image(cleaned: httpx.Response) -> None:
    assert cleaned.status_code == 200
    assert cleaned.headers["content-type"] == "image/jpeg"
    assert_clean(cleaned.content, ".jpg")


def test_the_findings_summary_is_in_headers(cleaned: httpx.Response) -> None:
    headers = cleaned.headers
    assert headers["x-thinktwice-verdict"] == "high"
    kinds = headers["x-thinktwice-kinds"].split(",")
    assert int(headers["x-thinktwice-findings"]) == len(kinds)
    assert {"location", "device_serial"} <= set(kinds)
    assert headers["x-thinktwice-lossless"] == "true"
    assert headers["x-thinktwice-sha256"] == hashlib.sha256(cleaned.content).hexdigest()
    assert headers["x-thinktwice-pixel-analysis"] in ("done", "unavailable")
    assert 'filename="IMG_2041.clean.jpg"' in headers["content-disposition"]


def test_json_gives_the_report_and_the_bytes(
    client: httpx.Client, cleaned: httpx.Response, jpeg: bytes
) -> None:
    response = client.post("/v1/clean", params={"format": "json"}, **upload(jpeg))
    assert response.status_code == 200
    body = response.json()
    data = base64.b64decode(body["data"])
    assert data == cleaned.content
    assert body["cleaned"]["sha256"] == hashlib.sha256(data).hexdigest()
    assert body["filename"] == "IMG_2041.clean.jpg"
    assert body["verdict"] == "high"
    assert {f["kind"] for f in body["findings"]} >= {"location"}


def test_cleaning_is_not_recorded(client: httpx.Client, jpeg: bytes) -> None:
    before = client.get("/v1/history").json()["total"]
    client.post("/v1/clean", **upload(jpeg))
    assert client.get("/v1/history").json()["total"] == before


def test_an_unknown_format_parameter_is_refused(client: httpx.Client, jpeg: bytes) -> None:
    response = client.post("/v1/clean", params={"format": "xml"}, **upload(jpeg))
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_request"
