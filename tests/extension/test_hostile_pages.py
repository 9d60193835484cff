"""Pages that attack the decision itself: they cover the dialog with a fake one, poison
the prototypes the extension might use, or replay the events that carry the files.

None of them gets the original unless the person chose to send it, nor a decision
the person did not make. The bytes are checked where the page sends them: its own
upload endpoint (/upload), and /stolen for whatever its traps caught.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.extension.actions import (
    decision_recorded,
    drop_files,
    nothing_arrives,
    pick_with_chooser,
    pick_with_input,
    pixel_near,
)
from tests.extension.browser import Dialog, Service
from tests.extension.conftest import Photo
from tests.extension.webserver import Site, Upload
from tests.support.exiftool import assert_clean
from tests.support.images import assert_same_pixels

COVERED = "Something on the page covered this dialog; click again."
FAKE_RED = (255, 0, 0)


def _history_head(service: Service) -> str | None:
    items = service.history()
    return str(items[0]["id"]) if items else None


def _no_new_decision(service: Service, before: str | None) -> None:
    items = service.history()
    fresh = []
    for item in items:
        if str(item["id"]) == before:
            break
        fresh.append(item)
    assert all(i["decision"] is None for i in fresh), f"a decision was recorded: {fresh}"


def _open_covered(page: Page, site: Site, photo: Photo, *, where: str) -> Dialog:
    """The cover page's dialog for `photo`, then the page's cover over it, shown from
    `where`: the document, the page's own closed shadow root, or a "late shadow root"
    attached only then (which no event or mutation reveals)."""
    page.goto(site.url("cover.html"))
    pick_with_input(page, [photo.path])
    dialog = Dialog(page)
    dialog.wait_open()
    x, y = dialog.centre("Send original anyway")
    page.evaluate("([x, y, where]) => window.coverAt(x, y, { where })", [x, y, where])
    page.wait_for_timeout(400)  # the cover is drawn; the browser has seen it
    return dialog


# --- A page that covers the dialog with its own ------------------------------------


def test_a_click_through_a_page_cover_presses_nothing_and_the_dialog_says_why(
    page: Page, site: Site, service: Service, photos: dict[str, Photo]
) -> None:
    before = _history_head(service)
    dialog = _open_covered(page, site, photos["IMG_2041.jpg"], where="late shadow root")
    x, y = dialog.centre("Send original anyway")
    assert pixel_near(page, x, y) == FAKE_RED, "the page's fake button is what the person sees"

    page.mouse.click(x, y)  # the person clicks the fake "Send cleaned copy (safe)"

    nothing_arrives(site, wait=1.0)
    view = dialog.wait_for(COVERED)
    assert view.buttons[:2] == ["Send cleaned copy", "Send original anyway"]
    _no_new_decision(service, before)

    page.evaluate("window.uncover()")
    page.wait_for_timeout(400)
    dialog.click("Send cleaned copy")  # the real dialog, seen: this click counts
    (received,) = site.uploads.wait(1)
    assert_clean(received.data, ".jpg")
    assert_same_pixels(photos["IMG_2041.jpg"].data, received.data)
    decision_recorded(service, "sent_cleaned")


@pytest.mark.parametrize("where", ["document", "shadow root"])
def test_a_page_popover_shown_over_the_dialog_is_put_back_under_it(
    page: Page, site: Site, service: Service, photos: dict[str, Photo], where: str
) -> None:
    original = photos["beach.png"]
    dialog = _open_covered(page, site, original, where=where)
    x, y = dialog.centre("Send original anyway")
    assert pixel_near(page, x, y) != FAKE_RED, "the page's cover stayed above the dialog"
    dialog.click("Send original anyway")  # what the person sees is the real button
    (received,) = site.uploads.wait(1)
    assert received.data == original.data
    decision_recorded(service, "sent_original")


def test_escape_cancels_even_under_a_cover(
    page: Page, site: Site, photos: dict[str, Photo]
) -> None:
    dialog = _open_covered(page, site, photos["IMG_2041.jpg"], where="late shadow root")
    dialog.press("Escape")
    dialog.wait_closed()
    nothing_arrives(site)


# --- A page that plants getters and wrappers on the prototypes ---------------------


def _choose(page: Page, path: str, photo: Photo) -> None:
    if path == "input":
        pick_with_input(page, [photo.path])
    elif path == "detached":
        pick_with_chooser(page, [photo.path], "#pick")
    elif path == "listening first":
        pick_with_chooser(page, [photo.path], "#pick-early")
    else:
        drop_files(page, [photo.path], "#zone")


def _poisoned_dialog(page: Page, site: Site, path: str, photo: Photo) -> Dialog:
    """The dialog for `photo`, chosen by `path` on the page that poisoned its prototypes."""
    page.goto(site.url("poison.html"))
    _choose(page, path, photo)
    dialog = Dialog(page)
    dialog.wait_open()
    return dialog


def _stolen(page: Page, site: Site) -> list[Upload]:
    """What the page's traps caught, posted by the page to /stolen."""
    page.evaluate("window.report()")
    return [u for u in site.uploads.snapshot() if u.path == "/stolen"]


