"""Who gets what, over real HTTP: sign-in links, sessions, origins, CSRF, headers.

The browser tests (test_browser.py) walk the same rules in Chromium; these pin
each rule down on its own, including requests no browser would send.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.dashboard.conftest import cookie_name, csrf_of, login_link, signed_in_client
from tests.dashboard.history_data import fill
from tests.server.conftest import EXTENSION
from tests.server.live import LiveServer
from tests.support.leaks import contains_coordinates
from thinktwice.server.dashboard.headers import HEADERS
from thinktwice.server.settings import Settings

PAGES = ["/", "/?range=7", "/history", "/history?severity=high", "/history/clear",
         "/history/gen6-000001", "/export.csv", "/export.json"]  # fmt: skip
DIRECTIVES = (
    "default-src 'self'",
    "style-src 'self'",
    "script-src 'self'",
    "img-src 'self' data:",
    "form-action 'self'",
    "frame-ancestors 'none'",
)
FORMS = ["/history/clear", "/history/gen6-000001/delete", "/settings/retention", "/logout"]


def own(server: LiveServer) -> dict[str, str]:
    return {"Origin": server.base_url}


# --- signing in ----------------------------------------------------------------------


def test_the_link_api_needs_the_token(filled: LiveServer) -> None:
    with filled.client(token=False) as anonymous:
        assert anonymous.post("/v1/dashboard/login-link").status_code == 401


def test_the_paired_extension_may_ask_for_a_link(filled: LiveServer) -> None:
    with filled.client(token=False) as anonymous:
        assert anonymous.post("/v1/pair", headers={"Origin": EXTENSION}).status_code == 200
    with filled.client(headers={"Origin": EXTENSION}) as extension:
        response = extension.post("/v1/dashboard/login-link")
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == EXTENSION
    assert response.json()["url"].startswith(f"{filled.base_url}/login?code=")
    assert response.json()["expires_in"] == 60


def test_a_link_sets_a_strict_http_only_session_cookie_once(filled: LiveServer) -> None:
    url = login_link(filled)
    with filled.client(token=False, follow_redirects=False) as browser:
        first = browser.get(url)
        second = browser.get(url)
    assert (first.status_code, first.headers["location"]) == (303, "/")
    cookie = first.headers["set-cookie"].lower()
    for attribute in ("httponly", "samesite=strict", "path=/", "max-age=43200"):
        assert attribute in cookie
    assert second.status_code == 401
    assert "set-cookie" not in second.headers
    assert "already been used or has expired" in second.text


@pytest.mark.parametrize("path", PAGES)
def test_without_a_session_every_page_asks_to_sign_in_and_shows_no_data(
    filled: LiveServer, path: str
) -> None:
    with filled.client(token=True) as with_token_only:  # the API token is not a session
        response = with_token_only.get(path)
    assert response.status_code == 401
    assert "thinktwice open" in response.text
    for data in ("gen6-", "whatsapp", "tinder", "Location", "Camera"):
        assert data not in response.text
    assert "content-disposition" not in response.headers


@pytest.mark.parametrize("cookie", ["", "made-up", "x" * 5000])
def test_a_made_up_session_cookie_gets_nothing(filled: LiveServer, cookie: str) -> None:
    with filled.client(token=False, cookies={cookie_name(filled): cookie}) as guesser:
        response = guesser.get("/history")
    assert response.status_code == 401
    assert "gen6-" not in response.text


def test_signing_out_ends_the_session(filled: LiveServer) -> None:
    with signed_in_client(filled) as browser:
        csrf = csrf_of(browser.get("/").text)
        response = browser.post("/logout", data={"csrf": csrf}, headers=own(filled))
        assert (response.status_code, response.headers["location"]) == (303, "/?done=signed_out")
        assert f'{cookie_name(filled)}=""' in response.headers["set-cookie"]
        assert browser.get("/").status_code == 401


# --- forms: origin and CSRF ----------------------------------------------------------


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A service with 40 entries that forged forms try, and fail, to change."""
    data_dir = tmp_path_factory.mktemp("target")
    fill(data_dir, 40, seed=7)
    server = LiveServer(data_dir).start()
    yield server
    server.stop()


@pytest.mark.parametrize("path", FORMS)
@pytest.mark.parametrize(
    ("token", "origin", "status"),
    [
        ("wrong", "own", 403),  # a forged form: wrong CSRF token
        ("missing", "own", 403),
        ("right", None, 403),  # no Origin: not a browser form from the dashboard
        ("right", "https://evil.example", 403),  # a web page elsewhere
        ("right", "null", 403),  # a sandboxed frame or a data: page
        ("right", "http://127.0.0.1:1", 403),  # another service on this machine
    ],
)
def test_a_form_post_is_refused_without_the_token_or_from_elsewhere(
    target: LiveServer, path: str, token: str, origin: str | None, status: int
) -> None:
    with signed_in_client(target) as browser:
        right = csrf_of(browser.get("/history").text)
        data = {"csrf": {"right": right, "wrong": "x" * 43, "missing": None}[token]}
        data |= {"confirm": "yes", "days": "7"}
        headers = (
            {}
            if origin is None
            else {"Origin": own(target)["Origin"] if origin == "own" else origin}
        )
        response = browser.post(path, data={k: v for k, v in data.items() if v}, headers=headers)
        assert response.status_code == status
        assert "access-control-allow-origin" not in response.headers
        assert browser.get("/history").status_code == 200  # still signed in
    assert target.app.state.services.history.query().total == 40  # nothing deleted
    assert target.app.state.services.history.retention_days == 90


