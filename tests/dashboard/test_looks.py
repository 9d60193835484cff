"""How the dashboard looks and reads, in Chromium: desktop and phone, light and dark.

Screenshots go to artifacts/dashboard-PAGE-SIZE-SCHEME.png (for people to look
at); the checks are what a person relies on without looking: nothing scrolls
sideways on a phone, the colour scheme follows the system, every page has one
h1, landmarks, labelled controls, a named chart, a skip link, and loads nothing
from anywhere else.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Request, expect

from tests.dashboard.conftest import ARTIFACTS, DESKTOP, NARROW, sign_in
from tests.server.live import LiveServer

SIGNED_IN = {"overview": "/", "history": "/history", "detail": "/history/gen6-000003"}
BACKGROUNDS = {"light": "rgb(245, 246, 248)", "dark": "rgb(16, 20, 25)"}


@pytest.fixture(scope="module")
def empty(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A running service with nothing in its history yet."""
    server = LiveServer(tmp_path_factory.mktemp("empty")).start()
    yield server
    server.stop()


def look(page: Page, name: str, size: str, scheme: str) -> None:
    """Check the page fits and follows the colour scheme, then save its screenshot."""
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} scrolls sideways by {overflow} px"
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert background == BACKGROUNDS[scheme]
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"dashboard-{name}-{size}-{scheme}.png", full_page=True)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", ["desktop", "narrow"])
def test_screenshots_fit_the_screen_in_both_colour_schemes(
    browser: Browser, filled: LiveServer, empty: LiveServer, size: str, scheme: str
) -> None:
    viewport = DESKTOP if size == "desktop" else NARROW
    context = browser.new_context(viewport=viewport, color_scheme=scheme)  # type: ignore[arg-type]
    try:
        page = context.new_page()
        page.goto(filled.base_url + "/")
        look(page, "signin", size, scheme)
        page = sign_in(context, filled)
        for name, path in SIGNED_IN.items():
            page.goto(filled.base_url + path)
            look(page, name, size, scheme)
        page = sign_in(context, empty)
        expect(page.get_by_role("heading", name="Nothing here yet")).to_be_visible()
        look(page, "empty", size, scheme)
    finally:
        context.close()


@pytest.mark.parametrize("path", [*SIGNED_IN.values(), "/history/clear", "/?range=7"])
def test_pages_have_structure_labels_and_nothing_from_elsewhere(
    reader: Page, filled: LiveServer, path: str
) -> None:
    requests: list[str] = []
    errors: list[str] = []

    def on_request(request: Request) -> None:
        requests.append(request.url)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":  # CSP violations are reported here
            errors.append(message.text)

    reader.on("request", on_request)
    reader.on("console", on_console)
    try:
        reader.goto(filled.base_url + path)
        reader.wait_for_load_state("load")
    finally:
        reader.remove_listener("request", on_request)
        reader.remove_listener("console", on_console)
    assert reader.evaluate("document.documentElement.lang") == "en"
    expect(reader.get_by_role("heading", level=1)).to_have_count(1)
    for role in ("banner", "main", "contentinfo", "navigation"):
        expect(reader.get_by_role(role).first).to_be_attached()  # type: ignore[arg-type]
    unlabelled = reader.evaluate(
        """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                .filter(control => control.labels.length === 0).map(control => control.name)"""
    )
    assert unlabelled == []
    for image in reader.get_by_role("img").all():
        assert image.get_attribute("aria-labelledby") or image.get_attribute("aria-label")
    reader.keyboard.press("Tab")
    assert reader.evaluate("document.activeElement.textContent") == "Skip to content"
    assert all(url.startswith(filled.base_url + "/") for url in requests), requests
    assert errors == []
