"""Debian's Firefox ESR as the tests drive it: headless, offline, over Marionette.

There is no geckodriver here, so the tests speak Marionette, Firefox's own
remote protocol, themselves (tests/support/marionette.py). `Firefox` starts
/usr/bin/firefox-esr with a fresh profile (prefs that keep it quiet and
offline, the add-on UUIDs fixed so the tests know the extension's
moz-extension:// origin) and a HOME of its own, so the native host manifests
it reads are the test's, in HOME/.mozilla.

`dialog()` reads the current tab's first dialog as a screen reader does, from
Firefox's accessibility tree in the browser's chrome: the think-twice dialog
lives in a closed shadow root, which no page script can enter.

Every Firefox process (and whatever it started in its process group) is gone
after `close()`; a native host's service runs in a session of its own and is
stopped by the test that let it start.
"""

from __future__ import annotations

import base64
import contextlib
import ctypes
import io
import json
import os
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image

from tests.support.marionette import ELEMENT, Marionette, MarionetteError

FIREFOX = "/usr/bin/firefox-esr"
# System access: the chrome context, to open the extension's own pages (an
# unknown flag to Firefox releases before it was required).
FIREFOX_FLAGS = ("--headless", "--marionette", "--no-remote", "-remote-allow-system-access")

# No updates, telemetry, Safe Browsing lists, remote settings or first-run
# pages: nothing that reaches for the network or slows a start on its own.
QUIET_PREFS: dict[str, object] = {
    "app.update.disabledForTesting": True,
    "app.update.auto": False,
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "browser.startup.page": 0,
    "browser.aboutwelcome.enabled": False,
    "browser.newtabpage.enabled": False,
    "browser.region.network.url": "",
    "browser.safebrowsing.malware.enabled": False,
    "browser.safebrowsing.phishing.enabled": False,
    "browser.safebrowsing.downloads.enabled": False,
    "browser.safebrowsing.blockedURIs.enabled": False,
    "browser.safebrowsing.provider.google4.updateURL": "",
    "browser.safebrowsing.provider.mozilla.updateURL": "",
    "datareporting.healthreport.uploadEnabled": False,
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.enabled": False,
    "toolkit.telemetry.unified": False,
    "toolkit.telemetry.archive.enabled": False,
    "toolkit.telemetry.server": "",
    "services.settings.server": "data:,#remote-settings-off/v1",
    "extensions.update.enabled": False,
    "extensions.getAddons.cache.enabled": False,
    "extensions.blocklist.enabled": False,
    "extensions.systemAddon.update.enabled": False,
    "media.gmp-manager.updateEnabled": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "network.dns.disablePrefetch": True,
    "network.prefetch-next": False,
    "toolkit.startup.max_resumed_crashes": -1,
    "app.normandy.enabled": False,
    "app.shield.optoutstudies.enabled": False,
    "messaging-system.rsexperimentloader.enabled": False,
    # Port 0: Marionette takes a free port and writes it to MarionetteActivePort.
    "marionette.port": 0,
}


# Chrome-context script: the first dialog in the selected tab's accessibility
# tree (the parent process holds a cache of every content process's tree).
READ_DIALOG = """
const service = Cc["@mozilla.org/accessibilityService;1"].getService(Ci.nsIAccessibilityService);
const Role = Ci.nsIAccessibleRole;
const focused = (acc) => {
  const state = {}, extra = {};
  acc.getState(state, extra);
  return Boolean(state.value & Ci.nsIAccessibleStates.STATE_FOCUSED);
};
const find = (acc) => {
  if (acc.role === Role.ROLE_DIALOG) return acc;
  for (let child = acc.firstChild; child; child = child.nextSibling) {
    const found = find(child);
    if (found) return found;
  }
  return null;
};
const top = service.getAccessibleFor(gBrowser.selectedBrowser);
const dialog = top && find(top);
if (!dialog) return null;
const view = { name: dialog.name ?? "", buttons: [], texts: [], focused: "" };
(function walk(acc) {
  for (let child = acc.firstChild; child; child = child.nextSibling) {
    if (child.role === Role.ROLE_PUSHBUTTON) view.buttons.push(child.name);
    if (child.role === Role.ROLE_TEXT_LEAF && child.name) view.texts.push(child.name);
    if (focused(child)) view.focused = child.name ?? "";
    walk(child);
  }
})(dialog);
return view;
"""


