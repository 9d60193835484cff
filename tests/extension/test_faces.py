"""Faces and intimate images in the dialog.

"Send with face hidden" appears when the service finds a face, and gives the
site the clean copy with the face covered: clean, the same size, changed inside
the face box, untouched far from it, recorded as `sent_faces_hidden`. With several
photos only those that show a face are covered; the others are sent cleaned.

"Is someone pressuring you to send this?" appears for intimate content. No
fixture can hold real nudity, so those tests render a given report with the
dialog module the real path uses (`thinkTwiceDialog.create().ask(items)`, in the
extension's isolated world); the rest runs against the real service.
"""

from __future__ import annotations

import json
import re

import pytest
from PIL import Image
from playwright.sync_api import Page

from tests.extension.actions import decision_recorded, eventually, pick_with_input, uploads_by_name
from tests.extension.browser import EXTENSION, ROOT, Browser, Dialog, Service, close_page
from tests.extension.conftest import Photo
from tests.extension.webserver import Site
from tests.support.exiftool import assert_clean
from tests.support.images import assert_same_pixels
from tests.vision.build import ASTRONAUT_FACE, astronaut, decoded, png

ARTIFACTS = ROOT / "artifacts"
PRESSURE = "Is someone pressuring you to send this?"
FACE_HIDDEN = "Send with face hidden"
CORNER = (448, 448, 512, 512)  # bottom right of the 512x512 astronaut, far from her face


@pytest.fixture(scope="module")
def astronaut_photo(tmp_path_factory: pytest.TempPathFactory) -> Photo:
    """scikit-image's astronaut (a real photograph, one face), as a PNG: pixels compare exactly."""
    path = tmp_path_factory.mktemp("faces") / "astronaut.png"
    path.write_bytes(png(astronaut()))
    return Photo(path, path.read_bytes())


def _face_box() -> tuple[int, int, int, int]:
    x, y, w, h = ASTRONAUT_FACE
    return (x, y, x + w, y + h)


def _region(image: Image.Image, box: tuple[int, int, int, int]) -> bytes:
    return image.convert("RGB").crop(box).tobytes()


def _assert_face_covered(original: bytes, received: bytes) -> None:
    before, after = decoded(original), decoded(received)
    assert after.size == before.size
    assert _region(after, _face_box()) != _region(before, _face_box())
    face_colours = after.convert("RGB").crop(_face_box()).getcolors()
    assert face_colours is not None and len(face_colours) == 1, "the face is not one opaque fill"
    assert _region(after, CORNER) == _region(before, CORNER)


def test_a_photo_with_a_face_offers_send_with_face_hidden_which_covers_it(
    page: Page, site: Site, service: Service, astronaut_photo: Photo
) -> None:
    page.goto(site.url("input.html"))
    pick_with_input(page, [astronaut_photo.path])
    dialog = Dialog(page)
    view = dialog.wait_open()
    assert view.buttons == ["Send cleaned copy", FACE_HIDDEN, "Send original anyway", "Cancel"]
    assert view.focused == "Send cleaned copy"
    assert PRESSURE not in view.links  # a face alone (a profile photo) is not intimate
    page.wait_for_timeout(300)  # the thumbnail is drawn after the dialog opens
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "extension-dialog-face.png")
    dialog.click(FACE_HIDDEN)

    (received,) = site.uploads.wait(1)
    assert (received.filename, received.content_type) == ("astronaut.png", "image/png")
    assert_clean(received.data, ".png")
    _assert_face_covered(astronaut_photo.data, received.data)
    decision_recorded(service, "sent_faces_hidden")


def test_a_photo_without_a_face_has_no_face_button(
    page: Page, site: Site, photos: dict[str, Photo]
) -> None:
    page.goto(site.url("input.html"))
    pick_with_input(page, [photos["IMG_2041.jpg"].path])
    dialog = Dialog(page)
    view = dialog.wait_open()
    assert view.buttons == ["Send cleaned copy", "Send original anyway", "Cancel"]
    assert view.links == []
    dialog.press("Escape")
    dialog.wait_closed()