def test_a_form_post_without_a_session_is_refused_even_with_a_token(fresh: LiveServer) -> None:
    with signed_in_client(fresh) as browser:
        csrf = csrf_of(browser.get("/history").text)
    with fresh.client(token=True) as other:
        response = other.post(
            "/history/clear", data={"csrf": csrf, "confirm": "yes"}, headers=own(fresh)
        )
    assert response.status_code == 401
    assert fresh.app.state.services.history.query().total == 40


@pytest.mark.parametrize("name", ["127.0.0.1", "localhost"])
def test_the_dashboards_own_origin_reaches_the_dashboard_only(
    filled: LiveServer, name: str
) -> None:
    origin = f"http://{name}:{filled.settings.port}"
    with filled.client(headers={"Origin": origin, "Host": f"{name}:{filled.settings.port}"}) as c:
        assert c.get("/v1/history").status_code == 403  # the API stays extension-only
        page = c.get("/history")
    assert page.status_code == 401  # passed the origin check; no session, so no data
    assert "access-control-allow-origin" not in page.headers  # same origin needs no CORS


# --- headers -------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/history", "/login?code=x", "/static/dashboard.css"])
def test_dashboard_responses_carry_the_security_headers(filled: LiveServer, path: str) -> None:
    with filled.client(token=False) as c:
        response = c.get(path)
    for name, value in HEADERS.items():
        assert response.headers[name] == value
    policy = response.headers["content-security-policy"]
    for directive in DIRECTIVES:
        assert directive in policy
    assert response.headers["x-frame-options"] == "DENY"
    assert response.headers["cache-control"] == "no-store"


def test_pages_are_self_contained(filled: LiveServer) -> None:
    with signed_in_client(filled) as browser:
        for path in ("/", "/history", "/history/gen6-000001"):
            html = browser.get(path).text
            assert "<script" not in html and "style=" not in html
            assert not re.search(r'(?:src|href|action)="(?:[a-z]+:)?//', html)


# --- retention -----------------------------------------------------------------------


def test_the_retention_period_applies_at_once_and_survives_a_restart(fresh: LiveServer) -> None:
    with signed_in_client(fresh) as browser:
        csrf = csrf_of(browser.get("/history").text)
        response = browser.post(
            "/settings/retention", data={"csrf": csrf, "days": "30"}, headers=own(fresh)
        )
        assert response.status_code == 303
        assert 'value="30"' in browser.get(response.headers["location"]).text
    assert fresh.app.state.services.history.retention_days == 30
    stored = json.loads(fresh.settings.settings_path.read_text())
    assert stored == {"retention_days": 30}
    # `thinktwice serve` loads its settings this way: settings.json, then options.
    assert Settings.load(fresh.settings.data_dir).retention_days == 30
    restarted = LiveServer(fresh.settings.data_dir, retention_days=30).start()
    try:
        with signed_in_client(restarted) as browser:
            assert 'value="30"' in browser.get("/history").text
    finally:
        restarted.stop()


@pytest.mark.parametrize("days", ["0", "3651", "ten", "", "7.5"])
def test_an_unusable_retention_period_is_refused(fresh: LiveServer, days: str) -> None:
    with signed_in_client(fresh) as browser:
        csrf = csrf_of(browser.get("/history").text)
        response = browser.post(
            "/settings/retention", data={"csrf": csrf, "days": days}, headers=own(fresh)
        )
    assert response.status_code == 400
    assert "from 1 to 3650" in response.text
    assert fresh.app.state.services.history.retention_days == 90
    assert not fresh.settings.settings_path.exists()


def test_deleting_everything_needs_the_box_ticked(fresh: LiveServer) -> None:
    with signed_in_client(fresh) as browser:
        csrf = csrf_of(browser.get("/history/clear").text)
        refused = browser.post("/history/clear", data={"csrf": csrf}, headers=own(fresh))
        assert refused.status_code == 400 and "Tick the box" in refused.text
        assert fresh.app.state.services.history.query().total == 40
        done = browser.post(
            "/history/clear", data={"csrf": csrf, "confirm": "yes"}, headers=own(fresh)
        )
        assert (done.status_code, done.headers["location"]) == (303, "/history?done=cleared")
    assert fresh.app.state.services.history.query().total == 0


def test_an_unknown_entry_is_a_page_not_an_error(filled: LiveServer) -> None:
    with signed_in_client(filled) as browser:
        response = browser.get("/history/" + "z" * 300)
    assert response.status_code == 404
    assert "No such entry" in response.text


def test_pages_never_show_a_position(filled: LiveServer) -> None:
    with signed_in_client(filled) as browser:
        for path in ("/", "/?range=7", "/history", "/history/gen6-000001", "/history/clear"):
            assert not contains_coordinates(browser.get(path).text), path


def test_an_unusable_history_is_said_on_a_page(tmp_path: Path) -> None:
    (tmp_path / "history.sqlite3").write_bytes(b"this is not a database" * 100)
    server = LiveServer(tmp_path).start()
    try:
        with signed_in_client(server) as browser:
            for path in ("/", "/history", "/export.csv"):
                response = browser.get(path)
                assert response.status_code == 503
                assert "The history is unavailable" in response.text
                assert response.headers["content-type"].startswith("text/html")
    finally:
        server.stop()
