"""The options page's "Remove HDR gain maps too": off by default, kept across visits, and
sent by the worker with every photo, so that the page's server receives an Ultra HDR
photo with its gain map (off) or without it (on), the dialog says which, and "Sanitize
this image" follows it too."""

from __future__ import annotations

import base64
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from tests.extension.actions import downloaded, pick_with_chooser
from tests.extension.browser import Browser, Dialog, close_page
from tests.extension.webserver import Site
from tests.formats.jpeg.hdr_samples import ultra_hdr
from tests.support.exiftool import beyond_gain_maps
from thinktwice.findings.pictures import DROPPED_GAIN_MAP, KEPT_GAIN_MAP

STORED = "async () => (await chrome.storage.local.get('dropHdr')).dropHdr"


def images_in(data: bytes) -> tuple[int, bytes]:
    """How many pictures Pillow finds in `data` (an Ultra HDR JPEG is an MPO of two),
    and the first one's pixels."""
    with Image.open(io.BytesIO(data)) as im:
        return int(getattr(im, "n_frames", 1)), im.tobytes()


@pytest.fixture
def options(browser: Browser) -> Iterator[Page]:
    """The options page; the setting is back to its default afterwards."""
    page = browser.extension_page("options/options.html")
    yield page
    close_page(page)
    browser.call("() => chrome.storage.local.remove('dropHdr')")


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    """An Ultra HDR JPEG from a phone (GPS, serial, names in both of its images)."""
    path = tmp_path / "PXL_0417.jpg"
    path.write_bytes(ultra_hdr())
    return path


def set_drop_hdr(options: Page, on: bool) -> None:
    box = options.locator("#drop-hdr")
    expect(box).not_to_be_checked()  # the default: keep the HDR look
    box.set_checked(on)


def test_the_setting_is_off_by_default_and_persists(browser: Browser, options: Page) -> None:
    assert browser.call("() => self.thinktwice.connection()")  # the worker is up
    set_drop_hdr(options, True)
    expect(options.locator("#drop-hdr")).to_be_checked()
    assert browser.call(STORED) is True
    options.reload()
    expect(options.locator("#drop-hdr")).to_be_checked()
    assert options.locator("#drop-hdr-help").inner_text().startswith("An HDR photo carries")


def sent_cleaned(page: Page, site: Site, photo: Path) -> tuple[list[str], bytes]:
    """Pick `photo` on the site's detached-input page and send the cleaned copy: what
    the dialog said, and what the site received."""
    page.goto(site.url("detached.html"))
    pick_with_chooser(page, [photo], "#pick")
    dialog = Dialog(page)
    said = dialog.wait_open().texts
    dialog.press("Enter")  # "Send cleaned copy"
    (received,) = site.uploads.wait(1)
    return said, received.data


@pytest.mark.parametrize(
    ("on", "said", "images"), [(True, DROPPED_GAIN_MAP, 1), (False, KEPT_GAIN_MAP, 2)]
)
def test_the_site_receives_the_photo_with_its_gain_map_unless_it_is_on_and_is_told(
    options: Page, page: Page, site: Site, photo: Path, on: bool, said: str, images: int
) -> None:
    set_drop_hdr(options, on)
    texts, received = sent_cleaned(page, site, photo)
    assert said in texts and ({KEPT_GAIN_MAP, DROPPED_GAIN_MAP} - {said}).isdisjoint(texts)
    assert images_in(received) == (images, images_in(ultra_hdr())[1])
    assert beyond_gain_maps(received, ".jpg") == []
    assert (b"MPF\x00" in received) is not on


def test_with_it_on_sanitize_this_image_downloads_the_photo_without_its_gain_map(
    browser: Browser, options: Page
) -> None:
    set_drop_hdr(options, True)
    image = "data:image/jpeg;base64," + base64.b64encode(ultra_hdr()).decode()
    result = browser.call("u => self.thinktwice.sanitizeImage(u)", image)
    saved = downloaded(browser, result["downloadId"]).read_bytes()
    assert images_in(saved) == (1, images_in(ultra_hdr())[1])
