"""Every way a page can receive a photo is held until the person decides.

For each path (visible input, detached input, drag-and-drop, paste, a frame,
real upload widgets from npm) and each answer: "Send cleaned copy" gives the site
bytes that exiftool finds clean and that decode to the original pixels; "Send
original anyway" gives it the very same bytes; Cancel (Escape) gives it
nothing, and the page's own handlers never run.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page

import thinktwice
from tests.extension.actions import (
    decision_recorded,
    drop_files,
    nothing_arrives,
    paste_png,
    pick_with_chooser,
    pick_with_input,
    uploads_by_name,
)
from tests.extension.browser import Browser, Dialog, Service, pointing_at
from tests.extension.conftest import Photo
from tests.extension.webserver import Site
from tests.formats.jpeg.hdr_samples import ultra_hdr
from tests.support.exiftool import assert_clean
from tests.support.images import assert_same_pixels


@dataclass(frozen=True)
class Path_:
    """An upload path: the page, and how the person hands it files."""

    page: str
    give: Callable[[Page, list[Photo]], None]
    framed: bool = False

    def received(self, page: Page) -> list[dict[str, object]]:
        """What the page's own handlers were given (site.js keeps a record)."""
        frame = page.frames[1] if self.framed else page.main_frame
        return frame.evaluate("window.received")  # type: ignore[no-any-return]


def _input(page: Page, files: list[Photo]) -> None:
    pick_with_input(page, [f.path for f in files])


def _frame(page: Page, files: list[Photo]) -> None:
    frame = page.frame_locator("#frame").locator("#file")
    frame.set_input_files([str(f.path) for f in files])


def _shadow_input(page: Page, files: list[Photo]) -> None:
    page.locator("#open #file").set_input_files([str(f.path) for f in files])


def _chooser(opener: str) -> Callable[[Page, list[Photo]], None]:
    return lambda page, files: pick_with_chooser(page, [f.path for f in files], opener)


def _drop(target: str) -> Callable[[Page, list[Photo]], None]:
    return lambda page, files: drop_files(page, [f.path for f in files], target)


PATHS = {
    "visible input": Path_("input.html", _input),
    "detached input": Path_("detached.html", _chooser("#pick")),
    "drag and drop": Path_("drop.html", _drop("#zone")),
    "iframe": Path_("iframe.html", _frame, framed=True),
    "input in an open shadow root": Path_("shadow.html", _shadow_input),
    "input in a closed shadow root": Path_("shadow.html", _chooser("#closed")),
    "Dropzone picker": Path_("dropzone.html", _chooser("#zone")),
    "Dropzone drop": Path_("dropzone.html", _drop("#zone")),
    "react-dropzone picker": Path_("react-dropzone.html", _chooser("#zone")),
    "react-dropzone drop": Path_("react-dropzone.html", _drop("#zone")),
    "another site's frame, input": Path_("embed.html?page=input.html", _frame, True),
    "another site's frame, drop": Path_("embed.html?page=drop.html", _drop("#frame"), True),
    "editor in an about:srcdoc frame, drop": Path_("srcdoc.html", _drop("#frame")),
    "editor in an about:blank frame, drop": Path_("blank.html", _drop("#frame")),
    "editor written into about:blank, drop": Path_("blank-written.html", _drop("#frame")),
    "input opened with HTMLElement.prototype.click": Path_("pickers.html", _chooser("#proto")),
    "input opened with a dispatched click": Path_("pickers.html", _chooser("#dispatch")),
    "input in a closed shadow root, clicked itself": Path_("pickers.html", _chooser("#closed")),
    "input in a declarative closed root": Path_("pickers.html", _chooser("#declarative")),
    "drop read as entries (webkitGetAsEntry)": Path_("entries.html", _drop("#entries")),
    "drop read as handles (getAsFileSystemHandle)": Path_("entries.html", _drop("#handles")),
}


def _open(page: Page, site: Site, path: Path_) -> None:
    page.goto(site.url(path.page))
    page.wait_for_load_state("load")


@pytest.mark.parametrize("path", PATHS.values(), ids=PATHS.keys())
def test_send_cleaned_gives_the_site_clean_bytes_with_the_original_pixels(
    page: Page, site: Site, service: Service, photos: dict[str, Photo], path: Path_
) -> None:
    original = photos["IMG_2041.jpg"]
    _open(page, site, path)
    path.give(page, [original])
    dialog = Dialog(page)
    view = dialog.wait_open()
    assert view.name == "Think twice before sending IMG_2041.jpg"
    assert "It shows where it was taken: in Vanves, Île-de-France, France (GPS)." in view.texts
    assert view.focused == "Send cleaned copy"
    dialog.press("Enter")

    (received,) = site.uploads.wait(1)
    assert received.filename == "IMG_2041.jpg"
    assert received.content_type == "image/jpeg"
    assert received.data != original.data
    assert_clean(received.data, ".jpg")
    assert_same_pixels(original.data, received.data)
    decision_recorded(service, "sent_cleaned")


