"""One logo and one palette across the extension and the dashboard.

The dashboard is the service's (its templates and stylesheet ship in the wheel) and
the extension is packaged on its own, so each keeps a copy: extension/icons/logo.svg
and thinktwice/dashboard/static/logo.svg are the same bytes, and the --tt-* custom
properties of extension/shared/page.css and the dashboard's stylesheet have the same
values, in light and in dark. In Chromium, the popup, options and help show the logo
file and the dashboard draws the same SVG, with the same computed palette.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.dashboard.conftest import dashboard
from tests.dashboard.service import ChannelServer
from tests.extension.browser import EXTENSION, Browser, close_page
from thinktwice.dashboard.render import LOGO, STATIC

EXTENSION_LOGO = EXTENSION / "icons" / "logo.svg"
EXTENSION_CSS = EXTENSION / "shared" / "page.css"
DASHBOARD_CSS = STATIC / "dashboard.css"
PAGES_WITH_LOGO = ["popup/popup.html", "options/options.html", "help/help.html"]
DARK = "@media (prefers-color-scheme: dark)"
DECLARATION = re.compile(r"(--tt-[\w-]+)\s*:\s*([^;]+);")


def palette(css: Path) -> dict[str, dict[str, str]]:
    """The --tt-* declarations of `css`: {"light": {name: value}, "dark": {...}}.

    Light is the first :root block; dark the :root inside the first dark media block.
    """
    text = re.sub(r"/\*.*?\*/", "", css.read_text(encoding="utf-8"), flags=re.S)
    light = text[text.index(":root") : text.index(DARK)]
    dark = text[text.index(DARK) :]
    dark = dark[: dark.index("}\n}") + 1]
    return {
        scheme: {name: value.strip().lower() for name, value in DECLARATION.findall(block)}
        for scheme, block in (("light", light), ("dark", dark))
    }


def test_the_extension_and_the_dashboard_have_the_same_logo_bytes() -> None:
    assert EXTENSION_LOGO.read_bytes() == LOGO.read_bytes()
    assert EXTENSION_LOGO.read_bytes().startswith(b"<svg ")


def test_the_extension_and_the_dashboard_have_the_same_palette() -> None:
    extension, dashboard_palette = palette(EXTENSION_CSS), palette(DASHBOARD_CSS)
    assert extension == dashboard_palette
    assert extension["light"].keys() == extension["dark"].keys()
    assert {"--tt-accent", "--tt-text", "--tt-surface", "--tt-focus"} <= extension["light"].keys()
    assert extension["light"]["--tt-accent"] != extension["dark"]["--tt-accent"]


def test_the_pages_take_their_colours_from_the_palette() -> None:
    """The accent each stylesheet draws with is the palette's, not a colour of its own."""
    for css in (EXTENSION_CSS, DASHBOARD_CSS):
        assert "--accent: var(--tt-accent);" in css.read_text(encoding="utf-8"), css.name


@pytest.mark.parametrize("path", PAGES_WITH_LOGO)
def test_the_extension_pages_show_the_logo_file(path: str) -> None:
    html = (EXTENSION / path).read_text(encoding="utf-8")
    assert '<img src="../icons/logo.svg" alt="">' in html


def test_every_dashboard_page_draws_the_same_logo(filled: ChannelServer) -> None:
    logo = LOGO.read_text(encoding="utf-8").strip()
    with filled.channel() as client:
        for path in ("/", "/history", "/history/gen6-000001", "/history/clear", "/nope"):
            assert client.get(path).text.count(logo) == 1, path


# --- in Chromium ---------------------------------------------------------------------

COMPUTED = """(names) => Object.fromEntries(names.map((name) =>
  [name, getComputedStyle(document.documentElement).getPropertyValue(name).trim()]))"""

# Whether the dashboard's brand mark is the logo file's SVG, element for element.
SAME_DRAWING = """(file) => new DOMParser().parseFromString(file, "image/svg+xml")
  .documentElement.isEqualNode(document.querySelector(".brand .mark svg"))"""


def _computed(page: Page, names: list[str]) -> dict[str, str]:
    found: dict[str, str] = page.evaluate(COMPUTED, names)
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_in_chromium_the_popup_and_the_dashboard_draw_with_the_same_colours(
    chromium: Browser, scheme: str
) -> None:
    names = sorted(palette(EXTENSION_CSS)[scheme])
    popup = chromium.extension_page("popup/popup.html")
    board = dashboard(chromium, "/")
    try:
        for page in (popup, board):
            page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
        shown = _computed(popup, names)
        assert shown == _computed(board, names)
        assert shown == palette(EXTENSION_CSS)[scheme]
        # The popup's logo is the file, loaded; the dashboard's the same drawing, inline.
        popup.wait_for_function("document.querySelector('.brand img').complete")
        assert popup.evaluate("document.querySelector('.brand img').naturalWidth") > 0
        assert board.evaluate(SAME_DRAWING, LOGO.read_text(encoding="utf-8")) is True
    finally:
        close_page(popup)
        close_page(board)