@pytest.mark.parametrize("path", ["input", "detached", "listening first", "drop"])
def test_poisoned_prototypes_never_catch_the_original_and_cancel_gives_nothing(
    page: Page, site: Site, photos: dict[str, Photo], path: str
) -> None:
    original = photos["IMG_2041.jpg"]
    dialog = _poisoned_dialog(page, site, path, original)
    page.wait_for_timeout(300)
    assert not any(u.data == original.data for u in _stolen(page, site)), "caught while held"

    dialog.press("Escape")
    dialog.wait_closed()
    page.wait_for_timeout(500)
    stolen = _stolen(page, site)
    assert not any(u.data == original.data for u in stolen), "the page caught the original"
    assert [u for u in site.uploads.snapshot() if u.path == "/upload"] == []
    assert page.evaluate("window.received") == []


@pytest.mark.parametrize("path", ["input", "detached", "listening first", "drop"])
def test_poisoned_prototypes_get_only_the_cleaned_copy_when_it_is_chosen(
    page: Page, site: Site, photos: dict[str, Photo], path: str
) -> None:
    original = photos["IMG_2041.jpg"]
    dialog = _poisoned_dialog(page, site, path, original)
    dialog.wait_focus("Send cleaned copy")
    dialog.press("Enter")
    (received,) = site.uploads.wait(1)
    assert received.path == "/upload"
    assert_clean(received.data, ".jpg")
    assert_same_pixels(original.data, received.data)
    assert not any(u.data == original.data for u in _stolen(page, site))


# --- A page that replays the events -------------------------------------------------


@pytest.mark.parametrize("path", ["input", "drop"])
def test_replayed_events_carry_only_what_the_person_chose(
    page: Page, site: Site, service: Service, photos: dict[str, Photo], path: str
) -> None:
    original = photos["IMG_2041.jpg"]
    page.goto(site.url("replay.html"))
    _choose(page, path, original)
    dialog = Dialog(page)
    dialog.wait_focus("Send cleaned copy")
    dialog.press("Enter")
    dialog.wait_closed()
    site.uploads.wait(1)
    page.wait_for_timeout(2000)  # the page's later replays
    uploads = site.uploads.snapshot()
    assert uploads, "the chosen copy did not arrive"
    for upload in uploads:
        assert upload.data != original.data
        assert_clean(upload.data, ".jpg")
    assert Dialog(page).read() is None, "a replay opened the dialog again"
    decision_recorded(service, "sent_cleaned")
    assert page.evaluate("window.replays") > 0


@pytest.mark.parametrize("path", ["input", "drop"])
def test_replayed_events_after_cancel_carry_nothing(
    page: Page, site: Site, photos: dict[str, Photo], path: str
) -> None:
    page.goto(site.url("replay.html"))
    _choose(page, path, photos["IMG_2041.jpg"])
    dialog = Dialog(page)
    dialog.wait_open()
    dialog.press("Escape")
    dialog.wait_closed()
    nothing_arrives(site, wait=2.0)
    assert Dialog(page).read() is None


# --- A widget that keeps the keyboard to itself -------------------------------------


def test_enter_sends_the_cleaned_copy_whatever_the_page_did_with_the_focus(
    page: Page, site: Site, photos: dict[str, Photo]
) -> None:
    original = photos["IMG_2041.jpg"]
    page.goto(site.url("focused-widget.html"))
    pick_with_chooser(page, [original.path], "#widget")
    dialog = Dialog(page)
    dialog.wait_focus("Send cleaned copy")
    dialog.press("Enter")
    (received,) = site.uploads.wait(1)
    assert_clean(received.data, ".jpg")
    assert_same_pixels(original.data, received.data)
    seen = page.evaluate("window.keysSeen")
    assert not any(k.endswith(":Enter") for k in seen), f"the page saw the dialog's keys: {seen}"
