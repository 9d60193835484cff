"""One tree for Chrome and Firefox: web-ext lint passes, and the files agree with each other."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import subprocess

from tests.extension.browser import EXTENSION, Browser
from tests.extension.webserver import NODE_MODULES
from thinktwice.native.install import CHROME_EXTENSION_ID, GECKO_EXTENSION_ID

MANIFEST = json.loads((EXTENSION / "manifest.json").read_text())
MESSAGES = json.loads((EXTENSION / "_locales" / "en" / "messages.json").read_text())
# The extension's string keys all start with one of these (dialogTitleOne, buttonCancel...).
STRING_PREFIXES = "|".join(
    ("ext", "menu", "badge", "error", "severity", "reason", "dialog", "notChecked", "button",
     "status", "popup", "options", "help")
)  # fmt: skip


def test_web_ext_lint_passes(npm_project: object) -> None:
    lint = subprocess.run(
        [
            str(NODE_MODULES / ".bin" / "web-ext"),
            "lint",
            "--source-dir",
            str(EXTENSION),
            "--output",
            "json",
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert lint.returncode == 0, lint.stdout + lint.stderr
    report = json.loads(lint.stdout)
    assert report["errors"] == [], report["errors"]


def test_one_manifest_declares_both_backgrounds() -> None:
    background = MANIFEST["background"]
    assert background["service_worker"] == "background/worker.js"
    assert background["scripts"] == ["background/worker.js"]
    assert background["type"] == "module"
    assert MANIFEST["browser_specific_settings"]["gecko"]["id"]


def test_host_permissions_are_the_service_and_the_default_sites(browser: Browser) -> None:
    defaults = {site["pattern"] for site in browser.call("() => self.thinktwice.defaultSites()")}
    expected = {"http://127.0.0.1/*", "http://localhost/*"} | defaults
    assert set(MANIFEST["host_permissions"]) == expected


def test_every_string_the_extension_shows_is_in_the_locale() -> None:
    used: set[str] = set()
    for path in EXTENSION.rglob("*"):
        if path.suffix == ".js":
            text = path.read_text()
            used |= set(re.findall(rf'"((?:{STRING_PREFIXES})[A-Z]\w*)"', text))
        elif path.suffix == ".html":
            used |= set(re.findall(r'data-i18n(?:-\w+)?="(\w+)"', path.read_text()))
    used |= set(re.findall(r"__MSG_(\w+)__", json.dumps(MANIFEST)))
    missing = sorted(k for k in used if k not in MESSAGES)
    assert not missing, f"strings missing from _locales/en/messages.json: {missing}"
    assert len(used) > 60  # the scan found the strings, not nothing


def test_the_extension_ids_the_host_allows_are_the_manifests() -> None:
    # Chrome derives an unpacked extension's id from the manifest's public key:
    # the first 32 hex digits of its SHA-256, written with the letters a to p.
    digest = hashlib.sha256(base64.b64decode(MANIFEST["key"])).hexdigest()[:32]
    assert "".join(chr(ord("a") + int(c, 16)) for c in digest) == CHROME_EXTENSION_ID
    assert MANIFEST["browser_specific_settings"]["gecko"]["id"] == GECKO_EXTENSION_ID
    assert "nativeMessaging" in MANIFEST["permissions"]


def test_the_loaded_extension_has_the_id_the_host_allows(browser: Browser) -> None:
    assert browser.extension_id == CHROME_EXTENSION_ID
