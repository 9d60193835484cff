"""The history routes: list with filters and pages, stats, delete one, delete all."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from tests.server.conftest import upload
from tests.server.live import LiveServer
from tests.support.images import encode, photo, with_metadata
from tests.support.leaks import leaks
from thinktwice.history.sentences import SENTENCES

SITES = ("web.whatsapp.com", "www.tinder.com", "web.whatsapp.com")


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory, jpeg: bytes) -> Iterator[LiveServer]:
    """A service whose history holds three warnings and one clean image."""
    server = LiveServer(tmp_path_factory.mktemp("history")).start()
    with server.client() as c:
        for site in SITES:
            assert c.post("/v1/inspect", **upload(jpeg, site=f"https://{site}/")).status_code == 200
        plain = encode(photo(), "PNG")
        assert c.post("/v1/inspect", **upload(plain, "plain.png", site="example.org")).is_success
    yield server
    server.stop()


@pytest.fixture
def api(history: LiveServer) -> Iterator[httpx.Client]:
    with history.client() as c:
        yield c


def ids(response: httpx.Response) -> list[str]:
    assert response.status_code == 200, response.text
    return [row["id"] for row in response.json()["items"]]


def test_the_history_lists_newest_first(api: httpx.Client) -> None:
    body = api.get("/v1/history").json()
    assert body["total"] == 4
    sites = [row["site"] for row in body["items"]]
    assert sites == ["example.org", *reversed(SITES)]


@pytest.mark.parametrize(
    ("params", "count"),
    [
        ({"site": "web.whatsapp.com"}, 2),
        ({"site": "https://web.whatsapp.com/some/chat"}, 2),  # reduced to its host
        ({"severity": "high"}, 3),
        ({"severity": "none"}, 4),
        ({"kind": "location"}, 3),
        ({"decision": "none"}, 4),
        ({"decision": "sent_cleaned"}, 0),
        ({"since": "2000-01-01T00:00:00Z"}, 4),
        ({"until": "2000-01-01T00:00:00"}, 0),  # no offset: UTC
    ],
)
def test_filters_narrow_the_list(api: httpx.Client, params: dict[str, str], count: int) -> None:
    assert api.get("/v1/history", params=params).json()["total"] == count


def test_pages_split_the_list(api: httpx.Client) -> None:
    everything = ids(api.get("/v1/history"))
    pages = [ids(api.get("/v1/history", params={"page": p, "per_page": 3})) for p in (1, 2, 3)]
    assert pages == [everything[:3], everything[3:], []]


@pytest.mark.parametrize(
    "params",
    [
        {"severity": "terrible"},
        {"kind": "secrets"},
        {"decision": "maybe"},
        {"since": "yesterday"},
        {"until": "0.5"},
        {"page": "0"},
        {"per_page": "100000"},
        {"site": "not a host"},
    ],
)
def test_bad_filters_are_422(api: httpx.Client, params: dict[str, str]) -> None:
    response = api.get("/v1/history", params=params)
    assert response.status_code == 422
    assert set(response.json()) == {"error", "message"}


def test_since_after_until_is_422(api: httpx.Client) -> None:
    now = datetime.now(UTC)
    params = {"since": now.isoformat(), "until": (now - timedelta(days=1)).isoformat()}
    assert api.get("/v1/history", params=params).json()["error"] == "invalid_filter"


def test_stats_count_per_day_kind_site_and_decision(api: httpx.Client) -> None:
    stats = api.get("/v1/stats").json()
    assert (stats["total"], stats["warnings"]) == (4, 3)
    assert stats["per_site"] == {"web.whatsapp.com": 2, "example.org": 1, "www.tinder.com": 1}
    assert stats["per_kind"]["location"] == 3
    assert stats["per_decision"] == {"undecided": 4}
    (day,) = stats["per_day"]
    assert day["day"] == datetime.now(UTC).date().isoformat()
    assert (day["counts"]["total"], day["counts"]["high"]) == (4, 3)


def test_stats_take_the_same_filters(api: httpx.Client) -> None:
    assert api.get("/v1/stats", params={"site": "www.tinder.com"}).json()["total"] == 1


def test_one_inspection_can_be_forgotten(tmp_path: Path, jpeg: bytes) -> None:
    server = LiveServer(tmp_path).start()
    try:
        with server.client() as c:
            first = c.post("/v1/inspect", **upload(jpeg)).json()["id"]
            second = c.post("/v1/inspect", **upload(jpeg)).json()["id"]
            assert c.delete(f"/v1/history/{first}").json() == {"deleted": 1}
            assert ids(c.get("/v1/history")) == [second]
            assert c.delete(f"/v1/history/{first}").status_code == 404
    finally:
        server.stop()


def test_everything_can_be_forgotten(tmp_path: Path, jpeg: bytes) -> None:
    server = LiveServer(tmp_path).start()
    try:
        with server.client() as c:
            for _ in range(3):
                c.post("/v1/inspect", **upload(jpeg))
            assert c.delete("/v1/history").json() == {"deleted": 3}
            assert c.get("/v1/history").json()["total"] == 0
            assert c.get("/v1/stats").json()["total"] == 0
    finally:
        server.stop()


# A photo whose metadata holds a street address, a person's name, a serial, GPS and a
# comment; the dialog says them all, the history file none of them.
BAKER_STREET = (
    "-XMP-iptcCore:CreatorAddress=221B Baker Street", "-IPTC:City=Marylebone",
    "-Artist=Sherlock Holmes", "-XMP-dc:Creator=Sherlock Holmes",
    "-SerialNumber=SN-221B-1887",
    "-GPSLatitude=51.5237", "-GPSLatitudeRef=N", "-GPSLongitude=0.1585", "-GPSLongitudeRef=W",
    "-UserComment=the key is under the mat",
)  # fmt: skip
SAID = ("221B Baker Street", "Sherlock Holmes", "SN-221B-1887", "the key is under the mat")
SECRETS = (*SAID, "Marylebone", "51.5237", "0.1585", "51,31", "holmes_home", "/chat/irene")


def test_the_history_file_keeps_no_name_place_serial_comment_or_position(
    tmp_path: Path,
) -> None:
    data = with_metadata(encode(photo(), "JPEG", quality=90), ".jpg", *BAKER_STREET)
    server = LiveServer(tmp_path).start()
    try:
        with server.client() as c:
            sent = upload(data, "holmes_home.jpg", site="https://web.whatsapp.com/chat/irene")
            report = c.post("/v1/inspect", **sent)
            assert report.status_code == 200, report.text
            dialog = report.text
            assert all(said in dialog for said in SAID)  # the person is told, in memory
            (row,) = c.get("/v1/history").json()["items"]
            assert (tmp_path / "history.sqlite3-wal").exists()
            on_disk = leaks(tmp_path, SECRETS)  # while the service runs: file, -wal, -shm
        assert {f["kind"] for f in row["findings"]} >= {
            "location",
            "person_name",
            "device_serial",
            "comment",
        }
        assert {f["message"] for f in row["findings"]} <= set(SENTENCES.values())
        assert row["site"] == "web.whatsapp.com"
        assert not any(secret in json.dumps(row) for secret in SECRETS)
        assert on_disk == {}
    finally:
        server.stop()
    assert leaks(tmp_path, SECRETS) == {}
