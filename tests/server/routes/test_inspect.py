"""POST /v1/inspect and GET /v1/inspect/{id}/cleaned: the contract the dialog relies on."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import httpx
import pytest

from tests.server.conftest import upload
from tests.server.live import LiveServer
from tests.support.exiftool import assert_clean
from tests.support.images import LATITUDE, SERIAL
from thinktwice.history import History


@pytest.fixture(scope="module")
def inspected(service: LiveServer, jpeg: bytes) -> dict[str, object]:
    with service.client() as c:
        response = c.post("/v1/inspect", **upload(jpeg, site="https://web.whatsapp.com/chat/42"))
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


def test_the_report_has_every_documented_field(inspected: dict[str, object]) -> None:
    assert set(inspected) == {
        "id", "verdict", "findings", "format", "media_type", "width", "height", "cleaned",
        "pixels", "timings", "problems",
    }  # fmt: skip
    assert (inspected["format"], inspected["media_type"]) == ("jpeg", "image/jpeg")
    assert inspected["verdict"] == "high"


def test_findings_carry_kind_severity_message_and_evidence(inspected: dict[str, object]) -> None:
    findings = inspected["findings"]
    assert isinstance(findings, list)
    kinds = {f["kind"] for f in findings}
    assert {"location", "device_serial", "person_name"} <= kinds
    assert all(set(f) == {"kind", "severity", "message", "evidence"} for f in findings)


def test_the_cleaned_summary_describes_the_copy(
    client: httpx.Client, inspected: dict[str, object]
) -> None:
    cleaned = inspected["cleaned"]
    assert isinstance(cleaned, dict)
    data = client.get(cleaned["url"]).content
    assert cleaned["size"] == len(data)
    assert cleaned["sha256"] == hashlib.sha256(data).hexdigest()
    assert cleaned["lossless"] is True
    assert cleaned["media_type"] == "image/jpeg"


def test_the_cleaned_copy_is_clean(client: httpx.Client, inspected: dict[str, object]) -> None:
    response = client.get(f"/v1/inspect/{inspected['id']}/cleaned")
    assert response.status_code == 200
    assert response.headers["content-type"] == "image/jpeg"
    assert 'filename="IMG_2041.clean.jpg"' in response.headers["content-disposition"]
    assert_clean(response.content, ".jpg")


def test_the_pixels_are_analysed_by_default(inspected: dict[str, object]) -> None:
    pixels = inspected["pixels"]
    assert isinstance(pixels, dict)
    assert pixels["analysis"] in ("done", "unavailable")  # unavailable: problems say why
    assert isinstance(pixels["faces"], list)


def test_a_request_may_skip_pixel_analysis(client: httpx.Client, jpeg: bytes) -> None:
    response = client.post("/v1/inspect", params={"pixels": "false"}, **upload(jpeg))
    assert response.json()["pixels"] == {"analysis": "off", "faces": []}


def test_the_service_may_skip_pixel_analysis_by_default(tmp_path: Path, jpeg: bytes) -> None:
    server = LiveServer(tmp_path, pixels=False).start()
    try:
        with server.client() as c:
            assert c.post("/v1/inspect", **upload(jpeg)).json()["pixels"]["analysis"] == "off"
            asked = c.post("/v1/inspect", params={"pixels": "true"}, **upload(jpeg))
            assert asked.json()["pixels"]["analysis"] != "off"
    finally:
        server.stop()


def test_timings_are_reported(inspected: dict[str, object]) -> None:
    timings = inspected["timings"]
    assert isinstance(timings, dict)
    assert set(timings) == {"total_ms", "receive_ms", "engine_ms", "history_ms"}
    assert timings["total_ms"] >= timings["engine_ms"] > 0


def test_each_inspection_is_recorded_by_host_without_evidence(
    service: LiveServer, client: httpx.Client, inspected: dict[str, object]
) -> None:
    row = client.get("/v1/history").json()["items"]
    recorded = next(r for r in row if r["id"] == inspected["id"])
    assert recorded["site"] == "web.whatsapp.com"
    assert recorded["verdict"] == "high"
    assert all(set(f) == {"kind", "severity", "message"} for f in recorded["findings"])
    assert str(LATITUDE) not in str(recorded) and SERIAL not in str(recorded)


def test_the_site_is_optional(client: httpx.Client, jpeg: bytes) -> None:
    response = client.post("/v1/inspect", **upload(jpeg))
    assert response.status_code == 200
    assert client.get("/v1/history").json()["items"][0]["site"] is None


@pytest.mark.parametrize("site", ["not a host", "https://", "http://exa mple.com"])
def test_a_site_that_is_not_a_host_is_refused(client: httpx.Client, jpeg: bytes, site: str) -> None:
    response = client.post("/v1/inspect", **upload(jpeg, site=site))
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_site"


def test_an_unknown_id_has_no_cleaned_copy(client: httpx.Client) -> None:
    response = client.get("/v1/inspect/0123456789abcdef0123456789abcdef/cleaned")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_a_cleaned_copy_expires(tmp_path: Path, jpeg: bytes) -> None:
    # Long enough that a busy machine still fetches it in time; gone once that has passed.
    server = LiveServer(tmp_path, cache_ttl_s=2.0).start()
    try:
        with server.client() as c:
            url = c.post("/v1/inspect", **upload(jpeg)).json()["cleaned"]["url"]
            assert c.get(url).status_code == 200
            time.sleep(2.1)
            assert c.get(url).status_code == 404
    finally:
        server.stop()


def test_a_history_that_cannot_record_does_not_fail_the_inspection(
    tmp_path: Path, jpeg: bytes
) -> None:
    (tmp_path / "history.sqlite3").write_bytes(b"this is not a database" * 100)
    server = LiveServer(tmp_path).start()
    try:
        with server.client() as c:
            response = c.post("/v1/inspect", **upload(jpeg))
            assert response.status_code == 200
            assert any("history" in p for p in response.json()["problems"])
            history = c.get("/v1/history")
            assert history.status_code == 503
            assert history.json()["error"] == "history_unavailable"
    finally:
        server.stop()


def test_rows_written_are_readable_by_the_history_itself(
    service: LiveServer, inspected: dict[str, object]
) -> None:
    with History(service.settings.history_path) as history:
        row = history.get(str(inspected["id"]))
    assert row is not None and row.format == "jpeg"
