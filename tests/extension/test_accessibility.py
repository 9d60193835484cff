"""Accessibility: axe-core finds no serious or critical violation, and the keyboard reaches
every control with a visible focus ring, on each of the extension's screens, light and dark.

axe-core (tests/extension/package.json) is evaluated in the page as DevTools would run it
(the extension pages' policy allows no inline script). The dialog lives in a closed shadow
root that no page script can reach, so its markup, as the real dialog module renders a
report on a watched site (the dialog's own words and stylesheet), is copied into an open
root on that page and tested there; its keyboard use is tested on the real dialog in
test_dialog.py. The dashboard's pages are the service's real pages over 500 entries
(filtered to nothing, past the end, an unknown entry and an unknown address too), and
the empty state over a new history. Enter and Space do what a click does: a link, the
numbers' disclosure, a filter applied, the whole history deleted, the options checkbox
(the popup's switch and buttons: test_popup.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.dashboard.conftest import chromium as chromium  # the fixtures, for this module
from tests.dashboard.conftest import dashboard, reading
from tests.dashboard.conftest import filled as filled
from tests.dashboard.conftest import fresh as fresh
from tests.dashboard.service import ChannelServer
from tests.extension.browser import Browser, close_page
from tests.extension.test_encryption import serve_at
from tests.extension.webserver import NODE_MODULES, Site

AXE = NODE_MODULES / "axe-core" / "axe.min.js"
SCHEMES = ["light", "dark"]
BLOCKING = {"serious", "critical"}
# The violations axe finds in the document, each with where and why.
RUN_AXE = """async () => (await axe.run(document, { resultTypes: ["violations"] }))
.violations.map((v) => ({
  id: v.id, impact: v.impact, help: v.help,
  nodes: v.nodes.map((n) => `${JSON.stringify(n.target)}: ${n.failureSummary}`),
}))"""

# Every control a keyboard should reach, marked with its order in the document.
MARK_CONTROLS = """() => {
  const selector = "a[href], button, input, select, textarea, summary, [tabindex]";
  const controls = [...document.querySelectorAll(selector)].filter((e) =>
    !e.disabled && e.tabIndex >= 0 && e.getClientRects().length > 0
    && getComputedStyle(e).visibility !== "hidden");
  controls.forEach((e, i) => { e.dataset.keyboard = String(i); });
  return controls.map((e) => e.outerHTML.slice(0, 80));
}"""
# The focused control's mark, and whether a focus ring is drawn around it.
FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e.dataset.keyboard === undefined) return null;
  const s = getComputedStyle(e);
  const outline = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
  const ring = outline || s.boxShadow !== "none";
  return { index: Number(e.dataset.keyboard), ring };
}"""


