"""POST /v1/clean: the cleaned bytes, the findings summary in headers."""

from __future__ import annotations

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


def test_the_findings_summary_is_in_headers(
    client: httpx.Client, cleaned: httpx.Response, jpeg: bytes
) -> None:
    headers = cleaned.headers
    inspected = client.post("/v1/inspect", **upload(jpeg)).json()
    assert headers["x-thinktwice-verdict"] == inspected["verdict"] == "high"
    assert int(headers["x-thinktwice-findings"]) == len(inspected["findings"])
    assert headers["x-thinktwice-lossless"] == "true"
    assert 'filename="IMG_2041.clean.jpg"' in headers["content-disposition"]


def test_only_the_headers_the_extension_reads_are_sent(cleaned: httpx.Response) -> None:
    ours = {name for name in cleaned.headers if name.startswith("x-thinktwice-")}
    assert ours == {"x-thinktwice-verdict", "x-thinktwice-findings", "x-thinktwice-lossless"}


def test_cleaning_is_not_recorded(client: httpx.Client, jpeg: bytes) -> None:
    before = client.get("/v1/history").json()["total"]
    client.post("/v1/clean", **upload(jpeg))
    assert client.get("/v1/history").json()["total"] == before
