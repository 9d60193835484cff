"""The browser the extension is tested in, the service it talks to, and its dialog.

- `Service`: a real `thinktwice serve` on its Unix socket, data in a tmp dir.
- `Browser`: Debian's headless Chromium with the unpacked extension loaded (a
  fresh profile, the native host registered in it as `thinktwice setup
  --chromium-profile` does); `call()` runs code in the extension's service
  worker, where `self.thinktwice` is the automation hook.
- `Dialog`: what a screen reader sees of the think-twice dialog (Chromium's
  accessibility tree, over the DevTools protocol: the dialog's shadow root is
  closed, so no page script, and no Playwright locator, can see it), and
  trusted keyboard and mouse input to answer it.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, CDPSession, Frame, Page, Playwright, Worker

from tests.support.chromium import CHROMIUM, CHROMIUM_FLAGS
from tests.support.service import Service, serving_pid
from thinktwice.native import install

ROOT = Path(__file__).resolve().parents[2]
EXTENSION = ROOT / "extension"


class Browser:
    """Headless Chromium with the unpacked extension, in a fresh profile."""

    def __init__(
        self,
        playwright: Playwright,
        profile: Path,
        downloads: Path,
        data_dir: Path,
        extension: Path = EXTENSION,
        lang: str | None = None,
    ) -> None:
        """`lang` ("es"): the browser's language, as a person's set to it (`--lang` picks
        the extension's catalog; the locale, what pages are told; LANGUAGE, what
        `getUILanguage` says, which the service's sentences follow); None keeps the
        machine's."""
        self.downloads = downloads
        self.profile = profile
        self.data_dir = data_dir
        self.start_service = True
        self.register(data_dir)
        self.context: BrowserContext = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            headless=True,
            accept_downloads=True,
            downloads_path=str(downloads),
            viewport={"width": 1000, "height": 720},
            args=[
                *CHROMIUM_FLAGS,
                f"--disable-extensions-except={extension}",
                f"--load-extension={extension}",
                *([f"--lang={lang}"] if lang else []),
            ],
            locale=lang,
            env={**os.environ, "LANGUAGE": lang} if lang else None,
        )
        self.context.set_default_timeout(15_000)
        worker = self.worker
        self.extension_id = worker.url.split("/")[2]

    @property
    def worker(self) -> Worker:
        """The extension's service worker (waiting for it after a restart)."""
        for worker in reversed(self.context.service_workers):
            if worker.url.startswith("chrome-extension://"):
                return worker
        return self.context.wait_for_event("serviceworker", timeout=15_000)

    def register(self, data_dir: Path, *, start_service: bool = True) -> None:
        """Register the native host in this profile for the service of `data_dir`."""
        install.install(
            data_dir, [install.profile_target(self.profile)], start_service=start_service
        )

    def use(self, data_dir: Path, *, start_service: bool = True) -> dict[str, Any]:
        """Talk to the service of `data_dir` from now on (a new host); the connection."""
        self.register(data_dir, start_service=start_service)
        self.data_dir, self.start_service = data_dir, start_service
        self.call("() => self.thinktwice.reconnect()")
        return dict(self.call("() => self.thinktwice.connection()"))

    def call(self, expression: str, arg: Any = None) -> Any:
        """Evaluate `expression` (a function of `arg`) in the service worker."""
        return self.worker.evaluate(expression, arg)

    def in_content_script(self, page: Page, expression: str) -> Any:
        """Evaluate `expression` (awaited) in the extension's isolated world on `page`."""
        session = page.context.new_cdp_session(page)
        contexts: list[dict[str, Any]] = []
        session.on("Runtime.executionContextCreated", lambda e: contexts.append(e["context"]))
        try:
            session.send("Runtime.enable")
            ours = next(
                c["id"]
                for c in contexts
                if c.get("auxData", {}).get("type") == "isolated"
                and c.get("origin", "").startswith(f"chrome-extension://{self.extension_id}")
            )
            result = session.send(
                "Runtime.evaluate",
                {
                    "expression": expression,
                    "contextId": ours,
                    "awaitPromise": True,
                    "returnByValue": True,
                },
            )
            return result["result"].get("value")
        finally:
            session.detach()

    def extension_page(self, path: str) -> Page:
        page = self.context.new_page()
        page.goto(f"chrome-extension://{self.extension_id}/{path}")
        return page

    def close(self) -> None:
        self.context.close()


