"""The extension's own pages are set in legible text, whatever the browser's defaults.

Chrome styles extension pages with `body { font-size: 75% }`; a page that sets its size
only on the root is shown at 11.25 px there and 15 px in Firefox. Each page's body text,
as the browser computes it, is at least 14 px in both.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.extension.browser import Browser, close_page
from tests.extension.test_firefox import ORIGIN, ExtensionInFirefox
from tests.extension.test_firefox import firefox as firefox  # the fixture, for this module

MIN_PX = 14.0
PAGES = ["options/options.html", "help/help.html", "popup/popup.html", "dashboard/dashboard.html"]
# The body, and a paragraph of ordinary text on it.
SIZES = "[document.body, document.querySelector('p')].map((e) => getComputedStyle(e).fontSize)"


def _px(sizes: list[str]) -> list[float]:
    return [float(size.removesuffix("px")) for size in sizes]


@pytest.fixture
def chromium_sizes(browser: Browser) -> Iterator[dict[str, list[float]]]:
    pages = {path: browser.extension_page(path) for path in PAGES}
    yield {path: _px(page.evaluate(SIZES)) for path, page in pages.items()}
    for page in pages.values():
        close_page(page)


@pytest.mark.parametrize("path", PAGES)
def test_body_text_is_at_least_14px_in_chromium(
    chromium_sizes: dict[str, list[float]], path: str
) -> None:
    sizes = chromium_sizes[path]
    assert min(sizes) >= MIN_PX, f"{path}: body and paragraph at {sizes} px"


@pytest.mark.parametrize("path", ["options/options.html", "help/help.html"])
def test_body_text_is_at_least_14px_in_firefox(firefox: ExtensionInFirefox, path: str) -> None:
    firefox.firefox.open_privileged(f"{ORIGIN}/{path}")
    try:
        sizes = _px(firefox.firefox.execute(f"return {SIZES}"))
    finally:
        firefox.firefox.close_tab()
    assert min(sizes) >= MIN_PX, f"{path}: body and paragraph at {sizes} px"
