"""A page re-given held files sees them as it would have seen the person's own.

The bytes for each picker and drop path (cleaned, original, Cancel, not checked)
are checked in test_interception.py; this says what the page's code finds on
the way: a drop re-delivered by the extension has the entries and handles that
uploaders walking folders read, and a wrapped picker still fails as the
browser's own does when the person dismisses it.
"""

from __future__ import annotations

from playwright.sync_api import Page

from tests.extension.actions import drop_files, eventually
from tests.extension.browser import Dialog
from tests.extension.conftest import Photo
from tests.extension.webserver import Site
from tests.support.exiftool import assert_clean


def _drop_and_send_cleaned(page: Page, site: Site, photo: Photo, zone: str) -> None:
    page.goto(site.url("entries.html"))
    drop_files(page, [photo.path], zone)
    dialog = Dialog(page)
    dialog.wait_open()
    dialog.press("Enter")
    (received,) = site.uploads.wait(1)
    assert received.filename == photo.name
    assert_clean(received.data, ".jpg")


def test_a_redelivered_drop_has_a_file_entry_for_each_file(
    page: Page, site: Site, photos: dict[str, Photo]
) -> None:
    photo = photos["IMG_2041.jpg"]
    _drop_and_send_cleaned(page, site, photo, "#entries")
    assert page.evaluate("window.seen") == {
        "types": ["Files"],
        "files": 1,
        "entries": [[True, False, photo.name, f"/{photo.name}", "[object FileSystemFileEntry]"]],
    }


def test_a_redelivered_drop_has_a_file_handle_for_each_file(
    page: Page, site: Site, photos: dict[str, Photo]
) -> None:
    photo = photos["IMG_2041.jpg"]
    _drop_and_send_cleaned(page, site, photo, "#handles")
    assert page.evaluate("window.seen") == {"handles": [["file", photo.name]]}


def test_a_dismissed_open_file_picker_rejects_as_the_browsers_own(page: Page, site: Site) -> None:
    # Chromium's DevTools protocol cannot choose files in showOpenFilePicker() (only in
    # <input type=file>), so this checks what it can: the wrapper passes a dismissal on.
    page.goto(site.url("pickers.html"))
    session = page.context.new_cdp_session(page)
    try:
        session.send("Page.enable")
        session.send("Page.setInterceptFileChooserDialog", {"enabled": True, "cancel": True})
        page.click("#fsa")
        eventually(lambda: page.evaluate("window.pickerError"))
    finally:
        session.detach()
    assert page.evaluate("window.pickerError") == "AbortError"
    assert page.evaluate("String(showOpenFilePicker).includes('native code')") is False