# Chrome-context script: where the dialog's button named `arguments[0]` is, in CSS
# pixels of the screen: [left, top, width, height] (the page's viewport is at
# window.mozInnerScreenX/Y there), or null.
BUTTON_BOUNDS = """
const service = Cc["@mozilla.org/accessibilityService;1"].getService(Ci.nsIAccessibilityService);
const find = (acc) => {
  if (acc.role === Ci.nsIAccessibleRole.ROLE_PUSHBUTTON && acc.name === arguments[0]) return acc;
  for (let child = acc.firstChild; child; child = child.nextSibling) {
    const found = find(child);
    if (found) return found;
  }
  return null;
};
const top = service.getAccessibleFor(gBrowser.selectedBrowser);
const button = top && find(top);
if (!button) return null;
const x = {}, y = {}, w = {}, h = {};
button.getBoundsInCSSPixels(x, y, w, h);
return [x.value, y.value, w.value, h.value];
"""


# Chrome-context script: the next file picker a page opens (in any tab) picks the
# files at `arguments[0]` and closes, as if the person had chosen them. It takes
# the place of Firefox's picker component for that one picker, then gives it back.
MOCK_PICKER = """
const paths = arguments[0];
const registrar = Components.manager.QueryInterface(Ci.nsIComponentRegistrar);
const contract = "@mozilla.org/filepicker;1";
const original = registrar.contractIDToCID(contract);
const cid = Components.ID(Services.uuid.generateUUID().toString());
const files = () => paths.map((p) => {
  const file = Cc["@mozilla.org/file/local;1"].createInstance(Ci.nsIFile);
  file.initWithPath(p);
  return file;
});
const enumerate = (items) => ({
  QueryInterface: ChromeUtils.generateQI(["nsISimpleEnumerator"]),
  hasMoreElements: () => items.length > 0,
  getNext: () => items.shift(),
  [Symbol.iterator]: () => items.values(),
});
const picker = () => ({
  QueryInterface: ChromeUtils.generateQI(["nsIFilePicker"]),
  defaultString: "", defaultExtension: "", filterIndex: 0, displayDirectory: null,
  displaySpecialDirectory: "", addToRecentDocs: false, okButtonLabel: "", capture: 0,
  init(parent, title, mode) { this.mode = mode; },
  appendFilter() {}, appendFilters() {}, appendRawFilter() {},
  isModeSupported: () => true,
  get file() { return files()[0]; },
  get files() { return enumerate(files()); },
  get domFileOrDirectory() { return null; },
  get domFileOrDirectoryEnumerator() { return enumerate([]); },
  open(callback) {
    registrar.unregisterFactory(cid, factory);
    registrar.registerFactory(original, "", contract, null);
    Services.tm.dispatchToMainThread(() => callback.done(Ci.nsIFilePicker.returnOK));
  },
  close() {},
});
const factory = {
  QueryInterface: ChromeUtils.generateQI(["nsIFactory"]),
  createInstance: (iid) => picker().QueryInterface(iid),
};
registrar.registerFactory(cid, "ThinkTwice tests' file picker", contract, factory);
"""


