"""The dialog: readable by people and screen readers, answerable by keyboard alone,
closed to the page, honest when the photo could not be checked."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.extension.actions import nothing_arrives, pick_with_chooser, pick_with_input
from tests.extension.browser import ROOT, Browser, Dialog, Service, pointing_at
from tests.extension.conftest import Photo
from tests.extension.webserver import Site
from tests.support.exiftool import assert_clean

ARTIFACTS = ROOT / "artifacts"


def _open_dialog(page: Page, site: Site, photo: Photo, url: str = "input.html") -> Dialog:
    page.goto(site.url(url))
    pick_with_input(page, [photo.path])
    dialog = Dialog(page)
    dialog.wait_open()
    return dialog


def test_findings_are_listed_worst_first_in_plain_words(
    page: Page, site: Site, photos: dict[str, Photo]
) -> None:
    view = _open_dialog(page, site, photos["IMG_2041.jpg"]).wait_open()
    labels = [t for t in view.texts if t in {"HIGH", "MEDIUM", "LOW"}]
    assert labels == sorted(labels, key=["HIGH", "MEDIUM", "LOW"].index)
    assert labels[0] == "HIGH" and labels[-1] == "LOW"
    assert "It names a person: Alice Example." in view.texts


def test_the_evidence_is_shown_on_demand(page: Page, site: Site, photos: dict[str, Photo]) -> None:
    dialog = _open_dialog(page, site, photos["IMG_2041.jpg"])
    assert "GPS:GPSLatitude" not in dialog.wait_open().texts
    dialog.press("Tab", "Tab", "Tab")  # Send original, Cancel, then round to the first Details
    dialog.wait_focus("Details")
    dialog.press("Enter")
    view = dialog.wait_for("GPS:GPSLatitude")  # the raw name, beside its words
    assert "48.8219" in view.texts
    assert {"GPS latitude", "GPS latitude ref", "City"} <= set(view.texts)


TAG_WORDS = {
    "GPS:GPSLatitude": "GPS latitude",  # the common tags from a table
    "EXIF:Make": "Camera maker",
    "XMP-dc:Creator": "Author",
    "GPS:GPSDestBearingRef": "GPS dest bearing ref",  # others spelled out
    "XMP-exif:LensMake": "Lens make",
    "IPTC:Sub-location": "Sub location",
    "PNG:Comment_2": "Comment 2",
}


def test_tag_names_read_as_words(browser: Browser, page: Page, site: Site) -> None:
    page.goto(site.url("input.html"))
    words = browser.in_content_script(
        page, f"{list(TAG_WORDS)}.map((k) => globalThis.thinkTwiceDialogRows.tagWords(k))"
    )
    assert dict(zip(TAG_WORDS, words, strict=True)) == TAG_WORDS


def test_with_always_ask_a_photo_with_nothing_to_report_says_so_in_the_title(
    browser: Browser, page: Page, site: Site, photos: dict[str, Photo]
) -> None:
    browser.call("() => self.thinktwice.setAlwaysAsk(true)")
    dialog = _open_dialog(page, site, photos["plain.png"])
    view = dialog.wait_open()
    assert view.name == "Nothing found in plain.png"
    assert view.description.startswith("Nothing identifying was found.")
    dialog.press("Escape")


def _lines_per_finding(dialog: Dialog) -> dict[str, float]:
    """How many lines each finding's sentence takes in the dialog (its closed shadow root
    too: the DevTools protocol's document reaches into it)."""
    root = dialog.cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
    lines, stack = {}, [root]
    while stack:
        node = stack.pop()
        pairs = node.get("attributes", [])  # name, value, name, value...
        attributes = dict(zip(pairs[::2], pairs[1::2], strict=True))
        if attributes.get("class") == "msg":
            text = "".join(c.get("nodeValue", "") for c in node.get("children", []))
            quad = dialog.cdp.send("DOM.getBoxModel", {"nodeId": node["nodeId"]})["model"][
                "content"
            ]
            lines[text] = (quad[5] - quad[1]) / (14 * 1.45)  # font 14px, line-height 1.45
        stack.extend([*node.get("children", []), *node.get("shadowRoots", [])])
    return lines


def _dialog_style(dialog: Dialog, *properties: str) -> dict[str, str]:
    """Computed style of the real dialog element, inside its closed shadow root."""
    root = dialog.cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
    stack = [root]
    while stack:
        node = stack.pop()
        if node.get("nodeName") == "DIALOG":
            dialog.cdp.send("CSS.enable")
            style = dialog.cdp.send("CSS.getComputedStyleForNode", {"nodeId": node["nodeId"]})
            return {
                p["name"]: p["value"] for p in style["computedStyle"] if p["name"] in properties
            }
        stack.extend([*node.get("children", []), *node.get("shadowRoots", [])])
    raise AssertionError("no dialog element")


@pytest.mark.parametrize(
    ("scheme", "background"), [("light", "rgb(255, 255, 255)"), ("dark", "rgb(27, 31, 39)")]
)
def test_the_dialog_follows_the_colour_scheme_scrollbar_included(
    page: Page, site: Site, photos: dict[str, Photo], scheme: str, background: str
) -> None:
    page.emulate_media(color_scheme=scheme)  # type: ignore[arg-type]
    dialog = _open_dialog(page, site, photos["IMG_2041.jpg"])
    style = _dialog_style(dialog, "color-scheme", "background-color")
    assert style == {"color-scheme": scheme, "background-color": background}
    page.wait_for_timeout(300)  # the thumbnail is drawn after the dialog opens
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / f"extension-dialog-{scheme}.png")
    page.set_viewport_size({"width": 360, "height": 740})
    page.screenshot(path=ARTIFACTS / f"extension-dialog-360-{scheme}.png")
    dialog.press("Escape")


