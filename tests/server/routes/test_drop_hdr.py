"""`drop_hdr`, per request: an Ultra HDR photo's clean copy keeps its gain map unless the
request asks for it to go, on POST /v1/inspect (the dialog) and POST /v1/clean (the
context menu and the popup); the findings say which."""

from __future__ import annotations

import io

import httpx
import pytest
from PIL import Image

from tests.formats.jpeg.hdr_samples import ultra_hdr
from tests.server.conftest import upload
from tests.support.exiftool import beyond_gain_maps
from thinktwice.findings.pictures import DROPPED_GAIN_MAP, KEPT_GAIN_MAP


def images_in(data: bytes) -> int:
    """How many pictures Pillow finds (an Ultra HDR JPEG is an MPO of two)."""
    with Image.open(io.BytesIO(data)) as im:
        return int(getattr(im, "n_frames", 1))


def inspected(client: httpx.Client, **params: str) -> tuple[dict[str, object], bytes]:
    response = client.post("/v1/inspect", params={"pixels": "false", **params},
                           **upload(ultra_hdr(), "PXL_2041.jpg"))  # fmt: skip
    assert response.status_code == 200, response.text
    report: dict[str, object] = response.json()
    return report, client.get(f"/v1/inspect/{report['id']}/cleaned").content


def hdr_sentences(report: dict[str, object]) -> list[str]:
    findings = report["findings"]
    assert isinstance(findings, list)
    return [f["message"] for f in findings if "HDR" in f["message"]]


def test_by_default_the_clean_copy_keeps_the_gain_map_and_says_so(client: httpx.Client) -> None:
    report, cleaned = inspected(client)
    assert hdr_sentences(report) == [KEPT_GAIN_MAP]
    assert images_in(cleaned) == 2 and beyond_gain_maps(cleaned, ".jpg") == []


@pytest.mark.parametrize("value", ["true", "1", "on"])
def test_drop_hdr_gives_a_clean_copy_of_one_image_and_says_the_gain_map_goes(
    client: httpx.Client, value: str
) -> None:
    report, cleaned = inspected(client, drop_hdr=value)
    assert hdr_sentences(report) == [DROPPED_GAIN_MAP]
    assert images_in(cleaned) == 1 and b"MPF\x00" not in cleaned
    with Image.open(io.BytesIO(ultra_hdr())) as before, Image.open(io.BytesIO(cleaned)) as after:
        assert before.tobytes() == after.tobytes()


def test_drop_hdr_false_is_the_default(client: httpx.Client) -> None:
    report, cleaned = inspected(client, drop_hdr="false")
    assert hdr_sentences(report) == [KEPT_GAIN_MAP] and images_in(cleaned) == 2


def test_the_plan_rebuilds_the_copy_without_the_gain_map(client: httpx.Client) -> None:
    report, cleaned = inspected(client, drop_hdr="true", plan="true")
    plan = report["cleaned"]
    assert isinstance(plan, dict) and plan["size"] == len(cleaned) and plan["plan"]


@pytest.mark.parametrize("route", ["/v1/inspect", "/v1/clean"])
def test_a_drop_hdr_that_is_not_a_yes_or_no_is_refused_by_name(
    client: httpx.Client, route: str
) -> None:
    response = client.post(route, params={"drop_hdr": "maybe"}, **upload(ultra_hdr()))
    assert response.status_code == 422
    assert response.json()["error"] == "invalid_request"
    assert "drop_hdr" in response.json()["message"]


def test_clean_keeps_the_gain_map_unless_asked(client: httpx.Client) -> None:
    kept = client.post("/v1/clean", params={"pixels": "false"}, **upload(ultra_hdr()))
    dropped = client.post(
        "/v1/clean", params={"pixels": "false", "drop_hdr": "true"}, **upload(ultra_hdr())
    )
    assert (kept.status_code, dropped.status_code) == (200, 200)
    assert (images_in(kept.content), images_in(dropped.content)) == (2, 1)
    assert beyond_gain_maps(dropped.content, ".jpg") == []