def test_several_photos_cover_the_faces_and_send_the_others_cleaned(
    page: Page, site: Site, service: Service, photos: dict[str, Photo], astronaut_photo: Photo
) -> None:
    other = photos["IMG_2041.jpg"]
    page.goto(site.url("input.html"))
    pick_with_input(page, [astronaut_photo.path, other.path])
    dialog = Dialog(page)
    view = dialog.wait_open()
    assert "Send with faces hidden" in view.buttons
    assert view.focused == "Send cleaned copies"
    assert any("covers the faces in the photos that show one (1 of 2)" in t for t in view.texts)
    dialog.click("Send with faces hidden")

    received = uploads_by_name(site.uploads.wait(2))
    _assert_face_covered(astronaut_photo.data, received["astronaut.png"].data)
    assert_clean(received[other.name].data, ".jpg")
    assert_same_pixels(other.data, received[other.name].data)

    def decisions() -> list[str] | None:
        got = sorted(str(i["decision"]) for i in service.history()[:2])
        return got if got == ["sent_cleaned", "sent_faces_hidden"] else None

    eventually(decisions)


def _finding(kind: str, severity: str, message: str) -> dict[str, object]:
    return {"kind": kind, "severity": severity, "message": message, "evidence": {}}


REPORTS = {
    "nudity": ([_finding("nudity", "high", "It shows nudity.")], 0, True),
    "critical face": (
        [_finding("face", "critical", "Your face is visible in an intimate image.")],
        1,
        True,
    ),
    "face alone": ([_finding("face", "info", "A face is visible.")], 1, False),
    "metadata only": ([_finding("gps", "high", "It shows where it was taken.")], 0, False),
}


def _render(browser: Browser, page: Page, findings: list[dict[str, object]], faces: int) -> Dialog:
    """Show the dialog for a given report, as intercept.js would after the service answered."""
    item = {"name": "photo.jpg", "status": "checked", "findings": findings, "faces": faces}
    shown = browser.in_content_script(
        page, f"(globalThis.thinkTwiceDialog.create().ask([{json.dumps(item)}]), true)"
    )
    assert shown is True
    return Dialog(page)


@pytest.mark.parametrize("report", REPORTS.values(), ids=REPORTS.keys())
def test_the_pressure_line_shows_for_intimate_content_only(
    browser: Browser, page: Page, site: Site, report: tuple[list[dict[str, object]], int, bool]
) -> None:
    findings, faces, intimate = report
    page.goto(site.url("input.html"))
    view = _render(browser, page, findings, faces).wait_open()
    assert (PRESSURE in view.links) is intimate
    assert (FACE_HIDDEN in view.buttons) is (faces > 0)


def test_the_pressure_line_opens_the_help_page_in_a_new_tab(
    browser: Browser, page: Page, site: Site
) -> None:
    page.goto(site.url("input.html"))
    findings, faces, _ = REPORTS["critical face"]
    dialog = _render(browser, page, findings, faces)
    dialog.wait_open()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "extension-dialog-pressure.png")
    with browser.context.expect_page() as opened:
        dialog.click(PRESSURE, role="link")
    help_page = opened.value
    try:
        help_page.wait_for_load_state("load")
        assert help_page.url == f"chrome-extension://{browser.extension_id}/help/help.html#pressure"
        section = help_page.text_content("#pressure") or ""
        for words in ("StopNCII", "never uploaded", "Revenge Porn Helpline", "Cyber Civil Rights"):
            assert words in section
        assert page.url == site.url("input.html")  # the page itself did not navigate
    finally:
        close_page(help_page)


def test_the_help_page_loads_nothing_remote() -> None:
    """Its scripts, styles and images are the extension's own (links to sites are only links)."""
    html = (EXTENSION / "help" / "help.html").read_text()
    loaded = re.findall(r'<(?:script|img)[^>]*\ssrc="([^"]*)"|<link[^>]*\shref="([^"]*)"', html)
    urls = [src or href for src, href in loaded]
    assert len(urls) >= 3  # the scan found them: two stylesheets, a script, the icon
    assert [u for u in urls if re.match(r"(https?:)?//", u)] == []
