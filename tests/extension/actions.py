"""How a person gives a page files, driven as trusted browser input.

Each `choose_*` function puts files into a test page the way a person would:
the file picker (Playwright's file chooser sets files through the DevTools
protocol, so the page sees trusted events), drag-and-drop (the protocol's
Input.dispatchDragEvent) or paste (the clipboard, then Ctrl+V).
"""

from __future__ import annotations

import base64
import io
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from PIL import Image
from playwright.sync_api import Page

from tests.extension.browser import Browser, Dialog, DialogView, Service
from tests.extension.webserver import Site, Upload


def pick_with_input(page: Page, files: Sequence[Path], selector: str = "#file") -> None:
    """The page's own <input type=file>: the person picks files in it."""
    page.set_input_files(selector, [str(f) for f in files])


def pick_with_chooser(page: Page, files: Sequence[Path], opener: str) -> None:
    """Click `opener`; the page opens a file picker (from any input); pick `files`."""
    with page.expect_file_chooser() as chooser:
        page.click(opener)
    chooser.value.set_files([str(f) for f in files])


def drop_files(page: Page, files: Sequence[Path], target: str) -> None:
    """Drag `files` from the desktop and drop them on `target`."""
    box = page.locator(target).bounding_box()
    assert box is not None, f"{target} is not visible"
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    data = {"items": [], "files": [str(f) for f in files], "dragOperationsMask": 1}
    session = page.context.new_cdp_session(page)
    try:
        for kind in ("dragEnter", "dragOver", "drop"):
            session.send("Input.dispatchDragEvent", {"type": kind, "x": x, "y": y, "data": data})
    finally:
        session.detach()


def paste_png(page: Page, png: bytes, target: str, frame: str | None = None) -> None:
    """Copy a PNG to the clipboard and paste it into `target` (inside the iframe
    `frame`, if given) with Ctrl+V."""
    origin = page.evaluate("location.origin")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=origin)
    (page.frame_locator(frame) if frame else page).locator(target).focus()
    page.evaluate(
        """async (b64) => {
            const blob = await (await fetch(`data:image/png;base64,${b64}`)).blob();
            await navigator.clipboard.write([new ClipboardItem({"image/png": blob})]);
        }""",
        base64.b64encode(png).decode(),
    )
    page.keyboard.press("Control+V")


def pixel_near(page: Page, x: float, y: float) -> tuple[int, int, int]:
    """What the person sees 150 px left of (x, y): inside a cover page's fake button
    centred there, clear of its label."""
    shot = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    r, g, b = shot.getpixel((int(x) - 150, int(y)))  # type: ignore[misc]
    return int(r), int(g), int(b)


def nothing_arrives(site: Site, wait: float = 0.7) -> None:
    """Give a page time to upload, then check that the site received nothing."""
    time.sleep(wait)
    assert site.uploads.snapshot() == [], "the site received files it should not have"


def uploads_by_name(uploads: Sequence[Upload]) -> dict[str, Upload]:
    return {u.filename: u for u in uploads}


def eventually(check: Callable[[], object], timeout: float = 10.0) -> object:
    """Retry `check` until it returns something truthy; fail with its last value."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > deadline:
            assert value, "condition not met in time"
            return value
        time.sleep(0.1)


def decision_recorded(service: Service, action: str, count: int = 1) -> list[dict[str, object]]:
    """The newest `count` inspections in the history, once each has `action` as its decision."""

    def latest() -> list[dict[str, object]] | None:
        items = service.history()[:count]
        return (
            items if len(items) == count and all(i["decision"] == action for i in items) else None
        )

    return eventually(latest)  # type: ignore[return-value]


def picked(page: Page, site: Site, file: Path) -> tuple[Dialog, DialogView]:
    """Pick `file` in the site's input page; the dialog and what it shows once open."""
    page.goto(site.url("input.html"))
    pick_with_input(page, [file])
    dialog = Dialog(page)
    return dialog, dialog.wait_open()


def send_cleaned(page: Page, site: Site, photo: Path) -> Upload:
    """Pick `photo` on the site's detached-input page and answer the dialog's default
    ("Send cleaned copy"); what the site received."""
    page.goto(site.url("detached.html"))
    pick_with_chooser(page, [photo], "#pick")
    dialog = Dialog(page)
    dialog.wait_open()
    dialog.press("Enter")
    (received,) = site.uploads.wait(1)
    return received


def downloaded(browser: Browser, download_id: int) -> Path:
    """Where download `download_id` (of "Sanitize this image" or "Clean a file...") was
    saved, once complete."""
    item = browser.call("id => self.thinktwice.download(id)", download_id)
    assert item["state"] == "complete", item
    return Path(item["filename"])
