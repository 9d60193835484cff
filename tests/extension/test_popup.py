"""The toolbar popup at a glance, for the site in the active tab: whether it is watched
(one switch), the service's state, the last warning the history holds for it, "Clean a
file…" and the dashboard.

The popup is opened as a tab while the site's tab is the active one (as when the toolbar
button is pressed over it); the warning is a real one, a photo sent from the site and
recorded by the real service.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.extension.actions import decision_recorded, send_cleaned
from tests.extension.browser import ROOT, Browser, Service, close_page
from tests.extension.conftest import Photo
from tests.extension.webserver import Site

ARTIFACTS = ROOT / "artifacts"
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
    expect(popup.locator("#last-warning")).to_contain_text("Last warning here:")
    assert "Location" in (popup.text_content("#last-warning") or "")
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
