"""Clean copies rebuilt in the worker from the service's edit plan, and checked.

The worker already holds the photo it sent; the service says how the clean
copy is made of it. What the worker rebuilds must have the SHA-256 the service
gave, or it is not used.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page

from tests.extension.actions import send_cleaned
from tests.extension.browser import Browser, close_page
from tests.extension.conftest import Photo
from tests.extension.webserver import Site
from tests.support.exiftool import assert_clean
from tests.support.images import assert_same_pixels

ORIGINAL = b"SOI-metadata-GPS-52.37N-4.89E-pixels-pixels-pixels-EOI"
CLEAN = b"SOI-" + b"pixels-pixels-pixels-EOI"


@pytest.fixture
def extension_page(browser: Browser) -> Iterator[Page]:
    """An extension page, where the worker's modules can be imported to be tried."""
    page = browser.extension_page("options/options.html")
    yield page
    close_page(page)


def rebuild(page: Page, plan: list[Any], sha256: str) -> bytes | None:
    rebuilt = page.evaluate(
        """async ([data, plan, sha256]) => {
            const { rebuild } = await import(chrome.runtime.getURL("background/plans.js"));
            return rebuild(data, plan, sha256);
        }""",
        [base64.b64encode(ORIGINAL).decode(), plan, sha256],
    )
    return None if rebuilt is None else base64.b64decode(rebuilt)


def test_a_plan_rebuilds_the_copy_the_service_made(extension_page: Page) -> None:
    plan = [[0, 4], [ORIGINAL.index(b"pixels"), len(CLEAN) - 4]]
    assert rebuild(extension_page, plan, hashlib.sha256(CLEAN).hexdigest()) == CLEAN


def test_inserted_bytes_are_base64(extension_page: Page) -> None:
    plan = [[0, 4], base64.b64encode(b"NEW-").decode()]
    assert rebuild(extension_page, plan, hashlib.sha256(b"SOI-NEW-").hexdigest()) == b"SOI-NEW-"


@pytest.mark.parametrize(
    "plan",
    [
        [[0, len(ORIGINAL)]],  # the whole original: it does not match the clean copy's digest
        [[0, 4], [40, 999]],  # past the original's end
        [[-1, 4]],
        [{"offset": 0}],
        "not a list",
    ],
    ids=["wrong digest", "past the end", "negative offset", "not a step", "not a list"],
)
def test_a_plan_that_does_not_give_the_clean_copy_is_not_used(
    extension_page: Page, plan: Any
) -> None:
    assert rebuild(extension_page, plan, hashlib.sha256(CLEAN).hexdigest()) is None


def test_an_upload_gets_its_clean_copy_rebuilt_in_the_worker(
    browser: Browser, page: Page, site: Site, photos: dict[str, Photo]
) -> None:
    before = browser.call("() => self.thinktwice.copies()")
    received = send_cleaned(page, site, photos["IMG_2041.jpg"].path)
    assert_clean(received.data, ".jpg")
    assert_same_pixels(photos["IMG_2041.jpg"].data, received.data)
    after = browser.call("() => self.thinktwice.copies()")
    assert after["rebuilt"] == before["rebuilt"] + 1
    assert after["fetched"] == before["fetched"]  # the copy never crossed the channel
