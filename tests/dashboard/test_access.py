"""Who gets what: the dashboard answers over the service's Unix socket only.

Over TCP (`serve --tcp`: where another account's program, or a web page, could
knock) every dashboard path answers 404 with a sentence and no data, whatever
the request carries: the token, a cookie, the service's own Origin. Over the
socket (this account's alone; the extension's page comes through the native
host) the pages render, forms work without any session or CSRF token, and
failures are pages. The browser tests (test_browser.py) walk the same pages in
the extension.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest

from tests.dashboard.history_data import fill
from tests.dashboard.service import ChannelServer
from tests.support.leaks import contains_coordinates
from thinktwice.server.dashboard.headers import HEADERS
from thinktwice.server.settings import Settings

PAGES = ["/", "/?range=7", "/history", "/history?severity=high", "/history/clear",
         "/history/gen6-000001", "/export.csv", "/export.json", "/dashboard.css"]  # fmt: skip
FORMS = ["/history/clear", "/history/gen6-000001/delete", "/settings/retention"]
GONE = ["/login?code=x", "/logout", "/static/dashboard.css", "/v1/dashboard/login-link"]
DATA = ("gen6-", "whatsapp", "tinder", "Location", "Camera", "<table", "<svg")


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChannelServer]:
    """A service with 40 entries that requests over TCP try, and fail, to change."""
    data_dir = tmp_path_factory.mktemp("target")
    fill(data_dir, 40, seed=7)
    server = ChannelServer(data_dir).start()
    yield server
    server.stop()


# --- over TCP: nothing -----------------------------------------------------------------


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize(
    "disguise",
    [
        {},
        {"token": True},  # the API token opens /v1, never the dashboard
        {"cookies": {"thinktwice_session": "stolen"}},  # a cookie from the old sign-in
        {"headers": {"Origin": "http://127.0.0.1:8765"}},  # the service's own origin
        {"headers": {"Origin": "chrome-extension://pjkbminpbkaimcnhjllfkhblfnibfmac"}},
    ],
    ids=["plain", "token", "cookie", "own-origin", "extension-origin"],
)
def test_over_tcp_every_page_is_refused_and_shows_no_data(
    filled: ChannelServer, path: str, disguise: dict[str, object]
) -> None:
    with filled.tcp(**disguise) as client:  # type: ignore[arg-type]
        response = client.get(path)
    assert response.status_code in (403, 404)
    if response.status_code == 404:
        assert response.headers["content-type"].startswith("text/plain")
        assert "Open it from the browser extension" in response.text
    for data in DATA:
        assert data not in response.text
    assert "content-disposition" not in response.headers
    assert "set-cookie" not in response.headers


@pytest.mark.parametrize("path", FORMS)
@pytest.mark.parametrize("token", [False, True])
def test_over_tcp_no_form_changes_anything(target: ChannelServer, path: str, token: bool) -> None:
    with target.tcp(token=token, headers={"Origin": target.base_url}) as client:
        response = client.post(path, data={"confirm": "yes", "days": "7"})
    assert response.status_code in (403, 404)
    assert target.history.query().total == 40
    assert target.history.retention_days == 90


@pytest.mark.parametrize("path", GONE)
def test_the_sign_in_machinery_is_gone(filled: ChannelServer, path: str) -> None:
    with filled.channel() as client:
        answers = [client.get(path).status_code, client.post(path).status_code]
    assert all(status in (404, 405) for status in answers), answers


# --- over the socket: the pages --------------------------------------------------------


@pytest.mark.parametrize("path", PAGES)
def test_over_the_socket_every_page_renders_without_a_session(
    filled: ChannelServer, path: str
) -> None:
    with filled.channel() as client:
        response = client.get(path)
    assert response.status_code == 200
    assert "set-cookie" not in response.headers


@pytest.mark.parametrize("path", ["/", "/history", "/dashboard.css"])
def test_dashboard_responses_carry_the_security_headers(filled: ChannelServer, path: str) -> None:
    with filled.channel() as client:
        response = client.get(path)
    for name, value in HEADERS.items():
        assert response.headers[name] == value
    assert response.headers["cache-control"] == "no-store"


def test_pages_are_self_contained(filled: ChannelServer) -> None:
    with filled.channel() as client:
        for path in ("/", "/history", "/history/gen6-000001", "/history/clear"):
            html = client.get(path).text
            assert "<script" not in html and "style=" not in html
            assert not re.search(r"<[^>]+\son\w+=", html)  # no event handlers
            assert not re.search(r'(?:src|href|action)="(?:[a-z]+:)?//', html)
            assert 'name="csrf"' not in html  # nothing to forge: see routes.py


def test_an_unknown_entry_is_a_page_not_an_error(filled: ChannelServer) -> None:
    with filled.channel() as client:
        response = client.get("/history/" + "z" * 300)
    assert response.status_code == 404
    assert "No such entry" in response.text


def test_pages_never_show_a_position(filled: ChannelServer) -> None:
    with filled.channel() as client:
        for path in ("/", "/?range=7", "/history", "/history/gen6-000001", "/history/clear"):
            assert not contains_coordinates(client.get(path).text), path


# --- forms over the socket -------------------------------------------------------------


def test_the_retention_period_applies_at_once_and_survives_a_restart(
    fresh: ChannelServer,
) -> None:
    with fresh.channel() as client:
        response = client.post("/settings/retention", data={"days": "30"})
        assert response.status_code == 303
        assert response.headers["location"] == "/history?done=retention#retention"
        assert 'value="30"' in client.get("/history").text
    assert fresh.history.retention_days == 30
    assert json.loads(fresh.settings.settings_path.read_text()) == {"retention_days": 30}
    # `thinktwice serve` loads its settings this way: settings.json, then options.
    assert Settings.load(fresh.settings.data_dir).retention_days == 30


@pytest.mark.parametrize("days", ["0", "3651", "ten", "", "7.5"])
def test_an_unusable_retention_period_is_refused(fresh: ChannelServer, days: str) -> None:
    with fresh.channel() as client:
        response = client.post("/settings/retention", data={"days": days})
    assert response.status_code == 400
    assert "from 1 to 3650" in response.text
    assert fresh.history.retention_days == 90
    assert not fresh.settings.settings_path.exists()


def test_deleting_everything_needs_the_box_ticked(fresh: ChannelServer) -> None:
    with fresh.channel() as client:
        refused = client.post("/history/clear", data={})
        assert refused.status_code == 400 and "Tick the box" in refused.text
        assert fresh.history.query().total == 40
        done = client.post("/history/clear", data={"confirm": "yes"})
    assert (done.status_code, done.headers["location"]) == (303, "/history?done=cleared")
    assert fresh.history.query().total == 0


def test_deleting_one_entry_goes_back_to_the_same_filters(fresh: ChannelServer) -> None:
    newest = fresh.history.query().items[0]
    with fresh.channel() as client:
        done = client.post(f"/history/{newest.id}/delete", data={"back": "severity=low"})
        again = client.post(f"/history/{newest.id}/delete", data={})
    assert (done.status_code, done.headers["location"]) == (
        303,
        "/history?severity=low&done=deleted",
    )
    assert again.status_code == 404 and "No such entry" in again.text
    assert fresh.history.get(newest.id) is None


def test_an_unusable_history_is_said_on_a_page(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    data_dir = tmp_path_factory.mktemp("broken")
    (data_dir / "history.sqlite3").write_bytes(b"this is not a database" * 100)
    server = ChannelServer(data_dir).start()
    try:
        with server.channel() as client:
            for path in ("/", "/history", "/export.csv"):
                response = client.get(path)
                assert response.status_code == 503
                assert "The history is unavailable" in response.text
                assert response.headers["content-type"].startswith("text/html")
    finally:
        server.stop()
