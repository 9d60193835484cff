"""Fixtures for the dashboard tests: real services on their Unix sockets, real Chromium.

- `filled`: a service whose history holds 500 generated entries (written through
  History before it starts), shared by a test module and never changed by it.
- `fresh`: a service of its own with 40 entries, for tests that delete or change.
- `chromium`: Debian's headless Chromium with the extension loaded and its
  native host registered for `filled` (tests/extension/browser.py), one per
  module; `dashboard(chromium, path)` opens the extension's dashboard page on a
  service path, and `reading(chromium, server)` points the extension at another
  service for a while.
Data directories come from `mktemp` (short names): a Unix socket's path must
stay under 108 bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from playwright.sync_api import Page, Playwright, expect

from tests.dashboard.history_data import fill
from tests.dashboard.service import ChannelServer
from tests.extension.browser import Browser, close_page, pointing_at

DESKTOP = {"width": 1280, "height": 800}
NARROW = {"width": 390, "height": 844}
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
FILLED_ROWS = 500
PAGE = "dashboard/dashboard.html"


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChannelServer]:
    """A running service with FILLED_ROWS generated history entries."""
    data_dir = tmp_path_factory.mktemp("filled")
    fill(data_dir, FILLED_ROWS)
    server = ChannelServer(data_dir).start()
    yield server
    server.stop()


@pytest.fixture
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChannelServer]:
    """A running service of this test's own, with 40 generated entries."""
    data_dir = tmp_path_factory.mktemp("fresh")
    fill(data_dir, 40, seed=7)
    server = ChannelServer(data_dir).start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def chromium(
    playwright: Playwright, tmp_path_factory: pytest.TempPathFactory, filled: ChannelServer
) -> Iterator[Browser]:
    """Chromium with the extension, its native host reaching `filled` (never starting one)."""
    opened = Browser(
        playwright,
        tmp_path_factory.mktemp("profile"),
        tmp_path_factory.mktemp("downloads"),
        filled.data_dir,
    )
    opened.use(filled.data_dir, start_service=False)
    yield opened
    opened.close()


@contextmanager
def reading(chromium: Browser, server: ChannelServer) -> Iterator[None]:
    """The extension talks to `server` for the duration, then to the one before."""
    with pointing_at(chromium, server.data_dir, start_service=False):
        yield


def dashboard_url(chromium: Browser, path: str = "/") -> str:
    """The extension's dashboard page showing service path `path`."""
    return f"chrome-extension://{chromium.extension_id}/{PAGE}#{path}"


def dashboard(chromium: Browser, path: str = "/") -> Page:
    """A new tab on the dashboard page at `path`, once the service's page is shown."""
    page = chromium.context.new_page()
    page.set_viewport_size(DESKTOP)
    goto(page, chromium, path)
    return page


def goto(page: Page, chromium: Browser, path: str) -> None:
    """Load the dashboard page at `path` in `page`, and wait until it shows the answer."""
    if page.url.startswith(dashboard_url(chromium, "")):
        page.goto("about:blank")  # else only the hash changes, and the old page still shows
    page.goto(dashboard_url(chromium, path))
    shown(page)


def shown(page: Page) -> None:
    """Wait until the dashboard shows a page (not its loading notice)."""
    expect(page.locator("main.loading")).to_have_count(0)
    expect(page.locator("h1")).to_have_count(1)


@pytest.fixture
def tab(chromium: Browser) -> Iterator[Page]:
    """A tab on the dashboard's overview, closed after the test."""
    page = dashboard(chromium)
    yield page
    close_page(page)
