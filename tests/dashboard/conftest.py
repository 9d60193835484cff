"""Fixtures for the dashboard tests: real services on free ports, real Chromium.

- `filled`: a service whose history holds 500 generated entries (written through
  History before it starts), shared by a test module and never changed by it.
- `fresh`: a service of its own with 40 entries, for tests that delete or change.
- `browser`: Debian's headless Chromium (never a downloaded one), fresh profile;
  each test opens its own context (cookies, colour scheme, viewport), or shares
  `reader`, one page signed in on `filled`, when it only reads.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, expect

from tests.dashboard.history_data import fill
from tests.server.live import LiveServer
from tests.support.chromium import CHROMIUM, CHROMIUM_FLAGS

DESKTOP = {"width": 1280, "height": 800}
NARROW = {"width": 390, "height": 844}
ARTIFACTS = Path(__file__).resolve().parents[2] / "artifacts"
FILLED_ROWS = 500


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """A running service with FILLED_ROWS generated history entries."""
    data_dir = tmp_path_factory.mktemp("filled")
    fill(data_dir, FILLED_ROWS)
    server = LiveServer(data_dir).start()
    yield server
    server.stop()


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[LiveServer]:
    """A running service of this test's own, with 40 generated entries."""
    fill(tmp_path / "data", 40, seed=7)
    server = LiveServer(tmp_path / "data").start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    """Headless Chromium, in a new temporary profile; contexts made from it share nothing."""
    launched = playwright.chromium.launch(
        executable_path=CHROMIUM, headless=True, args=list(CHROMIUM_FLAGS)
    )
    yield launched
    launched.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A new browser context (no cookies), desktop-sized, downloads allowed."""
    made = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    made.set_default_timeout(10_000)
    yield made
    made.close()


@pytest.fixture(scope="module")
def reader(browser: Browser, filled: LiveServer) -> Iterator[Page]:
    """One signed-in page on the filled service, shared by the tests that only read."""
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    context.set_default_timeout(10_000)
    yield sign_in(context, filled)
    context.close()


def cookie_name(server: LiveServer) -> str:
    """The session cookie's name: it carries the port (cookies ignore ports)."""
    return f"thinktwice_session_{server.settings.port}"


def login_link(server: LiveServer) -> str:
    """A fresh one-time sign-in link, asked for with the token (as `thinktwice open` does)."""
    with server.client() as client:
        response = client.post("/v1/dashboard/login-link")
    response.raise_for_status()
    url: str = response.json()["url"]
    return url


@contextmanager
def signed_in_client(server: LiveServer) -> Iterator[httpx.Client]:
    """An httpx client holding a dashboard session cookie (and no token)."""
    with server.client(token=False, follow_redirects=False) as client:
        response = client.get(login_link(server))
        assert response.status_code == 303, response.text
        yield client


def csrf_of(html: str) -> str:
    """The CSRF token in a page's forms."""
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found is not None, "no CSRF token on the page"
    return found.group(1)


def sign_in(context: BrowserContext, server: LiveServer) -> Page:
    """A page signed in with a one-time link, on the overview."""
    page = context.new_page()
    page.goto(login_link(server))
    expect(page).to_have_url(server.base_url + "/")
    return page
