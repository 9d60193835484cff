"""An address the dashboard does not have is a page in its look, over the socket: a
heading, a sentence, the navigation and the pages' security headers. The API (/v1) keeps
its JSON errors, and over TCP no page is drawn at all."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.dashboard.conftest import dashboard
from tests.dashboard.service import ChannelServer
from tests.extension.browser import Browser, close_page
from thinktwice.server.dashboard.headers import HEADERS


@pytest.mark.parametrize("path", ["/nope", "/history/gen6-000001/more", "/static/x.css"])
def test_an_unknown_address_is_a_page_in_the_dashboards_look(
    filled: ChannelServer, path: str
) -> None:
    with filled.channel() as client:
        response = client.get(path)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    html = response.text
    assert '<h1 id="message-heading">No such page</h1>' in html
    assert 'href="/dashboard.css"' in html and 'aria-label="Dashboard"' in html
    assert '"error"' not in html
    for name, value in HEADERS.items():
        assert response.headers[name] == value


def test_a_page_asked_with_the_wrong_method_says_so_as_a_page(filled: ChannelServer) -> None:
    with filled.channel() as client:
        response = client.get("/history/gen6-000001/delete")
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert "This page cannot be opened" in response.text
    assert filled.history.get("gen6-000001") is not None


@pytest.mark.parametrize("path", ["/v1/nope", "/v1", "/v1/history/x/y"])
def test_the_api_keeps_its_json_errors_over_the_socket(filled: ChannelServer, path: str) -> None:
    with filled.channel() as client:
        response = client.get(path)
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"


def test_over_tcp_an_unknown_address_draws_no_page(filled: ChannelServer) -> None:
    with filled.tcp() as client:
        response = client.get("/nope")
    assert response.status_code == 404
    assert response.json()["error"] == "not_found"
    assert "<" not in response.text


# --- in the extension's dashboard page --------------------------------------------------


@pytest.mark.parametrize("path", ["/nope", "/settings", "/history/gen6-000001/more/still"])
def test_the_extension_shows_an_unknown_address_as_the_dashboards_page(
    chromium: Browser, path: str
) -> None:
    page = dashboard(chromium, path)
    try:
        expect(page.get_by_role("heading", level=1)).to_have_text("No such page")
        expect(page.get_by_role("navigation", name="Dashboard")).to_be_visible()
        page.get_by_role("link", name="Back to the overview").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Overview")
    finally:
        close_page(page)


def test_the_worker_still_relays_no_api_path_dressed_as_a_page(chromium: Browser) -> None:
    page = dashboard(chromium)
    try:
        answers = page.evaluate(
            """async () => Promise.all(["/v1", "/v1?x=1", "/v1/stats", "/%76%31/stats",
                "/./v1/stats", "/x/../v1/stats", "/nope.json"].map((path) =>
                chrome.runtime.sendMessage({type: "dashboardPage", method: "GET", path})))"""
        )
    finally:
        close_page(page)
    for answer in answers:
        assert answer["ok"] is False and "malformed" in answer["error"], answer
