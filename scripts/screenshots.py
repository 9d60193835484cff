"""Screenshots of every screen a person meets, for people to look at (scripts/screenshots).

Real parts, as the browser tests use them: Debian's headless Chromium with the unpacked
extension, a real `thinktwice serve` (its history filled with 120 generated entries, so
the dashboard has something to chart), and a test site on 127.0.0.1 that the extension
watches. A photo carrying a phone's metadata (GPS, serial number, names: written by
exiftool) is picked in the site's file input, and the think-twice dialog is photographed.

Into OUT (dist/screenshots/ by default), each in light and dark:
    dialog-desktop-SCHEME.png, dialog-360-SCHEME.png        the dialog over the site
    popup-SCHEME.png                                        the toolbar popup on that site
    options-desktop-SCHEME.png, options-360-SCHEME.png      the options page
    dashboard-overview-desktop-SCHEME.png, ...-360-...      the dashboard's overview
    dashboard-history-desktop-SCHEME.png, ...-360-...       and its history

    .venv/bin/python scripts/screenshots.py [--out DIR]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

from playwright.sync_api import Page, Playwright, expect, sync_playwright  # noqa: E402

from tests.dashboard.conftest import goto  # noqa: E402
from tests.dashboard.history_data import fill  # noqa: E402
from tests.extension.actions import picked  # noqa: E402
from tests.extension.browser import Browser, Service, close_page  # noqa: E402
from tests.extension.webserver import Site  # noqa: E402
from tests.support.images import tagged_jpeg  # noqa: E402

SCHEMES = ("light", "dark")
# Viewport sizes: a desktop window, a small phone; the popup is as wide as its page says.
SIZES = {"desktop": (1280, 800), "360": (360, 740)}
POPUP = (340, 480)
PHOTO = "IMG_2041.jpg"
HISTORY_ROWS = 120


@dataclass(frozen=True)
class Shot:
    """One screenshot: its file name and the viewport it is taken in."""

    name: str
    width: int
    height: int


def planned() -> list[Shot]:
    """Every screenshot the script takes, in order."""
    shots = []
    for scheme in SCHEMES:
        for screen in ("dialog", "options", "dashboard-overview", "dashboard-history"):
            for size, (width, height) in SIZES.items():
                shots.append(Shot(f"{screen}-{size}-{scheme}.png", width, height))
        shots.append(Shot(f"popup-{scheme}.png", *POPUP))
    return shots


@contextmanager
def running(folder: Path, playwright: Playwright) -> Iterator[tuple[Browser, Site, Path]]:
    """The service, the test site and Chromium with the extension watching the site."""
    data_dir = folder / "data"
    data_dir.mkdir()
    fill(data_dir, HISTORY_ROWS)
    photos = folder / "photos"
    photos.mkdir()
    photo = photos / PHOTO
    photo.write_bytes(tagged_jpeg())
    service = Service(data_dir).start()
    site = Site({"photos": photos}).start()
    browser = None
    try:
        browser = Browser(playwright, folder / "profile", folder / "downloads", data_dir)
        browser.call("o => self.thinktwice.addWatchedSite(o)", site.origin)
        yield browser, site, photo
    finally:
        if browser is not None:
            browser.close()
        site.stop()
        service.stop()


def _page(browser: Browser, shot: Shot, scheme: str) -> Page:
    page = browser.context.new_page()
    page.set_viewport_size({"width": shot.width, "height": shot.height})
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    return page


def take(browser: Browser, site: Site, photo: Path, shot: Shot, out: Path) -> None:
    """Draw `shot`'s screen in Chromium and save it as OUT/NAME."""
    screen, scheme = shot.name.removesuffix(".png").rsplit("-", 1)
    page = _page(browser, shot, scheme)
    try:
        if screen.startswith("dialog"):
            dialog, _ = picked(page, site, photo)
            page.wait_for_timeout(300)  # the thumbnail is drawn after the dialog opens
            page.screenshot(path=out / shot.name)
            dialog.press("Escape")
            return
        if screen == "popup":
            _popup(browser, site, page)
        elif screen.startswith("options"):
            page.goto(f"chrome-extension://{browser.extension_id}/options/options.html")
            page.locator("#added button").first.wait_for()
        else:
            goto(page, browser, "/history" if "history" in screen else "/")
        page.screenshot(path=out / shot.name, full_page=True)
    finally:
        close_page(page)


def _popup(browser: Browser, site: Site, popup: Page) -> None:
    # Opened while the site's tab is the active one, as when its toolbar button is pressed.
    tab = browser.context.new_page()
    try:
        tab.goto(site.url("input.html"))
        tab.bring_to_front()
        popup.goto(f"chrome-extension://{browser.extension_id}/popup/popup.html")
        expect(popup.locator("#connection")).to_contain_text("Connected")
        expect(popup.locator("#last-warning")).to_be_visible()
    finally:
        close_page(tab)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / "screenshots")
    args = parser.parse_args(argv)
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    with (
        tempfile.TemporaryDirectory(prefix="tt-shots-") as tmp,
        sync_playwright() as playwright,
        running(Path(tmp), playwright) as (browser, site, photo),
    ):
        for shot in planned():
            take(browser, site, photo, shot, out)
            print(out / shot.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