# Frame script (in the tab's content process, privileged): a trusted drop of one
# file on the element `selector`, as from the desktop. The DataTransfer and its
# File are made with the page's own principal (a drop's items are hidden from the
# page when the browser's chrome put them there); a test drag session carries it
# through dragenter, dragover and drop.
DROP = """
const [selector, name, type, base64] = ARGS;
const sandbox = Cu.Sandbox(content.document.nodePrincipal, { sandboxPrototype: content });
sandbox.args = Cu.cloneInto([name, type, base64], sandbox);
const dataTransfer = Cu.evalInSandbox(`
  const [name, type, base64] = args;
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const dataTransfer = new DataTransfer();
  dataTransfer.items.add(new File([bytes], name, { type }));
  dataTransfer;
`, sandbox);
const target = content.document.querySelector(selector);
const box = target.getBoundingClientRect();
const drags = Cc["@mozilla.org/widget/dragservice;1"].getService(Ci.nsIDragService);
drags.startDragSessionForTests(content, Ci.nsIDragService.DRAGDROP_ACTION_COPY);
const session = drags.getCurrentSession(content);
session.dataTransfer = dataTransfer;
try {
  for (const kind of ["dragenter", "dragover", "drop"]) {
    const event = new content.DragEvent(kind, {
      bubbles: true, cancelable: true, dataTransfer,
      clientX: box.x + box.width / 2, clientY: box.y + box.height / 2,
    });
    content.windowUtils.dispatchDOMEventViaPresShellForTesting(target, event);
  }
} finally {
  session.endDragSession(true);
}
"""


@dataclass(frozen=True)
class DialogView:
    """A dialog as the accessibility tree presents it."""

    name: str
    buttons: list[str]
    texts: list[str]
    focused: str


