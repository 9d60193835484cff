"""Every frame of a watched page is held: editors in frames without an address of
their own, frames from other sites, and tabs open before the site was watched.

Drops and pickers in such frames go through the table of test_interception.py
(about:srcdoc and about:blank editors, another site's frame). Here: paste into
those editors (cleaned, original, Cancel), a frame from a site the extension
holds no permission for (the person is told its photos go unchecked), and a
tab opened before its site was added (the scripts are injected into it).
A frame's dialog is shown by the top frame, whole, where the page around the
frame cannot cover it unnoticed; a watched frame in a page ThinkTwice does not
watch shows its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.extension.actions import (
    decision_recorded,
    drop_files,
    eventually,
    nothing_arrives,
    paste_png,
    pixel_near,
)
from tests.extension.browser import Browser, Dialog, Service
from tests.extension.conftest import Photo
from tests.extension.webserver import Site
from tests.support.exiftool import assert_clean
from tests.support.images import assert_same_pixels

EDITORS = ["srcdoc.html", "blank.html"]


@pytest.fixture(params=EDITORS)
def pasted_into_editor(
    request: pytest.FixtureRequest,
    browser: Browser,
    page: Page,
    site: Site,
    photos: dict[str, Photo],
) -> Dialog:
    """beach.png pasted into the editor of the page `request.param`: the dialog, open."""
    browser.call("() => self.thinktwice.setAlwaysAsk(true)")  # the clipboard left nothing to report
    page.goto(site.url(request.param))
    page.wait_for_load_state("load")
    paste_png(page, photos["beach.png"].data, "#editor", frame="#frame")
    dialog = Dialog(page)
    dialog.wait_open()
    return dialog


def test_paste_into_a_framed_editor_send_cleaned(
    page: Page, site: Site, pasted: bytes, pasted_into_editor: Dialog
) -> None:
    pasted_into_editor.press("Enter")
    (received,) = site.uploads.wait(1)
    assert_clean(received.data, ".png")
    assert_same_pixels(pasted, received.data)
    assert page.evaluate("window.received")[0]["via"] == "editor-paste"


def test_paste_into_a_framed_editor_send_original(
    site: Site, pasted: bytes, pasted_into_editor: Dialog
) -> None:
    pasted_into_editor.press("Tab", "Enter")
    (received,) = site.uploads.wait(1)
    assert received.data == pasted


def test_paste_into_a_framed_editor_cancel(
    page: Page, site: Site, pasted: bytes, pasted_into_editor: Dialog
) -> None:
    pasted_into_editor.press("Escape")
    pasted_into_editor.wait_closed()
    nothing_arrives(site)
    assert page.evaluate("window.received") == []


# --- Where a frame's dialog is shown ------------------------------------------------

HAS_DIALOG = "document.querySelector('thinktwice-dialog') !== null"


def _dropped_in_frame(page: Page, url: str, photo: Photo) -> Dialog:
    """`photo` dropped on the frame #frame of the page at `url`: the dialog, open."""
    page.goto(url)
    page.wait_for_load_state("load")
    drop_files(page, [photo.path], "#frame")
    dialog = Dialog(page)
    dialog.wait_open()
    return dialog


def test_a_photo_dropped_in_a_frame_is_asked_about_in_the_top_frame(
    page: Page, site: Site, service: Service, photos: dict[str, Photo]
) -> None:
    original = photos["IMG_2041.jpg"]
    dialog = _dropped_in_frame(page, site.url("srcdoc.html"), original)
    view = dialog.wait_open()
    assert view.name == "Think twice before sending IMG_2041.jpg"
    assert page.evaluate(HAS_DIALOG), "the top frame shows the dialog"
    assert not page.frames[1].evaluate(HAS_DIALOG), "not the editor's frame"
    eventually(dialog.preview_drawn)  # drawn from the frame's preview

    dialog.click("Send cleaned copy")  # seen whole: the click counts
    (received,) = site.uploads.wait(1)
    assert_clean(received.data, ".jpg")
    assert_same_pixels(original.data, received.data)
    assert page.evaluate("window.received")[0]["via"] == "editor-drop"
    decision_recorded(service, "sent_cleaned")
    assert not page.evaluate(HAS_DIALOG)


