"""Debian's Firefox ESR as the tests drive it: headless, offline, over Marionette.

There is no geckodriver here, so the tests speak Marionette, Firefox's own
remote protocol, themselves (`Marionette`, a few dozen lines): a TCP socket,
each message `LENGTH:JSON`; a command is `[0, id, name, params]`, its answer
`[1, id, error, result]`. `Firefox` starts /usr/bin/firefox-esr with a fresh
profile (prefs that keep it quiet and offline, the add-on UUIDs fixed so the
tests know the extension's moz-extension:// origin) and a HOME of its own, so
the native host manifests it reads are the test's, in HOME/.mozilla.

Every Firefox process (and whatever it started in its process group) is gone
after `close()`; a native host's service runs in a session of its own and is
stopped by the test that let it start.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

FIREFOX = "/usr/bin/firefox-esr"
# System access: the chrome context, to open the extension's own pages (an
# unknown flag to Firefox releases before it was required).
FIREFOX_FLAGS = ("--headless", "--marionette", "--no-remote", "-remote-allow-system-access")
# The key WebDriver uses for an element reference in answers and arguments.
ELEMENT = "element-6066-11e4-a52e-4f735466cecf"

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


class MarionetteError(Exception):
    """Firefox answered a command with an error."""

    def __init__(self, command: str, error: dict[str, Any]) -> None:
        self.error = str(error.get("error", ""))
        super().__init__(f"{command}: {self.error}: {error.get('message', '')}")


class Marionette:
    """One Marionette connection: send a command, read its answer."""

    def __init__(self, port: int, timeout: float = 30.0) -> None:
        self._socket = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self._buffer = b""
        self._next = 0
        self.greeting = self._read()  # {"applicationType": "gecko", "marionetteProtocol": 3}

    def _read(self) -> Any:
        while b":" not in self._buffer:
            self._receive()
        length, _, rest = self._buffer.partition(b":")
        self._buffer = rest
        size = int(length)
        while len(self._buffer) < size:
            self._receive()
        body, self._buffer = self._buffer[:size], self._buffer[size:]
        return json.loads(body)

    def _receive(self) -> None:
        chunk = self._socket.recv(65536)
        if not chunk:
            raise ConnectionError("Marionette closed the connection")
        self._buffer += chunk

    def command(self, name: str, params: dict[str, Any] | None = None) -> Any:
        """Run `name` with `params`; its result, or MarionetteError."""
        self._next += 1
        body = json.dumps([0, self._next, name, params or {}]).encode()
        self._socket.sendall(str(len(body)).encode() + b":" + body)
        while True:
            kind, msgid, error, result = self._read()
            if kind == 1 and msgid == self._next:
                break
        if error is not None:
            raise MarionetteError(name, error)
        return result

    def close(self) -> None:
        self._socket.close()


class Firefox:
    """Headless Firefox ESR in a fresh profile under `root`, with a session open.

    `addon_uuids` fixes the moz-extension:// UUID of each add-on id; HOME is
    `root/home` (write native host manifests to `home/.mozilla/...`).
    """

    def __init__(self, root: Path, *, addon_uuids: dict[str, str], timeout: float = 60.0) -> None:
        self.profile = root / "profile"
        self.home = root / "home"
        self.profile.mkdir(parents=True)
        self.home.mkdir(parents=True, exist_ok=True)
        prefs = {**QUIET_PREFS, "extensions.webextensions.uuids": json.dumps(addon_uuids)}
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
        self.command("Marionette:SetContext", {"value": "chrome"})
        try:
            self.execute(
                """
                const tab = gBrowser.addTab(arguments[0], {
                  triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal(),
                });
                gBrowser.selectedTab = tab;
                """,
                url,
            )
        finally:
            self.command("Marionette:SetContext", {"value": "content"})
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


ENTER = "\ue007"

__all__ = ["ELEMENT", "ENTER", "FIREFOX", "Firefox", "Marionette", "MarionetteError"]