@pytest.mark.parametrize("path", PATHS.values(), ids=PATHS.keys())
def test_send_original_gives_the_site_the_identical_bytes(
    page: Page, site: Site, service: Service, photos: dict[str, Photo], path: Path_
) -> None:
    original = photos["IMG_2041.jpg"]
    _open(page, site, path)
    path.give(page, [original])
    dialog = Dialog(page)
    dialog.wait_open()
    dialog.press("Tab", "Enter")  # from "Send cleaned copy" to "Send original anyway"

    (received,) = site.uploads.wait(1)
    assert (received.filename, received.content_type) == ("IMG_2041.jpg", "image/jpeg")
    assert received.data == original.data
    decision_recorded(service, "sent_original")


@pytest.mark.parametrize("path", PATHS.values(), ids=PATHS.keys())
def test_cancel_gives_the_site_nothing(
    page: Page, site: Site, service: Service, photos: dict[str, Photo], path: Path_
) -> None:
    _open(page, site, path)
    path.give(page, [photos["IMG_2041.jpg"]])
    dialog = Dialog(page)
    dialog.wait_open()
    dialog.press("Escape")
    dialog.wait_closed()

    nothing_arrives(site)
    assert path.received(page) == []
    decision_recorded(service, "cancelled")


def test_several_images_get_one_dialog_listing_each(
    page: Page, site: Site, service: Service, photos: dict[str, Photo]
) -> None:
    chosen = [photos["IMG_2041.jpg"], photos["IMG_2042.jpg"], photos["beach.png"]]
    _open(page, site, PATHS["detached input"])
    PATHS["detached input"].give(page, chosen)
    dialog = Dialog(page)
    view = dialog.wait_open()
    assert view.name == "Think twice before sending these 3 photos"
    assert [t for t in view.texts if t in {p.name for p in chosen}] == [p.name for p in chosen]
    assert view.buttons == ["Send cleaned copies", "Send originals anyway", "Cancel"]
    dialog.press("Enter")

    received = uploads_by_name(site.uploads.wait(3))
    assert sorted(received) == sorted(p.name for p in chosen)
    for chosen_photo in chosen:
        got = received[chosen_photo.name]
        assert_clean(got.data, chosen_photo.path.suffix)
        assert_same_pixels(chosen_photo.data, got.data)
    decision_recorded(service, "sent_cleaned", count=3)
    assert PATHS["detached input"].received(page)[0]["names"] == [p.name for p in chosen]


def test_the_page_finds_no_trace_of_the_extensions_vocabulary(page: Page, site: Site) -> None:
    # page-hook.js read it in the page's world before any page script, then removed it.
    _open(page, site, PATHS["detached input"])
    assert page.evaluate("'thinkTwiceVocabulary' in globalThis") is False


def test_a_non_image_passes_untouched_without_a_dialog(
    page: Page, site: Site, photos: dict[str, Photo]
) -> None:
    notes = photos["notes.txt"]
    _open(page, site, PATHS["visible input"])
    pick_with_input(page, [notes.path])

    (received,) = site.uploads.wait(1)
    assert (received.filename, received.data) == ("notes.txt", notes.data)
    assert Dialog(page).read() is None


def test_non_images_in_a_mixed_selection_pass_untouched_in_their_place(
    page: Page, site: Site, photos: dict[str, Photo]
) -> None:
    chosen = [photos["notes.txt"], photos["IMG_2041.jpg"]]
    _open(page, site, PATHS["detached input"])
    PATHS["detached input"].give(page, chosen)
    dialog = Dialog(page)
    view = dialog.wait_open()
    assert view.name == "Think twice before sending IMG_2041.jpg"  # only the image is listed
    dialog.press("Enter")

    received = site.uploads.wait(2)
    assert [u.filename for u in received] == ["notes.txt", "IMG_2041.jpg"]
    assert received[0].data == photos["notes.txt"].data
    assert_clean(received[1].data, ".jpg")


def test_an_image_with_nothing_to_report_is_sent_cleaned_without_a_dialog(
    page: Page, site: Site, service: Service, photos: dict[str, Photo]
) -> None:
    plain = photos["plain.png"]
    _open(page, site, PATHS["detached input"])
    PATHS["detached input"].give(page, [plain])

    (received,) = site.uploads.wait(1)
    assert Dialog(page).read() is None
    assert_clean(received.data, ".png")
    assert_same_pixels(plain.data, received.data)
    decision_recorded(service, "sent_cleaned")