def test_the_page_around_a_frame_cannot_cover_the_frames_dialog(
    page: Page, site: Site, service: Service, photos: dict[str, Photo]
) -> None:
    dialog = _dropped_in_frame(page, site.url("framed-cover.html"), photos["IMG_2041.jpg"])
    x, y = dialog.centre("Send original anyway")
    page.evaluate("([x, y]) => window.coverAt(x, y)", [x, y])
    page.wait_for_timeout(400)  # the cover is drawn; the browser has seen it
    assert pixel_near(page, x, y) == (255, 0, 0), "the person sees the page's fake button"

    page.mouse.click(x, y)  # the person clicks the page's fake "safe" button
    nothing_arrives(site, wait=1.0)
    assert "Something on the page covered this dialog; click again." in dialog.wait_open().texts

    dialog.press("Escape")  # Cancel always works
    dialog.wait_closed()
    nothing_arrives(site)
    decision_recorded(service, "cancelled")


@pytest.fixture(scope="module")
def elsewhere(site: Site) -> Iterator[Site]:
    """A site the extension holds no permission for (127.0.0.2), serving the same pages."""
    other = Site(site.extra, host="127.0.0.2").start()
    yield other
    other.stop()


def _alerts(page: Page) -> list[str]:
    """The text of each alert on the page (its accessibility tree, as a screen reader)."""
    session = page.context.new_cdp_session(page)
    try:
        nodes: list[dict[str, Any]] = session.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        session.detach()
    by_id = {n["nodeId"]: n for n in nodes}
    found = []
    for node in nodes:
        if node.get("role", {}).get("value") != "alert":
            continue
        texts, stack = [], list(node.get("childIds", []))
        while stack:
            child = by_id.get(stack.pop(0))
            if child is None:
                continue
            if child.get("role", {}).get("value") == "StaticText":
                texts.append(str(child.get("name", {}).get("value", "")))
            stack.extend(child.get("childIds", []))
        found.append(" ".join(texts))
    return found


def test_a_frame_from_a_site_without_permission_is_announced_as_not_checked(
    page: Page, site: Site, elsewhere: Site
) -> None:
    page.goto(site.url(f"embed.html?from={elsewhere.origin}&page=drop.html"))
    page.wait_for_load_state("load")
    expected = (
        f"Photos sent through the part of this page from {elsewhere.origin} are not checked: "
        "ThinkTwice has no permission for that site. "
        "Add it in ThinkTwice's options to have them checked."
    )
    eventually(lambda: expected in " ".join(_alerts(page)))


def test_a_watched_frame_in_a_page_not_watched_shows_its_own_dialog(
    page: Page, site: Site, elsewhere: Site, photos: dict[str, Photo]
) -> None:
    original = photos["IMG_2041.jpg"]
    page.goto(elsewhere.url(f"embed.html?from={site.origin}&page=drop.html"))
    page.wait_for_load_state("load")
    frame = page.frames[1]
    frame.locator("#zone").wait_for()
    drop_files(page, [original.path], "#frame")
    dialog = Dialog(page)
    dialog.wait_open()
    assert frame.evaluate(HAS_DIALOG), "the frame asks itself: no script of ours is around it"
    assert not page.evaluate(HAS_DIALOG)
    dialog.press("Enter")
    (received,) = site.uploads.wait(1)
    assert_clean(received.data, ".jpg")
    assert_same_pixels(original.data, received.data)


@pytest.fixture
def localhost(browser: Browser, site: Site) -> Iterator[str]:
    """This site under the name localhost (another origin), watched only for the test."""
    origin = site.origin.replace("127.0.0.1", "localhost")
    yield origin
    browser.call("o => self.thinktwice.removeWatchedSite(o)", origin)


def test_a_tab_open_before_its_site_is_watched_is_held_once_it_is(
    browser: Browser, page: Page, site: Site, photos: dict[str, Photo], localhost: str
) -> None:
    original = photos["IMG_2041.jpg"]
    page.goto(f"{localhost}/drop.html")
    page.wait_for_load_state("load")
    browser.call("o => self.thinktwice.addWatchedSite(o)", localhost)
    drop_files(page, [original.path], "#zone")
    dialog = Dialog(page)
    dialog.wait_open()
    dialog.press("Enter")
    (received,) = site.uploads.wait(1)
    assert_clean(received.data, ".jpg")
    assert_same_pixels(original.data, received.data)
