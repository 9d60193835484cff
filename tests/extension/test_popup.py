"""The toolbar popup at a glance, for the site in the active tab: whether it is watched
(one switch), the service's state, the last warning the history holds for it, "Clean a
file…" and the dashboard.

The popup is opened as a tab while the site's tab is the active one (as when the toolbar
button is pressed over it); the warning is a real one, a photo sent from the site and
recorded by the real service.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.extension.actions import decision_recorded, send_cleaned
from tests.extension.browser import EXTENSION, ROOT, Browser, Service, close_page
from tests.extension.conftest import Photo
from tests.extension.test_accessibility import (
    assert_accessible,
    assert_keyboard_reaches_everything,
    tab_to,
)
from tests.extension.webserver import Site
from thinktwice.models import Kind

ARTIFACTS = ROOT / "artifacts"
# "(Location, Camera serial number, Names, and 5 more)": Intl.ListFormat's English.
THREE_AND_MORE = re.compile(r"\((?:[A-Z][\w ]+, ){3}and \d+ more\)")
PAUSED = "async () => (await chrome.storage.local.get('pausedSites')).pausedSites ?? []"


@pytest.fixture
def popup_over_site(browser: Browser, page: Page, site: Site) -> Iterator[Page]:
    """The popup, opened while `page` (on the test site) is the active tab."""
    if not page.url.startswith(site.origin):
        page.goto(site.url("input.html"))
    popup = browser.context.new_page()
    page.bring_to_front()
    popup.goto(f"chrome-extension://{browser.extension_id}/popup/popup.html")
    expect(popup.locator("#connection")).to_contain_text("Connected")
    yield popup
    close_page(popup)


@pytest.fixture
def warned(page: Page, site: Site, service: Service, photos: dict[str, Photo]) -> None:
    """The site has a warning in the history: IMG_2041.jpg (with its location) sent cleaned."""
    send_cleaned(page, site, photos["IMG_2041.jpg"].path)
    decision_recorded(service, "sent_cleaned")


def test_the_popup_shows_the_site_watched_with_one_switch_and_its_last_warning(
    warned: None, popup_over_site: Page, site: Site
) -> None:
    popup = popup_over_site
    host = site.origin.removeprefix("http://")
    expect(popup.locator("#site-host")).to_have_text(host)
    switch = popup.get_by_role("switch", name="Watch uploads on this site")
    expect(switch).to_be_checked()
    expect(popup.locator("#site-note")).to_have_text("Photos you send here are checked first.")
    line = popup.locator("#last-warning")
    expect(line).to_contain_text("Last warning here:")
    # Worst first, three named and the rest counted, in the browser's words for each kind.
    expect(line).to_contain_text(THREE_AND_MORE)
    expect(popup.locator("#last-severity")).to_have_text("High")
    expect(popup.locator("#last-severity")).to_have_class("severity high")
    expect(popup.get_by_role("button", name="Clean a file…")).to_be_visible()
    expect(popup.get_by_role("button", name="Dashboard")).to_be_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    popup.set_viewport_size({"width": 340, "height": 460})
    popup.screenshot(path=ARTIFACTS / "extension-popup.png", full_page=True)
    popup.emulate_media(color_scheme="dark")
    popup.screenshot(path=ARTIFACTS / "extension-popup-dark.png", full_page=True)


def test_the_switch_pauses_and_resumes_watching_the_site(
    browser: Browser, popup_over_site: Page, site: Site
) -> None:
    popup = popup_over_site
    switch = popup.get_by_role("switch", name="Watch uploads on this site")
    try:
        switch.uncheck()
        expect(popup.locator("#site-note")).to_have_text(
            "Paused: photos you send here are not checked."
        )
        assert browser.call(PAUSED) == [site.origin]
    finally:
        switch.check()
    expect(popup.locator("#site-note")).to_contain_text("Reload")
    assert browser.call(PAUSED) == []


LAST_WARNING = "(origin) => chrome.runtime.sendMessage({type: 'lastWarning', origin})"


def test_the_last_warning_carries_only_kinds_a_severity_and_a_time(
    warned: None, popup_over_site: Page, site: Site
) -> None:
    """The worker asks the service's history and hands the popup no name, place or path."""
    answer = popup_over_site.evaluate(LAST_WARNING, site.origin)
    assert answer["ok"] is True
    warning = answer["value"]
    assert set(warning) == {"severity", "at", "kinds"}
    assert warning["severity"] == "high"
    assert {"location", "device_serial", "person_name"} <= set(warning["kinds"])
    assert set(warning["kinds"]) <= {k.value for k in Kind}
    assert warning["at"].startswith("20")


def test_a_site_without_warnings_has_none(popup_over_site: Page) -> None:
    answer = popup_over_site.evaluate(LAST_WARNING, "https://nowhere.example")
    assert answer == {"ok": True, "value": None}


def test_a_malformed_origin_is_refused(popup_over_site: Page) -> None:
    answer = popup_over_site.evaluate(LAST_WARNING, "javascript:alert(1)")
    assert answer["ok"] is False and "not an http" in answer["error"]


def test_every_kind_of_finding_has_words_in_every_catalog() -> None:
    for code in ("en", "es", "fr", "de"):
        catalog = json.loads((EXTENSION / "_locales" / code / "messages.json").read_text())
        missing = [k.value for k in Kind if f"kind_{k.value}" not in catalog]
        assert missing == [], code


def test_the_switch_and_the_dashboard_button_work_from_the_keyboard(
    browser: Browser, popup_over_site: Page, site: Site
) -> None:
    popup = popup_over_site
    switch = popup.get_by_role("switch", name="Watch uploads on this site")
    try:
        tab_to(popup, "#watching")
        popup.keyboard.press("Space")
        expect(switch).not_to_be_checked()
        assert browser.call(PAUSED) == [site.origin]
    finally:
        popup.keyboard.press("Space")
    expect(switch).to_be_checked()
    assert browser.call(PAUSED) == []
    tab_to(popup, "#dashboard")
    with browser.context.expect_page() as opened:
        popup.keyboard.press("Enter")
    board = opened.value
    try:
        # The page's own content, polled: a navigation event can come before the page
        # object exists, and waiting for one then waits forever.
        expect(board.locator("h1")).to_have_text("Overview", timeout=30_000)  # a busy machine
        assert board.url.startswith(f"chrome-extension://{browser.extension_id}/dashboard/")
    finally:
        close_page(board)


def test_over_a_warned_site_the_popup_is_accessible_and_all_reachable_with_tab(
    warned: None, popup_over_site: Page
) -> None:
    expect(popup_over_site.locator("#last-severity")).not_to_be_empty()
    assert_accessible(popup_over_site)
    assert_keyboard_reaches_everything(popup_over_site)
