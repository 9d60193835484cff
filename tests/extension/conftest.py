"""Fixtures for the extension's browser tests.

One browser, one service and one test site per test process (session scope):
starting Chromium and the service is the expensive part; each test gets a new
page, and the site's record of uploads is cleared before it.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, Playwright

from tests.extension.actions import paste_png
from tests.extension.browser import Browser, Dialog, Service, close_page
from tests.extension.webserver import NODE_MODULES, Site
from tests.support.images import FULL_METADATA, encode, photo, tagged_jpeg, with_metadata
from tests.support.videos import videos  # noqa: F401 (the fixture, for test_videos.py)

HERE = Path(__file__).resolve().parent


@pytest.fixture(scope="session")
def npm_project() -> Path:
    """The npm project's node_modules (scripts/test runs `npm ci` in tests/extension)."""
    if not (NODE_MODULES / "react-dropzone").is_dir():
        pytest.fail(f"run `npm ci` in {HERE} first (scripts/test does)", pytrace=False)
    return NODE_MODULES


@pytest.fixture(scope="session")
def bundles(npm_project: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Each test widget in widgets/ bundled by esbuild with what it imports (React, Uppy,
    their CSS): widgets/NAME.js(x) is served as /build/NAME.js (and NAME.css)."""
    out = tmp_path_factory.mktemp("bundles")
    esbuild = npm_project / ".bin" / "esbuild"
    subprocess.run(
        [
            str(esbuild),
            *sorted(str(w) for w in (HERE / "widgets").iterdir()),
            "--bundle",
            "--minify",
            "--jsx=automatic",
            '--define:process.env.NODE_ENV="production"',
            f"--outdir={out}",
            "--log-level=warning",
        ],
        check=True,
        cwd=HERE,
    )
    return out


@pytest.fixture(scope="session")
def site(bundles: Path, photos: dict[str, Photo]) -> Iterator[Site]:
    """The test site: pages, widgets, bundles, and the photos at /photos/NAME."""
    folder = next(iter(photos.values())).path.parent
    server = Site({"build": bundles, "photos": folder}).start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Service]:
    running = Service(tmp_path_factory.mktemp("service") / "data").start()
    yield running
    running.stop()


@pytest.fixture(scope="session")
def browser(
    playwright: Playwright, tmp_path_factory: pytest.TempPathFactory, service: Service, site: Site
) -> Iterator[Browser]:
    """Chromium with the extension, its native host reaching `service`, watching `site`."""
    assert shutil.which("chromium"), "Debian's chromium is required (scripts/test installs it)"
    opened = Browser(
        playwright,
        tmp_path_factory.mktemp("profile"),
        tmp_path_factory.mktemp("downloads"),
        service.data_dir,
    )
    connection = opened.call("() => self.thinktwice.connection()")
    assert connection["state"] == "connected", connection
    opened.call("o => self.thinktwice.addWatchedSite(o)", site.origin)
    yield opened
    opened.close()


@pytest.fixture
def page(browser: Browser, site: Site) -> Iterator[Page]:
    """A new tab; the site has received nothing yet."""
    site.uploads.clear()
    tab = browser.context.new_page()
    yield tab
    close_page(tab)
    browser.call("() => self.thinktwice.setAlwaysAsk(false)")


@dataclass(frozen=True)
class Photo:
    """A photo file on disk, as a person would pick it."""

    path: Path
    data: bytes

    @property
    def name(self) -> str:
        return self.path.name


@pytest.fixture(scope="session")
def photos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Photo]:
    """Photos to upload: revealing ones (GPS, serial, names...), a clean one, a non-image."""
    folder = tmp_path_factory.mktemp("photos")
    files = {
        "IMG_2041.jpg": tagged_jpeg(),
        "IMG_2042.jpg": with_metadata(encode(photo(seed=2), "JPEG", quality=90), ".jpg"),
        "beach.png": with_metadata(encode(photo(seed=3), "PNG"), ".png", *FULL_METADATA[:6]),
        "plain.png": encode(photo(seed=4), "PNG"),
        "notes.txt": b"Meeting at 6, bring the keys.\n",
    }
    out = {}
    for name, data in files.items():
        path = folder / name
        path.write_bytes(data)
        out[name] = Photo(path, data)
    return out


@pytest.fixture(scope="session")
def pasted(browser: Browser, site: Site, photos: dict[str, Photo]) -> bytes:
    """The bytes a page receives when beach.png is pasted where nothing is watched.

    Chromium re-encodes images on the clipboard, so this (from localhost, which
    the tests do not watch) is what "the original" means for a paste.
    """
    site.uploads.clear()
    tab = browser.context.new_page()
    try:
        tab.goto(site.url("paste.html").replace("127.0.0.1", "localhost"))
        paste_png(tab, photos["beach.png"].data, "#box")
        (control,) = site.uploads.wait(1)
        assert Dialog(tab).read() is None
    finally:
        close_page(tab)
        site.uploads.clear()
    return control.data
