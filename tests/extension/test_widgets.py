"""Real upload libraries from npm, used as sites use them, hold every photo.

Each page (tests/extension/pages/) is built with one library and uploads to the
site's /upload as that library does. For every way the library takes a photo
(its picker, opened with a click or from the keyboard, a drop, a paste): "Send
cleaned copy" gives the site bytes exiftool finds clean with the original's
pixels, "Send original anyway" the very same bytes (each pressed with the
keyboard and clicked with the mouse), Cancel (Escape) nothing.
A pasted photo is what Chromium's clipboard made of beach.png (the `pasted`
fixture); it has nothing to report, so those tests ask the extension to always ask.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page

from tests.extension.actions import (
    decision_recorded,
    drop_files,
    nothing_arrives,
    paste_png,
    pick_with_chooser,
)
from tests.extension.browser import Browser, Dialog, Service
from tests.extension.conftest import Photo
from tests.extension.webserver import Site
from tests.support.exiftool import assert_clean
from tests.support.images import assert_same_pixels


@dataclass(frozen=True)
class Way:
    """A library's page, and how the person hands it a photo there: clicking
    `target` and picking it, dropping it on `target`, or pasting into `target`."""

    page: str
    kind: str  # "picker", "keyboard picker" (focus `target`, press Enter), "drop" or "paste"
    target: str
    ready: str = "true"  # what holds once the library is set up (its frame, its handlers)


TINYMCE_READY = "window.tinymce?.activeEditor?.initialized === true"
WAYS = {
    "Uppy Dashboard picker": Way("uppy-dashboard.html", "picker", ".uppy-Dashboard-browse"),
    "Uppy Dashboard drop": Way("uppy-dashboard.html", "drop", ".uppy-Dashboard-inner"),
    "Uppy Dashboard paste": Way("uppy-dashboard.html", "paste", ".uppy-Dashboard-browse"),
    "Uppy Dashboard picker from the keyboard": Way(
        "uppy-dashboard.html", "keyboard picker", ".uppy-Dashboard-browse"
    ),
    "Uppy DragDrop picker": Way("uppy-drag-drop.html", "picker", ".uppy-DragDrop-browse"),
    "Uppy DragDrop drop": Way("uppy-drag-drop.html", "drop", ".uppy-DragDrop-container"),
    "FilePond picker": Way("filepond.html", "picker", ".filepond--label-action"),
    "FilePond drop": Way("filepond.html", "drop", ".filepond--drop-label"),
    "FilePond paste": Way("filepond.html", "paste", "body"),
    "jQuery File Upload picker": Way("blueimp.html", "picker", "#file"),
    "jQuery File Upload paste": Way("blueimp.html", "paste", "body"),
    "jQuery File Upload drop": Way("blueimp.html", "drop", "#zone"),
    "Resumable.js picker": Way("resumable.html", "picker", "#pick"),
    "Resumable.js drop": Way("resumable.html", "drop", "#zone"),
    "Quill toolbar image": Way("quill.html", "picker", ".ql-image"),
    "Quill drop": Way("quill.html", "drop", ".ql-editor"),
    "Quill paste": Way("quill.html", "paste", ".ql-editor"),
    "chatscope attach button": Way("chatscope.html", "picker", ".cs-button--attachment"),
    "chatscope drop": Way("chatscope.html", "drop", ".cs-message-list"),
    "chatscope paste": Way("chatscope.html", "paste", ".cs-message-input__content-editor"),
    # TinyMCE adds its frame before its drop handler: wait for the editor, not the frame.
    "TinyMCE drop": Way("tinymce.html", "drop", "#editor_ifr", TINYMCE_READY),
    "TinyMCE paste": Way(
        "tinymce.html",
        "paste",
        "#editor_ifr >> internal:control=enter-frame >> #tinymce",
        TINYMCE_READY,
    ),
}

# The buttons' names, and the keys that press each from the dialog's first focus.
KEYS = {
    "Send cleaned copy": ("Enter",),
    "Send original anyway": ("Tab", "Enter"),
    "Cancel": ("Escape",),
}


@dataclass(frozen=True)
class Given:
    """The photo as the person gave it, and the page's dialog asking about it."""

    filename: str
    data: bytes
    dialog: Dialog


Give = Callable[[Way], Given]


@pytest.fixture
def give(browser: Browser, page: Page, site: Site, photos: dict[str, Photo], pasted: bytes) -> Give:
    """Open the way's page and give it the photo; the dialog, once it asks."""

    def given(way: Way) -> Given:
        page.goto(site.url(way.page))
        page.wait_for_load_state("load")
        page.locator(way.target).first.wait_for()
        page.wait_for_function(way.ready)
        original = photos["IMG_2041.jpg"]
        if way.kind == "picker":
            pick_with_chooser(page, [original.path], way.target)
        elif way.kind == "keyboard picker":  # the library's own element has the focus
            with page.expect_file_chooser() as chooser:
                page.focus(way.target)
                page.keyboard.press("Enter")
            chooser.value.set_files([str(original.path)])
        elif way.kind == "drop":
            drop_files(page, [original.path], way.target)
        else:
            browser.call("() => self.thinktwice.setAlwaysAsk(true)")
            paste_png(page, photos["beach.png"].data, way.target)
            dialog = Dialog(page)
            dialog.wait_open()
            return Given("image.png", pasted, dialog)
        dialog = Dialog(page)
        view = dialog.wait_open()
        assert view.name == "Think twice before sending IMG_2041.jpg"
        assert "It shows where it was taken: in Vanves, Île-de-France, France (GPS)." in view.texts
        return Given(original.name, original.data, dialog)

    return given


def answer(dialog: Dialog, button: str, using: str) -> None:
    dialog.wait_focus("Send cleaned copy")
    if using == "keyboard":
        dialog.press(*KEYS[button])
    else:
        dialog.click(button)


@pytest.mark.parametrize("using", ["keyboard", "mouse"])
@pytest.mark.parametrize("way", WAYS.values(), ids=WAYS.keys())
def test_send_cleaned_gives_the_site_clean_bytes_with_the_original_pixels(
    give: Give, service: Service, site: Site, way: Way, using: str
) -> None:
    given = give(way)
    answer(given.dialog, "Send cleaned copy", using)

    (received,) = site.uploads.wait(1)
    assert received.filename == given.filename
    assert received.data != given.data or given.filename == "image.png"  # the clipboard's is clean
    assert_clean(received.data, "." + given.filename.rsplit(".", 1)[1])
    assert_same_pixels(given.data, received.data)
    decision_recorded(service, "sent_cleaned")


@pytest.mark.parametrize("using", ["keyboard", "mouse"])
@pytest.mark.parametrize("way", WAYS.values(), ids=WAYS.keys())
def test_send_original_gives_the_site_the_identical_bytes(
    give: Give, service: Service, site: Site, way: Way, using: str
) -> None:
    given = give(way)
    answer(given.dialog, "Send original anyway", using)

    (received,) = site.uploads.wait(1)
    assert received.filename == given.filename
    assert received.data == given.data
    decision_recorded(service, "sent_original")


@pytest.mark.parametrize("way", WAYS.values(), ids=WAYS.keys())
def test_cancel_gives_the_site_nothing(
    give: Give, page: Page, service: Service, site: Site, way: Way
) -> None:
    given = give(way)
    answer(given.dialog, "Cancel", "keyboard")  # Escape
    given.dialog.wait_closed()

    nothing_arrives(site)
    assert page.evaluate("window.received") == []
    decision_recorded(service, "cancelled")