@dataclass
class DialogView:
    """The dialog as the accessibility tree presents it."""

    name: str
    description: str
    buttons: list[str]
    focused: str
    texts: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(self.texts)


class Dialog:
    """Find, read and answer the think-twice dialog in `page` (any of its frames, those
    from other sites too; `click` reaches the page's own process only)."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.cdp: CDPSession = page.context.new_cdp_session(page)
        _SESSIONS.setdefault(id(page), []).append(self.cdp)
        self.cdp.send("DOM.enable")
        self.cdp.send("Accessibility.enable")
        self._frames: dict[Frame, CDPSession | None] = {}

    def _frame_ids(self) -> list[str]:
        tree = self.cdp.send("Page.getFrameTree")["frameTree"]
        ids, stack = [], [tree]
        while stack:
            node = stack.pop()
            ids.append(node["frame"]["id"])
            stack.extend(node.get("childFrames", []))
        return ids

    def _frame_sessions(self) -> list[CDPSession]:
        """A session for each frame from another site (out of process: the page's
        own session does not reach its tree)."""
        for frame in self.page.frames[1:]:
            if frame in self._frames or frame.is_detached():
                continue
            try:
                session = self.page.context.new_cdp_session(frame)  # only for such frames
            except Exception:
                self._frames[frame] = None
                continue
            _SESSIONS.setdefault(id(self.page), []).append(session)
            session.send("Accessibility.enable")
            self._frames[frame] = session
        return [s for s in self._frames.values() if s is not None]

    def _trees(self) -> Iterator[tuple[CDPSession, dict[str, Any]]]:
        for frame_id in self._frame_ids():
            yield self.cdp, {"frameId": frame_id}
        for session in self._frame_sessions():
            yield session, {}

    def _dialog_nodes(self) -> tuple[dict[str, Any], dict[str, dict[str, Any]]] | None:
        for session, where in self._trees():
            try:
                nodes = session.send("Accessibility.getFullAXTree", where)["nodes"]
            except Exception:  # a frame that went away meanwhile
                continue
            by_id = {n["nodeId"]: n for n in nodes}
            for node in nodes:
                if _value(node, "role") == "dialog" and not node.get("ignored"):
                    return node, by_id
        return None

    def read(self) -> DialogView | None:
        """The open dialog, or None."""
        found = self._dialog_nodes()
        if found is None:
            return None
        root, by_id = found
        texts: list[str] = []
        buttons: list[str] = []
        links: list[str] = []
        focused = ""
        stack = list(reversed(root.get("childIds", [])))
        while stack:
            node = by_id.get(stack.pop())
            if node is None:
                continue
            role, name = _value(node, "role"), _value(node, "name")
            if role == "button":
                buttons.append(name)
            if role == "link":
                links.append(name)
            if role in ("StaticText", "text") and name:
                texts.append(name)
            if any(
                p["name"] == "focused" and p["value"].get("value")
                for p in node.get("properties", [])
            ):
                focused = name
            stack.extend(reversed(node.get("childIds", [])))
        return DialogView(
            _value(root, "name"), _value(root, "description"), buttons, focused, texts, links
        )

    def wait_open(self, timeout: float = 20.0, poll: float = 0.05) -> DialogView:
        """The dialog once it asks (not while it says "Checking"), read every `poll` s."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            view = self.read()
            if view is not None and view.buttons and "Checking" not in view.name:
                return view
            time.sleep(poll)
        raise AssertionError("the think-twice dialog did not open")

    def wait_for(self, text: str, timeout: float = 5.0) -> DialogView:
        """The open dialog once it shows `text` (the accessibility tree updates lazily)."""
        deadline = time.monotonic() + timeout
        view = self.wait_open()
        while text not in view.texts and time.monotonic() < deadline:
            time.sleep(0.05)
            view = self.wait_open()
        assert text in view.texts, f"{text!r} is not in the dialog: {view.texts}"
        return view

    def wait_focus(self, name: str, timeout: float = 5.0) -> DialogView:
        """The open dialog once `name` has the focus."""
        deadline = time.monotonic() + timeout
        view = self.wait_open()
        while view.focused != name and time.monotonic() < deadline:
            time.sleep(0.05)
            view = self.wait_open()
        assert view.focused == name, f"focus is on {view.focused!r}, not {name!r}"
        return view

    def wait_closed(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.read() is None:
                return
            time.sleep(0.05)
        raise AssertionError("the think-twice dialog did not close")

    def press(self, *keys: str) -> None:
        """Trusted key presses, as a person at the keyboard."""
        for key in keys:
            self.page.keyboard.press(key)

    def button_style(self, button: str, *properties: str) -> dict[str, str]:
        """The computed style of the button named `button` (what a person sees)."""
        node = self._button(button)
        self.cdp.send("CSS.enable")
        computed = self.cdp.send(
            "CSS.getComputedStyleForNode", {"nodeId": self._node_id(node["backendDOMNodeId"])}
        )["computedStyle"]
        return {p["name"]: p["value"] for p in computed if p["name"] in properties}

    def _node_id(self, backend_node_id: int) -> int:
        self.cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})
        pushed = self.cdp.send(
            "DOM.pushNodesByBackendIdsToFrontend", {"backendNodeIds": [backend_node_id]}
        )
        return int(pushed["nodeIds"][0])

    def _button(self, button: str, role: str = "button") -> dict[str, Any]:
        found = self._dialog_nodes()
        assert found is not None, "no dialog open"
        _, by_id = found
        node = next(
            (
                n
                for n in by_id.values()
                if _value(n, "role") == role and _value(n, "name") == button
            ),
            None,
        )
        assert node is not None, f"no {role} {button!r} in the dialog"
        return node

    def preview_drawn(self) -> bool:
        """Whether the open dialog's row shows its file's preview (a canvas in the closed root)."""
        root = self.cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})["root"]
        stack = [(root, False)]
        while stack:
            node, inside = stack.pop()
            name = node.get("localName", "")
            if inside and name == "canvas":
                return True
            below = inside or name == "thinktwice-dialog"
            for key in ("children", "shadowRoots"):
                stack.extend((child, below) for child in node.get(key, []))
        return False

    def centre(self, button: str, role: str = "button") -> tuple[float, float]:
        """Where the middle of the `role` named `button` is on the page (top frame)."""
        node = self._button(button, role)
        model = self.cdp.send("DOM.getBoxModel", {"backendNodeId": node["backendDOMNodeId"]})
        quad = model["model"]["border"]
        return sum(quad[0::2]) / 4, sum(quad[1::2]) / 4

    def click(self, button: str, role: str = "button") -> None:
        """A trusted mouse click in the middle of the `role` named `button` (top frame)."""
        self.page.mouse.click(*self.centre(button, role))


# DevTools sessions opened on each page: closing a page that is still navigating
# while such a session is attached can hang, so they are detached first.
_SESSIONS: dict[int, list[CDPSession]] = {}


def close_page(page: Page) -> None:
    """Detach the page's DevTools sessions, then close it."""
    for session in _SESSIONS.pop(id(page), []):
        with contextlib.suppress(Exception):
            session.detach()
    page.close()


def _value(node: dict[str, Any], key: str) -> str:
    return str(node.get(key, {}).get("value", ""))


@contextlib.contextmanager
def pointing_at(browser: Browser, data_dir: Path, *, start_service: bool = False) -> Iterator[None]:
    """The extension talks to the service of `data_dir` for the duration; the host
    starts it only if `start_service` (by default a stopped service stays stopped)."""
    original = browser.data_dir, browser.start_service
    browser.use(data_dir, start_service=start_service)
    try:
        yield
    finally:
        browser.use(original[0], start_service=original[1])


__all__ = ["Browser", "Dialog", "Service", "close_page", "pointing_at", "serving_pid"]
