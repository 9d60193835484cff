"""How the dashboard looks and reads, in Chromium: desktop and phone, light and dark.

Screenshots of the extension's dashboard page go to
artifacts/dashboard-PAGE-SIZE-SCHEME.png (for people to look at); the checks
are what a person relies on without looking: nothing scrolls sideways on a
phone, the colour scheme follows the system, every page has one h1,
landmarks, labelled controls, a named chart, a skip link that the keyboard
reaches first, and nothing loaded from anywhere but the extension itself.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import ConsoleMessage, Page, Request, expect

from tests.dashboard.conftest import ARTIFACTS, DESKTOP, NARROW, dashboard, goto, reading
from tests.dashboard.service import ChannelServer
from tests.extension.browser import Browser, close_page

PAGES = {"overview": "/", "history": "/history", "detail": "/history/gen6-000003"}
BACKGROUNDS = {"light": "rgb(245, 246, 248)", "dark": "rgb(16, 20, 25)"}


@pytest.fixture(scope="module")
def empty(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChannelServer]:
    """A running service with nothing in its history yet."""
    server = ChannelServer(tmp_path_factory.mktemp("empty")).start()
    yield server
    server.stop()


def look(page: Page, name: str, size: str, scheme: str) -> None:
    """Check the page fits and follows the colour scheme, then save its screenshot."""
    expect(page.locator("body")).to_have_css("background-color", BACKGROUNDS[scheme])
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"{name} scrolls sideways by {overflow} px"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"dashboard-{name}-{size}-{scheme}.png", full_page=True)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("size", ["desktop", "narrow"])
def test_screenshots_fit_the_screen_in_both_colour_schemes(
    chromium: Browser, empty: ChannelServer, size: str, scheme: str
) -> None:
    page = chromium.context.new_page()
    try:
        page.set_viewport_size(DESKTOP if size == "desktop" else NARROW)
        page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
        for name, path in PAGES.items():
            goto(page, chromium, path)
            look(page, name, size, scheme)
        with reading(chromium, empty):
            goto(page, chromium, "/")
            expect(page.get_by_role("heading", name="Nothing here yet")).to_be_visible()
            look(page, "empty", size, scheme)
    finally:
        close_page(page)


@pytest.mark.parametrize("path", [*PAGES.values(), "/history/clear", "/?range=7"])
def test_pages_have_structure_labels_and_nothing_from_elsewhere(
    chromium: Browser, path: str
) -> None:
    requests: list[str] = []
    errors: list[str] = []

    def on_request(request: Request) -> None:
        requests.append(request.url)

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":  # CSP violations are reported here
            errors.append(message.text)

    page = chromium.context.new_page()
    page.on("request", on_request)
    page.on("console", on_console)
    try:
        goto(page, chromium, path)
        page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.lang") == "en"
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        for role in ("banner", "main", "contentinfo", "navigation"):
            expect(page.get_by_role(role).first).to_be_attached()  # type: ignore[arg-type]
        unlabelled = page.evaluate(
            """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                    .filter(control => control.labels.length === 0).map(control => control.name)"""
        )
        assert unlabelled == []
        for image in page.get_by_role("img").all():
            assert image.get_attribute("aria-labelledby") or image.get_attribute("aria-label")
        assert page.evaluate("document.scripts.length") == 1  # the page's own module, no other
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Skip to content"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
        assert page.evaluate("location.hash") == f"#{path}"  # the anchor keeps the page
    finally:
        close_page(page)
    own = f"chrome-extension://{chromium.extension_id}/"
    assert all(url.startswith(own) for url in requests), requests
    assert errors == []


def test_the_keyboard_reaches_every_link_and_control(chromium: Browser) -> None:
    page = dashboard(chromium, "/history")
    try:
        reachable = set()
        for _ in range(150):  # the table's 50 links come between the filters and the pager
            page.keyboard.press("Tab")
            reachable.add(page.evaluate("document.activeElement.textContent.trim()"))
        for name in ("Overview", "History", "Export CSV", "Apply", "Older", "Save"):
            assert name in reachable, name
        page.get_by_role("link", name="Older").focus()
        page.keyboard.press("Enter")  # a link followed from the keyboard, in the page
        expect(page.locator(".pager-where")).to_contain_text("Page 2 of")
    finally:
        close_page(page)