def test_at_360px_findings_take_the_whole_width_two_lines_for_most(
    page: Page, site: Site, photos: dict[str, Photo]
) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    dialog = _open_dialog(page, site, photos["IMG_2041.jpg"])
    lines = _lines_per_finding(dialog)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "extension-dialog-360.png")
    assert len(lines) >= 6
    # About 44 characters a line, the severity sharing the first: two lines for a
    # sentence up to 70 characters, three for the longest (about 100).
    assert {t: n for t, n in lines.items() if len(t) <= 70 and n > 2.05} == {}
    assert max(lines.values()) <= 3.05, lines
    dialog.press("Escape")


def test_the_dialog_has_a_name_and_focus_moves_in(
    page: Page, site: Site, photos: dict[str, Photo]
) -> None:
    view = _open_dialog(page, site, photos["IMG_2041.jpg"]).wait_open()
    assert view.name == "Think twice before sending IMG_2041.jpg"
    assert view.description.startswith("This photo carries more than the picture.")
    assert view.focused == "Send cleaned copy"


def test_focus_is_trapped_in_the_dialog(page: Page, site: Site, photos: dict[str, Photo]) -> None:
    dialog = _open_dialog(page, site, photos["IMG_2041.jpg"])
    start = dialog.wait_open()
    details = start.texts.count("Details")
    focus = []
    expected = ["Send original anyway", "Cancel", *["Details"] * details, "Send cleaned copy"]
    for name in expected:  # round the cycle, never out to the page
        dialog.press("Tab")
        focus.append(dialog.wait_focus(name).focused)
    assert focus == expected
    dialog.press("Shift+Tab")
    dialog.wait_focus("Details")


def test_space_presses_the_focused_button(page: Page, site: Site, photos: dict[str, Photo]) -> None:
    original = photos["beach.png"]
    dialog = _open_dialog(page, site, original)
    dialog.press("Tab")
    dialog.wait_focus("Send original anyway")
    dialog.press(" ")
    (received,) = site.uploads.wait(1)
    assert received.data == original.data


def test_a_mouse_click_on_send_original_sends_the_original(
    page: Page, site: Site, photos: dict[str, Photo]
) -> None:
    original = photos["beach.png"]
    dialog = _open_dialog(page, site, original)
    dialog.click("Send original anyway")
    (received,) = site.uploads.wait(1)
    assert received.data == original.data


def test_a_hostile_page_can_neither_read_nor_press_the_dialog(
    page: Page, site: Site, photos: dict[str, Photo]
) -> None:
    page.goto(site.url("hostile.html"))
    pick_with_input(page, [photos["IMG_2041.jpg"].path])
    dialog = Dialog(page)
    dialog.wait_open()
    page.wait_for_timeout(1000)  # the page clicks and dispatches every 50 ms meanwhile

    view = dialog.read()
    assert view is not None and view.buttons, "the page managed to close or hide the dialog"
    loot = page.evaluate("window.loot")
    assert loot["hosts"] > 0, "the page did not even find the dialog's host"
    assert loot["shadowRoots"] == 0
    seen = "\n".join(loot["texts"])
    for secret in ("Vanves", "Alice", "Think twice", "Send original", "SN-4815162342"):
        assert secret not in seen
    nothing_arrives(site, wait=0)
    assert page.evaluate("window.received") == []
    dialog.press("Escape")
    dialog.wait_closed()
    nothing_arrives(site)


def test_page_css_cannot_hide_or_restyle_the_dialog(
    page: Page, site: Site, photos: dict[str, Photo]
) -> None:
    page.goto(site.url("input.html"))
    page.add_style_tag(
        content="body * , thinktwice-dialog, dialog, button { color: red !important;"
        " background: yellow !important; font-size: 60px !important; }"
        " thinktwice-dialog, dialog { display: none !important; visibility: hidden !important;"
        " opacity: 0 !important; }"
    )
    pick_with_input(page, [photos["IMG_2041.jpg"].path])
    dialog = Dialog(page)
    view = dialog.wait_open()
    assert view.buttons == ["Send cleaned copy", "Send original anyway", "Cancel"]
    style = dialog.button_style("Send cleaned copy", "background-color", "font-size", "visibility")
    assert style == {
        "background-color": "rgb(27, 94, 87)",
        "font-size": "14px",
        "visibility": "visible",
    }
    dialog.press("Enter")
    assert_clean(site.uploads.wait(1)[0].data, ".jpg")


def test_a_screenshot_of_the_dialog_is_saved(
    page: Page, site: Site, photos: dict[str, Photo]
) -> None:
    dialog = _open_dialog(page, site, photos["IMG_2041.jpg"])
    page.wait_for_timeout(300)  # the thumbnail is drawn after the dialog opens
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / "extension-dialog.png")
    assert (ARTIFACTS / "extension-dialog.png").stat().st_size > 10_000
    dialog.press("Escape")


def test_a_stopped_service_means_not_checked_never_a_silent_pass(
    browser: Browser,
    page: Page,
    site: Site,
    photos: dict[str, Photo],
    tmp_path: Path,
) -> None:
    other = Service(tmp_path / "data").start()
    with pointing_at(browser, other.data_dir):
        other.stop()
        page.goto(site.url("detached.html"))
        pick_with_chooser(page, [photos["IMG_2041.jpg"].path], "#pick")
        dialog = Dialog(page)
        view = dialog.wait_open()
        assert view.name == "This photo was not checked"
        assert view.description.startswith("ThinkTwice could not see what it reveals")
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / "extension-dialog-not-checked.png")
        dialog.press("Enter")  # Cancel is the default here
        dialog.wait_closed()
        nothing_arrives(site)
