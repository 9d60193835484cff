"""Draws the extension's toolbar and store icons (extension/icons/icon-N.png) from its logo.

Run after changing the logo: `.venv/bin/python -m tests.extension.make_icons`.
extension/icons/logo.svg is the one logo (a teal rounded square, a white shield and a
check mark); the dashboard shows the same file (thinktwice/dashboard/static/logo.svg,
kept byte for byte equal: tests/dashboard/test_brand.py). Headless Chromium draws each
size, so the PNGs are the SVG as browsers render it.
"""

from __future__ import annotations

import base64
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.support.chromium import CHROMIUM, CHROMIUM_FLAGS

SIZES = (16, 32, 48, 128)
ICONS = Path(__file__).resolve().parents[2] / "extension" / "icons"
LOGO = ICONS / "logo.svg"
PAGE = """<!doctype html><style>html, body {{ margin: 0; background: transparent; }}
img {{ display: block; width: {size}px; height: {size}px; }}</style><img src="{src}" alt="">"""


def main() -> None:
    src = "data:image/svg+xml;base64," + base64.b64encode(LOGO.read_bytes()).decode()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_FLAGS))
        for size in SIZES:
            page = browser.new_page(viewport={"width": size, "height": size})
            page.set_content(PAGE.format(size=size, src=src))
            page.screenshot(path=ICONS / f"icon-{size}.png", omit_background=True)
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