class Firefox:
    """Headless Firefox ESR in a fresh profile under `root`, with a session open.

    `addon_uuids` fixes the moz-extension:// UUID of each add-on id; HOME is
    `root/home` (write native host manifests to `home/.mozilla/...`); downloads
    are saved in `root/downloads`; `prefs` are more preferences (a language...).
    """

    def __init__(
        self,
        root: Path,
        *,
        addon_uuids: dict[str, str],
        timeout: float = 60.0,
        prefs: dict[str, object] | None = None,
    ) -> None:
        self.profile = root / "profile"
        self.home = root / "home"
        self.profile.mkdir(parents=True)
        self.home.mkdir(parents=True, exist_ok=True)
        self.downloads = root / "downloads"
        prefs = {
            **QUIET_PREFS,
            "extensions.webextensions.uuids": json.dumps(addon_uuids),
            # Downloads go to `downloads`, without asking.
            "browser.download.folderList": 2,
            "browser.download.dir": str(self.downloads),
            "browser.download.useDownloadDir": True,
            "browser.download.always_ask_before_handling_new_types": False,
            "browser.download.start_downloads_in_tmp_dir": False,
            "browser.download.alwaysOpenPanel": False,
            **(prefs or {}),
        }
        (self.profile / "user.js").write_text(
            "".join(f"user_pref({json.dumps(k)}, {json.dumps(v)});\n" for k, v in prefs.items())
        )
        env = {k: v for k, v in os.environ.items() if k != "XDG_CONFIG_HOME"}
        env.update(HOME=str(self.home), MOZ_CRASHREPORTER_DISABLE="1", MOZ_HEADLESS="1")
        self.log = root / "firefox.log"
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [FIREFOX, *FIREFOX_FLAGS, "--profile", str(self.profile)],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                start_new_session=True,  # one process group: close() ends all of it
                preexec_fn=_die_with_parent,  # and a killed test run leaves none behind
            )
        try:
            self.marionette = Marionette(self._port(timeout))
            session = self.command("WebDriver:NewSession", {"capabilities": {"alwaysMatch": {}}})
        except BaseException:
            self._kill()
            raise
        self.capabilities: dict[str, Any] = session["capabilities"]

    def _port(self, timeout: float) -> int:
        active = self.profile / "MarionetteActivePort"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"firefox-esr exited ({self.process.returncode}); see {self.log}"
                )
            with contextlib.suppress(FileNotFoundError, ValueError):
                return int(active.read_text())
            time.sleep(0.05)
        raise RuntimeError(f"Marionette did not start within {timeout} s; see {self.log}")

    def command(self, name: str, params: dict[str, Any] | None = None) -> Any:
        return self.marionette.command(name, params)

    @property
    def version(self) -> str:
        """Firefox's version ("153.8.0")."""
        return str(self.capabilities["browserVersion"])

    def install_temporary_addon(self, path: Path) -> str:
        """Load the unpacked add-on at `path` until Firefox quits; its id."""
        result = self.command("Addon:Install", {"path": str(path), "temporary": True})
        return str(result["value"])

    def navigate(self, url: str) -> None:
        """Load `url` in the current tab and wait for it (web pages only)."""
        self.command("WebDriver:Navigate", {"url": url})

    def open_privileged(self, url: str, timeout: float = 20.0) -> None:
        """Open `url` in a new tab as the browser itself would, and switch to it.

        Marionette refuses to navigate content to moz-extension:// pages, so this
        opens them from the browser's chrome with the system principal.
        """
        before = set(self.command("WebDriver:GetWindowHandles"))
        self.in_chrome(
            """
            const tab = gBrowser.addTab(arguments[0], {
              triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal(),
            });
            gBrowser.selectedTab = tab;
            """,
            url,
        )
        # The new tab is among the handles Marionette did not know before (with
        # any tab the extension opened meanwhile, such as its help page).
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for handle in set(self.command("WebDriver:GetWindowHandles")) - before:
                self.command("WebDriver:SwitchToWindow", {"handle": handle})
                with contextlib.suppress(MarionetteError):
                    if self.execute("return [location.href, document.readyState]") == [
                        url,
                        "complete",
                    ]:
                        return
            time.sleep(0.05)
        raise AssertionError(f"{url} did not load within {timeout} s")

    def close_tab(self) -> None:
        """Close the current tab and switch to one that is left."""
        handles = self.command("WebDriver:CloseWindow")
        if handles:
            self.command("WebDriver:SwitchToWindow", {"handle": handles[0]})

    def execute(self, script: str, *args: Any, asynchronous: bool = False) -> Any:
        """Run `script` (a function body; `arguments` are `args`) in the page; its value.

        With `asynchronous`, the script calls `arguments[arguments.length - 1](value)`.
        """
        name = "WebDriver:ExecuteAsyncScript" if asynchronous else "WebDriver:ExecuteScript"
        return self.command(name, {"script": script, "args": list(args)})["value"]

    def find(self, css: str) -> dict[str, str]:
        """The first element matching `css` (a reference to pass back to commands)."""
        found = self.command("WebDriver:FindElement", {"using": "css selector", "value": css})
        return dict(found["value"])

    def text(self, css: str) -> str:
        element = self.find(css)
        return str(self.command("WebDriver:GetElementText", {"id": element[ELEMENT]})["value"])

    def wait_for_text(self, css: str, wanted: str, timeout: float = 20.0) -> str:
        """The text of `css` once it contains `wanted`; fails with the last text seen."""
        deadline = time.monotonic() + timeout
        seen = ""
        while time.monotonic() < deadline:
            with contextlib.suppress(MarionetteError):
                seen = self.text(css)
                if wanted in seen:
                    return seen
            time.sleep(0.1)
        raise AssertionError(f"{css} says {seen!r}, not {wanted!r}, after {timeout} s")

    def dialog(self) -> DialogView | None:
        """The first dialog open in the current tab, or None."""
        view = self.in_chrome(READ_DIALOG)
        return None if view is None else DialogView(**view)

    def wait_for_dialog(
        self, focused: str, name: str | None = None, timeout: float = 20.0
    ) -> DialogView:
        """The open dialog once the button `focused` has the focus (its question is up)
        and, if given, the dialog is called `name`."""
        deadline = time.monotonic() + timeout
        view = None
        while time.monotonic() < deadline:
            view = self.dialog()
            if view is not None and view.focused == focused and name in (None, view.name):
                return view
            time.sleep(0.05)
        raise AssertionError(f"no dialog with {focused!r} focused after {timeout} s: {view}")

    def in_chrome(self, script: str, *args: Any) -> Any:
        """Run `script` in the browser's own (privileged) window; its value."""
        self.command("Marionette:SetContext", {"value": "chrome"})
        try:
            return self.execute(script, *args)
        finally:
            self.command("Marionette:SetContext", {"value": "content"})

    def will_pick(self, *files: Path) -> None:
        """The next file picker a page opens picks `files`, as the person would."""
        self.in_chrome(MOCK_PICKER, [str(f) for f in files])

    def drop(self, css: str, file: Path, media_type: str) -> None:
        """Drag `file` from the desktop and drop it on the element `css` (trusted events)."""
        args = [css, file.name, media_type, base64.b64encode(file.read_bytes()).decode()]
        script = f"const ARGS = {json.dumps(args)};\n{DROP}"
        self.in_chrome(
            "gBrowser.selectedBrowser.messageManager"
            ".loadFrameScript('data:,' + encodeURIComponent(arguments[0]), false);",
            script,
        )

    def button_centre(self, name: str) -> tuple[float, float]:
        """Where the middle of the dialog's button `name` is in the page's viewport."""
        bounds = self.in_chrome(BUTTON_BOUNDS, name)
        assert bounds is not None, f"no button {name!r} in a dialog"
        left, top = self.execute("return [window.mozInnerScreenX, window.mozInnerScreenY]")
        return bounds[0] - left + bounds[2] / 2, bounds[1] - top + bounds[3] / 2

    def click_at(self, x: float, y: float) -> None:
        """A trusted mouse click at (x, y) of the page's viewport, whatever is there."""
        move = {"type": "pointerMove", "x": round(x), "y": round(y), "origin": "viewport"}
        press = [move, {"type": "pointerDown", "button": 0}, {"type": "pointerUp", "button": 0}]
        self.command(
            "WebDriver:PerformActions",
            {"actions": [{"type": "pointer", "id": "mouse", "actions": press}]},
        )
        self.command("WebDriver:ReleaseActions")

    def pixel(self, x: float, y: float) -> tuple[int, int, int]:
        """The colour the person sees at (x, y) of the page's viewport (CSS pixels)."""
        png = base64.b64decode(self.command("WebDriver:TakeScreenshot", {"full": False})["value"])
        scale = self.execute("return window.devicePixelRatio")
        shot = Image.open(io.BytesIO(png)).convert("RGB")
        r, g, b = shot.getpixel((int(x * scale), int(y * scale)))  # type: ignore[misc]
        return int(r), int(g), int(b)

    def click(self, css: str) -> None:
        """A trusted click on the element `css` (as the person's mouse)."""
        element = self.find(css)
        self.command("WebDriver:ElementClick", {"id": element[ELEMENT]})

    def send_keys(self, css: str, text: str) -> None:
        """Type `text` into `css`; for <input type=file>, pick the file at path `text`."""
        element = self.find(css)
        self.command("WebDriver:ElementSendKeys", {"id": element[ELEMENT], "text": text})

    def press(self, *keys: str) -> None:
        """Trusted key presses on the focused element (WebDriver key values: "\\ue007" Enter)."""
        actions = []
        for key in keys:
            actions += [{"type": "keyDown", "value": key}, {"type": "keyUp", "value": key}]
        self.command(
            "WebDriver:PerformActions",
            {"actions": [{"type": "key", "id": "keyboard", "actions": actions}]},
        )
        self.command("WebDriver:ReleaseActions")

    def close(self) -> None:
        """Quit Firefox; end whatever of its process group is left."""
        with contextlib.suppress(Exception):
            self.command("Marionette:Quit", {"flags": ["eForceQuit"]})
        with contextlib.suppress(Exception):
            self.marionette.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(15)
        self._kill()

    def _kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(10)


def _die_with_parent() -> None:
    """In the child before exec: SIGKILL it when the test process dies (Linux's
    PR_SET_PDEATHSIG); its content processes quit when it does."""
    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGKILL)


# WebDriver's key values.
ENTER = "\ue007"
TAB = "\ue004"
ESCAPE = "\ue00c"

__all__ = [
    "ELEMENT",
    "ENTER",
    "ESCAPE",
    "FIREFOX",
    "TAB",
    "DialogView",
    "Firefox",
    "MarionetteError",
]
