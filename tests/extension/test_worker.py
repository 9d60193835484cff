"""The service worker: the only part that talks to the service, and it checks who asks.

Also the context menu's "Sanitize this image", the popup's "Clean a file...",
the options page's watched sites, and pausing a site.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.extension.actions import (
    downloaded,
    eventually,
    pick_with_chooser,
    pick_with_input,
    send_cleaned,
)
from tests.extension.browser import Browser, Dialog, Service, close_page, pointing_at
from tests.extension.conftest import Photo
from tests.extension.webserver import Site
from tests.support.exiftool import assert_clean
from tests.support.images import assert_same_pixels
from tests.support.net import free_port


def test_sanitize_this_image_downloads_a_clean_copy_named_name_clean_ext(
    browser: Browser, site: Site, photos: dict[str, Photo]
) -> None:
    original = photos["IMG_2041.jpg"]
    result = browser.call("u => self.thinktwice.sanitizeImage(u)", site.url("photos/IMG_2041.jpg"))
    assert result["filename"] == "IMG_2041.clean.jpg"
    assert result["verdict"] == "high" and result["findings"] > 0
    saved = downloaded(browser, result["downloadId"]).read_bytes()
    assert_clean(saved, ".jpg")
    assert_same_pixels(original.data, saved)


def test_sanitize_names_the_download_from_the_content_disposition(
    browser: Browser, photos: dict[str, Photo]
) -> None:
    data_url = "data:image/png;base64," + base64.b64encode(photos["beach.png"].data).decode()
    result = browser.call("u => self.thinktwice.sanitizeImage(u)", data_url)
    assert result["filename"] == "image.clean.png"
    assert_clean(downloaded(browser, result["downloadId"]).read_bytes(), ".png")


def test_the_popup_cleans_a_file_and_downloads_it(
    browser: Browser, photos: dict[str, Photo]
) -> None:
    popup = browser.extension_page("popup/popup.html")
    try:
        expect(popup.locator("#connection")).to_contain_text("Connected")
        pick_with_chooser(popup, [photos["IMG_2042.jpg"].path], "#clean-file")
        expect(popup.locator("#clean-result")).to_have_text(
            "Saved IMG_2042.clean.jpg to your downloads."
        )
        latest = browser.call(
            "async () => (await chrome.downloads.search({orderBy: ['-startTime'], limit: 1}))[0].id"
        )
        saved = downloaded(browser, latest).read_bytes()
        assert_clean(saved, ".jpg")
        assert_same_pixels(photos["IMG_2042.jpg"].data, saved)
    finally:
        close_page(popup)


def test_the_popup_shows_the_connection_and_todays_warnings(
    browser: Browser, service: Service
) -> None:
    popup = browser.extension_page("popup/popup.html")
    try:
        expect(popup.locator("#connection")).to_contain_text("Connected")
        assert "version 0.1.0" in (popup.text_content("#connection") or "")
        assert popup.text_content("#today")  # "No warnings today." or a count
    finally:
        close_page(popup)


def test_the_popup_opens_the_dashboard_as_an_extension_page(browser: Browser) -> None:
    popup = browser.extension_page("popup/popup.html")
    try:
        expect(popup.locator("#connection")).to_contain_text("Connected")
        with popup.context.expect_page() as opened:
            popup.click("#dashboard")
        dashboard = opened.value
        dashboard.wait_for_load_state()
        assert dashboard.url.startswith(f"chrome-extension://{browser.extension_id}/dashboard/")
        expect(dashboard.locator("h1")).to_have_text("Overview")  # the history, through the channel
        dashboard.close()
    finally:
        close_page(popup)


def test_the_options_page_adds_and_removes_a_watched_site(browser: Browser) -> None:
    origin = f"http://127.0.0.1:{free_port()}"
    options = browser.extension_page("options/options.html")
    try:
        options.fill("#add-origin", origin)
        options.click("#add-form button[type=submit]")
        options.wait_for_selector(f"#added li:has-text('{origin}')")
        assert origin in browser.call("() => self.thinktwice.sites()")["added"]
        registered = browser.call("() => chrome.scripting.getRegisteredContentScripts()")
        assert all(f"{origin}/*" in script["matches"] for script in registered)

        options.click(f"#added li:has-text('{origin}') button")
        options.wait_for_selector(f"#added li:has-text('{origin}')", state="detached")
        assert origin not in browser.call("() => self.thinktwice.sites()")["added"]
    finally:
        close_page(options)


def test_a_default_site_can_be_turned_off(browser: Browser) -> None:
    options = browser.extension_page("options/options.html")
    try:
        box = options.locator("#defaults input[id='site-web.whatsapp.com']")
        assert box.is_checked()
        box.uncheck()
        eventually(
            lambda: (
                "https://web.whatsapp.com/*"
                not in browser.call("() => chrome.scripting.getRegisteredContentScripts()")[0][
                    "matches"
                ]
            )
        )
        box.check()
        eventually(
            lambda: (
                "https://web.whatsapp.com/*"
                in browser.call("() => chrome.scripting.getRegisteredContentScripts()")[0][
                    "matches"
                ]
            )
        )
    finally:
        close_page(options)


def test_a_paused_site_gets_its_files_untouched(
    browser: Browser, page: Page, site: Site, photos: dict[str, Photo]
) -> None:
    options = browser.extension_page("options/options.html")
    ask = "m => chrome.runtime.sendMessage(m)"
    pause = {"type": "setPaused", "origin": site.origin, "paused": True}
    try:
        page.goto(site.url("input.html"))  # loaded while watched: asks at upload time
        assert options.evaluate(ask, pause)["ok"]
        pick_with_input(page, [photos["IMG_2041.jpg"].path])
        (received,) = site.uploads.wait(1)
        assert received.data == photos["IMG_2041.jpg"].data
        assert Dialog(page).read() is None
    finally:
        options.evaluate(ask, {**pause, "paused": False})
        close_page(options)


MESSAGES_REFUSED = {
    "an unknown type": ({"type": "steal"}, "unknown message type"),
    "a content-script type from a page": (
        {"type": "inspect", "name": "a.jpg", "mediaType": "image/jpeg", "data": ""},
        "unknown message type",
    ),
    "an extra field": ({"type": "connection", "also": 1}, 'unexpected field "also"'),
    "a setting that is not offered": (
        {"type": "setSetting", "key": "token", "value": "mine"},
        'field "key" is missing or malformed',
    ),
    "a service address (there is none to set: the browser starts the host)": (
        {"type": "setSetting", "key": "serviceUrl", "value": "http://thinktwice.example/"},
        'field "key" is missing or malformed',
    ),
    "a pairing code (nothing to pair)": ({"type": "pair", "code": "ABCD-EFGH"}, "unknown"),
    "no object at all": ("connection", "unknown message type"),
    "an inherited name as a field": ({"type": "connection", "constructor": 1}, "unexpected field"),
}


@pytest.mark.parametrize("message,reason", MESSAGES_REFUSED.values(), ids=MESSAGES_REFUSED.keys())
def test_the_worker_refuses_messages_it_does_not_know(
    browser: Browser, message: object, reason: str
) -> None:
    options = browser.extension_page("options/options.html")
    try:
        reply = options.evaluate("m => chrome.runtime.sendMessage(m)", message)
        assert reply["ok"] is False
        assert reason in reply["error"]
    finally:
        close_page(options)


CONTENT_REFUSED = {
    "change a setting": {"type": "setSetting", "key": "alwaysAsk", "value": True},
    "pair with a code": {"type": "pair", "code": "ABCD-EFGH"},
    "add a site": {"type": "addSite", "origin": "https://evil.example"},
    "read the connection": {"type": "connection"},
}


@pytest.mark.parametrize("message", CONTENT_REFUSED.values(), ids=CONTENT_REFUSED.keys())
def test_content_scripts_may_only_send_upload_messages(
    browser: Browser, page: Page, site: Site, message: dict[str, object]
) -> None:
    page.goto(site.url("input.html"))
    reply = browser.in_content_script(page, f"chrome.runtime.sendMessage({json.dumps(message)})")
    assert reply == {"ok": False, "error": f'Refused: unknown message type "{message["type"]}".'}


def test_web_pages_cannot_message_the_extension(page: Page, site: Site) -> None:
    page.goto(site.url("input.html"))
    assert page.evaluate("typeof chrome === 'undefined' || typeof chrome.runtime?.sendMessage") in (
        True,
        "undefined",
    )


def test_a_clean_copy_the_service_no_longer_keeps_is_made_again(
    browser: Browser, page: Page, site: Site, photos: dict[str, Photo], tmp_path: Path
) -> None:
    # A service that keeps no clean copy in memory (as after its few minutes are up).
    forgetful = Service(tmp_path / "data", cache_bytes=1).start()
    try:
        with pointing_at(browser, forgetful.data_dir):
            received = send_cleaned(page, site, photos["IMG_2041.jpg"].path)
            assert_clean(received.data, ".jpg")
            assert_same_pixels(photos["IMG_2041.jpg"].data, received.data)
    finally:
        forgetful.stop()
