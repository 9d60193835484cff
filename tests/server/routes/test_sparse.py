"""POST /v1/inspect/sparse: a video too big to send whole, checked from what matters in it."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import httpx
import pytest

from tests.server.conftest import upload
from tests.support.matroska import (
    matroska_videos,  # noqa: F401 (a fixture)
    packets,
    tagged_webm,  # noqa: F401 (a fixture)
)
from tests.support.matroska import skeleton as matroska_skeleton
from tests.support.videos import (
    identifying_tags,
    merge,
    needs_tools,
    probe_errors,
    skeleton,
    stream_hash,
    videos,  # noqa: F401 (a fixture)
)
from thinktwice.history import History

pytestmark = needs_tools


def send(client: httpx.Client, data: bytes, runs: list[tuple[int, int]], name: str, **fields: str):
    """POST the `runs` of `data`, as the extension does: merged, in order."""
    merged = merge(runs)
    body = b"".join(data[a:b] for a, b in merged)
    pieces = json.dumps([[a, b - a] for a, b in merged])
    return client.post(
        "/v1/inspect/sparse", **upload(body, name, size=str(len(data)), pieces=pieces, **fields)
    )


def checked(
    client: httpx.Client, data: bytes, parts=skeleton, name: str = "IMG_0042.MOV", **fields: str
) -> tuple[dict, int]:
    """The report after as many rounds as the service asks for, and how many there were
    (`parts`: what the extension sends first)."""
    runs = parts(data)
    for rounds in range(1, 5):
        answer = send(client, data, runs, name, **fields)
        assert answer.status_code == 200, answer.text
        body = answer.json()
        if not body["needs"]:
            return body["result"], rounds
        runs += [tuple(r) for r in body["needs"]]
    raise AssertionError("the service kept asking for more")


def rebuilt(data: bytes, plan: list) -> bytes:
    return b"".join(
        data[s[0] : s[0] + s[1]] if isinstance(s, list) else base64.b64decode(s) for s in plan
    )


def test_a_tagged_video_is_reported_and_its_plan_cleans_it(client, videos, tmp_path: Path):  # noqa: F811
    data = videos["apple"].read_bytes()
    result, rounds = checked(client, data, site="https://tinder.com")
    assert rounds == 2  # the skeleton, then its key frames
    kinds = {f["kind"] for f in result["findings"]}
    assert {"location", "device_model", "capture_time"} <= kinds
    assert result["cleaned"]["url"] is None and result["cleaned"]["sha256"] == ""
    assert result["pixels"]["analysis"] == "done"
    clean = tmp_path / "clean.mov"
    clean.write_bytes(rebuilt(data, result["cleaned"]["plan"]))
    assert len(clean.read_bytes()) == result["cleaned"]["size"]
    assert identifying_tags(clean) == {}
    assert stream_hash(clean) == stream_hash(videos["apple"])
    assert probe_errors(clean) == ""


def test_a_telemetry_route_is_read_from_the_samples_it_asked_for(client, videos):  # noqa: F811
    result, _ = checked(client, videos["camm"].read_bytes(), pixels="false")
    (location,) = [f for f in result["findings"] if f["kind"] == "location"]
    assert "route it was filmed along (6 points" in location["message"]


def test_the_report_is_recorded_once_with_the_whole_file_size(client, service, videos):  # noqa: F811
    with History(service.settings.history_path) as history:
        before = history.count()
    result, rounds = checked(client, videos["last"].read_bytes(), site="https://tinder.com")
    assert rounds == 2
    with History(service.settings.history_path) as history:
        assert history.count() == before + 1  # the round that asked for more is not a row
        row = history.get(result["id"])
    assert row is not None
    assert row.site == "tinder.com" and row.size == videos["last"].stat().st_size


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"size": "100"}, "needs `size` and `pieces`"),
        ({"size": "100", "pieces": "[[0, -1]]"}, "list of [offset, length]"),
        ({"size": "100", "pieces": "[[0, 3]]"}, "add up to 3 bytes; `file` has 4"),
        ({"size": "2", "pieces": "[[0, 4]]"}, "runs past the file's 2 bytes"),
    ],
)
def test_pieces_that_do_not_add_up_are_refused(client, fields, reason):
    answer = client.post("/v1/inspect/sparse", **upload(b"abcd", "x.mp4", **fields))
    assert answer.status_code == 422
    assert reason in answer.json()["message"]


def test_only_a_video_may_be_sent_in_part(client, jpeg: bytes):
    answer = client.post(
        "/v1/inspect/sparse",
        **upload(jpeg, "x.jpg", size=str(len(jpeg)), pieces=json.dumps([[0, len(jpeg)]])),
    )
    assert answer.status_code == 415
    assert "Only a video may be sent in part" in answer.json()["message"]


def test_a_tagged_webm_is_reported_and_its_plan_cleans_it(client, tagged_webm, tmp_path: Path):  # noqa: F811
    data = tagged_webm.read_bytes()
    result, rounds = checked(client, data, matroska_skeleton, "recording.webm")
    assert rounds == 2  # the skeleton (with each Cluster's head), then its key frames
    kinds = {f["kind"] for f in result["findings"]}
    assert {"location", "person_name", "capture_time"} <= kinds
    assert result["pixels"]["analysis"] == "done"
    assert result["problems"] == []
    clean = tmp_path / "clean.webm"
    clean.write_bytes(rebuilt(data, result["cleaned"]["plan"]))
    assert len(clean.read_bytes()) == result["cleaned"]["size"]
    assert identifying_tags(clean) == {}
    assert packets(clean) == packets(tagged_webm)
    assert probe_errors(clean) == ""


def test_a_live_recording_sent_in_part_is_refused_by_name(client, matroska_videos):  # noqa: F811
    data = matroska_videos["unknown_clusters"].read_bytes()
    answer = send(client, data, matroska_skeleton(data), "recording.webm")
    assert answer.status_code == 415
    assert "live recording whose Clusters do not say their sizes" in answer.json()["message"]


def test_a_part_may_be_as_big_as_an_upload(client):
    # Past the 64 KiB every other request is held to: refused for its pieces, not its size.
    body = bytes(1024 * 1024)
    answer = client.post("/v1/inspect/sparse", **upload(body, "x.mp4", size="10"))
    assert answer.status_code == 422
    assert answer.json()["error"] == "invalid_pieces"