def test_an_hdr_photo_with_nothing_else_to_report_is_sent_without_a_dialog(
    page: Page, site: Site, service: Service, tmp_path: Path
) -> None:
    # Already cleaned: all that is left to say is "It keeps its HDR look", which reassures.
    hdr = tmp_path / "PXL_0417.jpg"
    hdr.write_bytes(thinktwice.clean(ultra_hdr()))
    assert [f.severity.label for f in thinktwice.inspect(hdr.read_bytes()).findings] == ["info"]
    _open(page, site, PATHS["detached input"])
    PATHS["detached input"].give(page, [Photo(hdr, hdr.read_bytes())])

    (received,) = site.uploads.wait(1)
    assert Dialog(page).read() is None
    with Image.open(io.BytesIO(received.data)) as sent:
        assert getattr(sent, "n_frames", 1) == 2  # the gain map went along
    decision_recorded(service, "sent_cleaned")


def test_always_ask_shows_the_dialog_for_an_image_with_nothing_to_report(
    browser: Browser, page: Page, site: Site, photos: dict[str, Photo]
) -> None:
    browser.call("() => self.thinktwice.setAlwaysAsk(true)")
    _open(page, site, PATHS["detached input"])
    PATHS["detached input"].give(page, [photos["plain.png"]])
    dialog = Dialog(page)
    view = dialog.wait_open()
    assert "Nothing identifying was found" in view.description
    dialog.press("Enter")
    site.uploads.wait(1)


@pytest.mark.parametrize("path", PATHS.values(), ids=PATHS.keys())
def test_without_the_service_the_dialog_says_not_checked_and_can_send_the_original(
    browser: Browser,
    page: Page,
    site: Site,
    photos: dict[str, Photo],
    path: Path_,
    tmp_path: Path,
) -> None:
    original = photos["IMG_2041.jpg"]
    with pointing_at(browser, tmp_path / "stopped"):  # no service, and the host may not start one
        _open(page, site, path)
        path.give(page, [original])
        dialog = Dialog(page)
        view = dialog.wait_open()
        assert view.name == "This photo was not checked"
        assert view.buttons == ["Cancel", "Send original anyway"]
        assert view.focused == "Cancel"
        assert any("the ThinkTwice service could not be started" in t for t in view.texts)
        assert path.received(page) == []
        dialog.press("Tab", "Enter")

        (received,) = site.uploads.wait(1)
        assert received.data == original.data


def _paste(browser: Browser, page: Page, site: Site, photos: dict[str, Photo]) -> Dialog:
    browser.call("() => self.thinktwice.setAlwaysAsk(true)")  # the clipboard left nothing to report
    page.goto(site.url("paste.html"))
    paste_png(page, photos["beach.png"].data, "#box")
    dialog = Dialog(page)
    dialog.wait_open()
    return dialog


def test_paste_send_cleaned(
    browser: Browser, page: Page, site: Site, photos: dict[str, Photo], pasted: bytes
) -> None:
    _paste(browser, page, site, photos).press("Enter")
    (received,) = site.uploads.wait(1)
    assert received.filename == "image.png"
    assert_clean(received.data, ".png")
    assert_same_pixels(pasted, received.data)


def test_paste_send_original(
    browser: Browser, page: Page, site: Site, photos: dict[str, Photo], pasted: bytes
) -> None:
    _paste(browser, page, site, photos).press("Tab", "Enter")
    (received,) = site.uploads.wait(1)
    assert received.data == pasted


def test_paste_cancel(
    browser: Browser, page: Page, site: Site, photos: dict[str, Photo], pasted: bytes
) -> None:
    dialog = _paste(browser, page, site, photos)
    dialog.press("Escape")
    dialog.wait_closed()
    nothing_arrives(site)
    assert page.evaluate("window.received") == []


def test_paste_without_the_service_says_not_checked(
    browser: Browser,
    page: Page,
    site: Site,
    photos: dict[str, Photo],
    pasted: bytes,
    tmp_path: Path,
) -> None:
    with pointing_at(browser, tmp_path / "stopped"):
        page.goto(site.url("paste.html"))
        paste_png(page, photos["beach.png"].data, "#box")
        dialog = Dialog(page)
        assert dialog.wait_open().name == "This photo was not checked"
        dialog.press("Tab", "Enter")
        (received,) = site.uploads.wait(1)
        assert received.data == pasted