def blocking_violations(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on `page` as it is drawn now."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text())
    found: list[dict[str, Any]] = page.evaluate(RUN_AXE)
    return [v for v in found if v["impact"] in BLOCKING]


def assert_accessible(page: Page) -> None:
    """No serious or critical violation in light or in dark."""
    for scheme in SCHEMES:
        page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
        assert blocking_violations(page) == [], scheme


def tab_to(page: Page, selector: str) -> None:
    """Press Tab from the top of `page` until the element `selector` names has the focus."""
    page.evaluate("document.activeElement?.blur()")
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement?.matches(s) ?? false", selector):
            return
    raise AssertionError(f"Tab never reaches {selector}")


def assert_keyboard_reaches_everything(page: Page) -> None:
    """Tab from the top reaches every control, each showing a focus ring."""
    controls = page.evaluate(MARK_CONTROLS)
    assert controls, "no control on the page"
    page.evaluate("document.activeElement?.blur()")
    reached: dict[int, bool] = {}
    # A date field takes a stop for each of its parts: a few presses more than controls.
    for _ in range(3 * len(controls) + 3):
        if len(reached) == len(controls):
            break
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is not None:
            reached[focused["index"]] = focused["ring"]
    missed = [c for i, c in enumerate(controls) if i not in reached]
    assert missed == [], "not reached with Tab"
    unringed = [controls[i] for i, ring in reached.items() if not ring]
    assert unringed == [], "no visible focus ring"


# --- the extension's own pages --------------------------------------------------------

PAGES = ["popup/popup.html", "options/options.html", "help/help.html"]


@pytest.fixture(params=PAGES)
def extension_page(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    page = browser.extension_page(request.param)
    page.wait_for_load_state("load")
    page.wait_for_function("!document.querySelector('[data-i18n]:empty')")
    yield page
    close_page(page)


def test_the_extension_pages_have_no_serious_violation(extension_page: Page) -> None:
    assert_accessible(extension_page)


def test_the_extension_pages_work_with_the_keyboard_alone(extension_page: Page) -> None:
    assert_keyboard_reaches_everything(extension_page)


def test_each_extension_page_has_one_main_landmark(extension_page: Page) -> None:
    assert extension_page.get_by_role("main").count() == 1


def test_options_with_an_added_site_has_no_serious_violation(browser: Browser, site: Site) -> None:
    """The added sites' Remove buttons: their accessible names start with what they show."""
    page = browser.extension_page("options/options.html")
    try:
        remove = page.locator("#added button")
        remove.wait_for()
        assert_accessible(page)
        assert remove.inner_text() == "Remove"
        assert remove.get_attribute("aria-label") == f"Remove {site.origin}"
    finally:
        close_page(page)


def test_space_ticks_the_options_checkbox(browser: Browser) -> None:
    page = browser.extension_page("options/options.html")
    ask = "async () => (await chrome.storage.local.get('alwaysAsk')).alwaysAsk ?? false"
    try:
        box = page.locator("#always-ask")
        expect(box).not_to_be_checked()
        tab_to(page, "#always-ask")
        page.keyboard.press("Space")
        expect(box).to_be_checked()
        assert browser.call(ask) is True
        page.keyboard.press("Space")
        expect(box).not_to_be_checked()
        assert browser.call(ask) is False
    finally:
        close_page(page)


# --- the dialog's markup --------------------------------------------------------------


def _finding(kind: str, severity: str, message: str, **evidence: str) -> dict[str, Any]:
    return {"kind": kind, "severity": severity, "message": message, "evidence": evidence}


CHECKED = {
    "name": "IMG_2041.jpg",
    "status": "checked",
    "faces": 1,
    "findings": [
        _finding("nudity", "high", "It shows nudity."),
        _finding(
            "gps",
            "high",
            "It shows where it was taken: in Vanves, Île-de-France, France (GPS).",
            **{"GPS:GPSLatitude": "48.8219", "GPS:GPSLongitude": "2.289"},
        ),
        _finding(
            "device_model", "low", "It names the camera: Canon EOS R5.", **{"EXIF:Model": "R5"}
        ),
    ],
}
REPORTS = {
    "findings": [CHECKED, {**CHECKED, "name": "second.jpg", "faces": 0}],
    "nothing found": [{"name": "plain.png", "status": "checked", "findings": [], "faces": 0}],
    "not checked": [{"name": "photo.jpg", "status": "not_checked", "reason": "not_running"}],
}
# Render `items` with the real dialog module, copy its markup (stylesheet included) into an
# open shadow root of the page, its details opened, and close the real one.
RENDER = """(async () => {
  const dialog = globalThis.thinkTwiceDialog.create();
  void (ITEMS === null ? dialog.checking(2) : dialog.ask(ITEMS));
  const host = document.createElement("div");
  host.id = "dialog-markup";
  const root = host.attachShadow({ mode: "open" });
  root.innerHTML = dialog.root.innerHTML;
  dialog.close();
  for (const details of root.querySelectorAll("details")) details.open = true;
  document.body.append(host);
  return root.querySelectorAll("dialog[open] button").length;
})()"""


@pytest.mark.parametrize("report", [*REPORTS, "checking"])
def test_the_dialog_has_no_serious_violation(browser: Browser, page: Page, report: str) -> None:
    serve_at(page, "https://tinder.com")  # a watched site the dialog says something about
    items = json.dumps(REPORTS.get(report))
    buttons = browser.in_content_script(page, RENDER.replace("ITEMS", items))
    assert buttons >= 1
    assert_accessible(page)


# --- the dashboard --------------------------------------------------------------------


def _entry_path(chromium: Browser) -> str:
    """One entry's page, as the history links to it."""
    page = dashboard(chromium, "/history")
    try:
        href = page.locator("main a[href^='#/history/']").first.get_attribute("href") or ""
        return href.removeprefix("#")
    finally:
        close_page(page)


DASHBOARD = [
    "/",
    "/?range=7",
    "/history",
    "/history?page=2",
    "/history?date_from=2001-01-01&date_to=2001-01-02",  # no entry matches
    "/history?page=999",  # past the end
    "/history/clear",
    "entry",
    "/history/no-such-entry",
    "/nope",
]


@pytest.fixture(params=DASHBOARD)
def dashboard_page(request: pytest.FixtureRequest, chromium: Browser) -> Iterator[Page]:
    path = _entry_path(chromium) if request.param == "entry" else request.param
    page = dashboard(chromium, path)
    yield page
    close_page(page)


def test_the_dashboard_pages_have_no_serious_violation(dashboard_page: Page) -> None:
    assert_accessible(dashboard_page)


def test_the_dashboard_pages_work_with_the_keyboard_alone(dashboard_page: Page) -> None:
    assert_keyboard_reaches_everything(dashboard_page)


@pytest.fixture
def empty(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChannelServer]:
    """A running service whose history is empty."""
    server = ChannelServer(tmp_path_factory.mktemp("empty")).start()
    yield server
    server.stop()


def test_the_dashboard_over_an_empty_history_has_no_serious_violation(
    chromium: Browser, empty: ChannelServer
) -> None:
    with reading(chromium, empty):
        page = dashboard(chromium, "/")
        try:
            assert_accessible(page)
        finally:
            close_page(page)


# --- the dashboard with the keyboard alone: Enter and Space ----------------------------


def test_enter_follows_a_dashboard_link(chromium: Browser) -> None:
    page = dashboard(chromium, "/")
    try:
        tab_to(page, "nav a[href='#/history']")
        page.keyboard.press("Enter")
        expect(page.get_by_role("heading", level=1)).to_have_text("History")
        # The new page is read from its start: the focus is on its main landmark.
        expect(page.locator("main")).to_be_focused()
    finally:
        close_page(page)


def test_space_and_enter_open_and_close_the_numbers(chromium: Browser) -> None:
    page = dashboard(chromium, "/")
    try:
        numbers = page.locator("details.numbers")
        tab_to(page, "details.numbers summary")
        page.keyboard.press("Space")
        expect(numbers).to_have_attribute("open", "")
        page.keyboard.press("Enter")
        expect(numbers).not_to_have_attribute("open", "")
    finally:
        close_page(page)


def test_the_filters_work_from_the_keyboard(chromium: Browser) -> None:
    page = dashboard(chromium, "/history")
    try:
        tab_to(page, "#f-severity")
        page.keyboard.press("ArrowDown")  # a closed select takes the next option
        chosen = page.locator("#f-severity").input_value()
        assert chosen != ""
        tab_to(page, "form.filters button[type='submit']")
        page.keyboard.press("Space")
        expect(page).to_have_url(re.compile(f"#/history\\?severity={chosen}$"))
        expect(page.locator("#f-severity")).to_have_value(chosen)
    finally:
        close_page(page)


def test_the_whole_history_is_deleted_from_the_keyboard(
    chromium: Browser, fresh: ChannelServer
) -> None:
    with reading(chromium, fresh):
        page = dashboard(chromium, "/history/clear")
        try:
            tab_to(page, "#confirm")
            page.keyboard.press("Space")
            expect(page.locator("#confirm")).to_be_checked()
            tab_to(page, "button.danger")
            page.keyboard.press("Enter")
            expect(page.get_by_role("status")).to_have_text("The whole history was deleted.")
            assert fresh.history.count() == 0
        finally:
            close_page(page)
