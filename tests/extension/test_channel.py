"""The extension's channel to the service: native messaging, and nobody else on it.

Real Chromium with the unpacked extension; the native host registered in the
test profile as `thinktwice setup --chromium-profile` does; the real service.
What answers must be ThinkTwice's host, reaching this account's service: a
missing host, a host that is not ThinkTwice's, and another account's server on
the old port all mean "not checked", and none of them gets the photo.
"""

from __future__ import annotations

import json
import signal
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.extension.actions import decision_recorded, nothing_arrives, pick_with_chooser
from tests.extension.browser import Browser, Dialog, Service, pointing_at, serving_pid
from tests.extension.conftest import Photo
from tests.extension.webserver import Site
from tests.support.accounts import start_as_stranger
from tests.support.exiftool import assert_clean
from tests.support.service import stop_serving
from thinktwice.native import install


def _upload(page: Page, site: Site, photo: Photo) -> Dialog:
    page.goto(site.url("detached.html"))
    pick_with_chooser(page, [photo.path], "#pick")
    return Dialog(page)


@pytest.fixture
def fresh(tmp_path: Path) -> Iterator[Path]:
    """A data dir with no service yet; whatever the host starts there is stopped after."""
    data = tmp_path / "fresh"
    yield data
    stop_serving(data)


def test_an_upload_is_checked_end_to_end_by_a_service_the_host_started(
    browser: Browser,
    page: Page,
    site: Site,
    photos: dict[str, Photo],
    fresh: Path,
    service: Service,
) -> None:
    original = photos["IMG_2041.jpg"]
    assert serving_pid(fresh) is None
    with pointing_at(browser, fresh, start_service=True):  # its connection check starts it
        started = serving_pid(fresh)
        assert started is not None and started != service.pid
        dialog = _upload(page, site, original)
        view = dialog.wait_open(timeout=60)
        assert view.name == "Think twice before sending IMG_2041.jpg"
        dialog.press("Enter")  # Send cleaned copy
        (received,) = site.uploads.wait(1)
        assert_clean(received.data, ".jpg")
        history = Service(fresh).history()
        assert [entry["decision"] for entry in history] == ["sent_cleaned"]


def test_a_browser_where_thinktwice_is_not_set_up_says_so(
    browser: Browser, page: Page, site: Site, photos: dict[str, Photo]
) -> None:
    target = install.profile_target(browser.profile)
    target.manifest.unlink()
    browser.call("() => self.thinktwice.reconnect()")
    try:
        assert browser.call("() => self.thinktwice.connection()")["state"] == "not_set_up"
        dialog = _upload(page, site, photos["IMG_2041.jpg"])
        view = dialog.wait_open()
        assert view.name == "This photo was not checked"
        assert any("not set up in this browser" in text for text in view.texts)
        dialog.press("Enter")  # Cancel
        nothing_arrives(site)
    finally:
        browser.use(browser.data_dir)


FAKE_HOST = """
import json, struct, sys
log = open({log!r}, "a")
while head := sys.stdin.buffer.read(4):
    message = json.loads(sys.stdin.buffer.read(struct.unpack("=I", head)[0]))
    log.write(json.dumps({{"type": message.get("type"), "size": len(json.dumps(message))}}) + "\\n")
    log.flush()
    if message.get("type") == "hello":
        body = json.dumps({{"type": "hello", "app": "photo-helper", "protocol": 1}}).encode()
        sys.stdout.buffer.write(struct.pack("=I", len(body)) + body)
        sys.stdout.buffer.flush()
"""


def test_a_host_that_is_not_thinktwices_gets_nothing_but_the_hello(
    browser: Browser, page: Page, site: Site, photos: dict[str, Photo], tmp_path: Path
) -> None:
    log = tmp_path / "fake-host.log"
    launcher = tmp_path / "fake-host"
    code = textwrap.dedent(FAKE_HOST).format(log=str(log))
    launcher.write_text(f"#!{sys.executable}\n{code}")
    launcher.chmod(0o700)
    target = install.profile_target(browser.profile)
    manifest = install.host_manifest(target, launcher)
    target.manifest.write_text(json.dumps(manifest))
    browser.call("() => self.thinktwice.reconnect()")
    try:
        dialog = _upload(page, site, photos["IMG_2041.jpg"])
        view = dialog.wait_open()
        assert view.name == "This photo was not checked"
        dialog.press("Enter")
        nothing_arrives(site)
        received = [json.loads(line) for line in log.read_text().splitlines()]
        assert [m["type"] for m in received] == ["hello"]  # never a request, never a part
    finally:
        browser.use(browser.data_dir)


IMPOSTOR = """
import http.server, socketserver
class Record(http.server.BaseHTTPRequestHandler):
    def do_GET(self): self.record()
    def do_POST(self): self.record()
    def do_OPTIONS(self): self.record()
    def record(self):
        print("request", self.command, self.path, flush=True)
        self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()
server = socketserver.TCPServer(("127.0.0.1", {port}), Record)
print("listening", flush=True)
server.serve_forever()
"""


def test_another_accounts_server_on_the_old_port_never_sees_the_photo(
    browser: Browser, page: Page, site: Site, photos: dict[str, Photo], tmp_path: Path
) -> None:
    impostor = start_as_stranger(IMPOSTOR.format(port=8765))
    try:
        assert impostor.stdout is not None
        assert impostor.stdout.readline().strip() == "listening"
        with pointing_at(browser, tmp_path / "stopped"):  # our service is not running
            dialog = _upload(page, site, photos["IMG_2041.jpg"])
            view = dialog.wait_open()
            assert view.name == "This photo was not checked"
            dialog.press("Enter")
            nothing_arrives(site)
    finally:
        impostor.send_signal(signal.SIGTERM)
        out, _ = impostor.communicate(timeout=10)
    assert "request" not in out, out


def test_one_pages_photo_cannot_be_fetched_or_decided_from_another_page(
    browser: Browser, page: Page, site: Site, photos: dict[str, Photo], service: Service
) -> None:
    dialog = _upload(page, site, photos["IMG_2041.jpg"])
    dialog.wait_open()
    inspection = service.history()[0]["id"]
    other = browser.context.new_page()
    try:
        other.goto(site.url("input.html"))
        for message in (
            {"type": "cleanedPart", "key": inspection, "index": 0},
            {"type": "hideFaces", "id": inspection},
            {"type": "decision", "ids": [inspection], "action": "sent_original"},
        ):
            reply = browser.in_content_script(
                other, f"chrome.runtime.sendMessage({json.dumps(message)})"
            )
            assert reply == {"ok": False, "error": "Refused: that photo was not held in this page."}
    finally:
        other.close()
    dialog.press("Escape")
    dialog.wait_closed()
    decision_recorded(service, "cancelled")  # the page's own choice, not the other's


def test_content_scripts_find_no_secret_in_the_extensions_storage(
    browser: Browser, page: Page, site: Site
) -> None:
    page.goto(site.url("input.html"))
    stored = browser.in_content_script(page, "chrome.storage.local.get(null)")
    assert not {"token", "serviceUrl"} & set(stored), stored
