"""Faults while a photo is being inspected: the person is told, nothing slips through.

The service is killed (SIGKILL, as a crash or the OOM killer would) while it is
inspecting a large photo, or is too busy with stalled uploads to take it: the
dialog says the photo was not checked, offers only Cancel and "Send original
anyway", and Cancel gives the site nothing.
"""

from __future__ import annotations

import os
import signal
import socket
import time
from pathlib import Path

from PIL import Image
from playwright.sync_api import Page

from tests.extension.actions import nothing_arrives, pick_with_input
from tests.extension.browser import Browser, Dialog, Service, pointing_at
from tests.extension.conftest import Photo
from tests.extension.webserver import Site
from tests.support.images import encode


def _large_jpeg(path: Path) -> Path:
    """A 24 MP (6000x4000) photo-like JPEG: a few hundred ms to inspect with pixel analysis."""
    size = (6000, 4000)
    noise = Image.effect_noise(size, 48)
    gradient = Image.linear_gradient("L").resize(size)
    mirrored = gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    rgb = Image.merge("RGB", (Image.blend(gradient, noise, 0.3), mirrored, noise))
    path.write_bytes(encode(rgb, "JPEG", quality=95))
    return path


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of process `pid` (/proc/PID/stat, fields 14 and 15)."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat.rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _wait_idle(pid: int, timeout: float = 60.0) -> float:
    """The CPU time of `pid` once it has stopped working (the models are warm)."""
    deadline = time.monotonic() + timeout
    before = _cpu_seconds(pid)
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = _cpu_seconds(pid)
        if now - before < 0.03:
            return now
        before = now
    raise AssertionError(f"the service was still busy after {timeout} s")


def _wait_busy(pid: int, since: float, by: float = 0.03, timeout: float = 20.0) -> None:
    """Wait until `pid` has used `by` more CPU seconds than `since`: it is inspecting."""
    deadline = time.monotonic() + timeout
    while _cpu_seconds(pid) - since < by:
        assert time.monotonic() < deadline, "the service never started inspecting"
        time.sleep(0.002)


def test_a_service_killed_mid_inspection_means_not_checked(
    browser: Browser, page: Page, site: Site, tmp_path: Path
) -> None:
    large = _large_jpeg(tmp_path / "DSC_0001.jpg")
    other = Service(tmp_path / "data").start()
    try:
        pid = other.pid
        with pointing_at(browser, other.data_dir):
            assert browser.call("() => self.thinktwice.connection()")["state"] == "connected"
            idle = _wait_idle(pid)
            page.goto(site.url("input.html"))
            pick_with_input(page, [large])
            _wait_busy(pid, idle)
            dialog = Dialog(page)
            before = dialog.read()  # no answer yet: at most the "Checking" placeholder
            assert before is None or "Checking" in before.name, before
            assert site.uploads.snapshot() == []
            os.kill(pid, signal.SIGKILL)

            view = dialog.wait_open()
            assert view.name == "This photo was not checked"
            assert view.description.startswith("ThinkTwice could not see what it reveals")
            assert view.buttons == ["Cancel", "Send original anyway"]
            assert view.focused == "Cancel"
            dialog.click("Cancel")
            dialog.wait_closed()
            nothing_arrives(site)
            assert page.evaluate("window.received") == []
    finally:
        other.stop()


def test_a_service_too_busy_to_take_the_photo_means_not_checked(
    browser: Browser, page: Page, site: Site, photos: dict[str, Photo], tmp_path: Path
) -> None:
    # Uploads in flight may hold 2 MiB together; a stalled one holds all but 100 bytes.
    budget = 2 * 1024 * 1024
    busy = Service(
        tmp_path / "busy", max_upload_bytes=budget, inflight_bytes=budget, body_timeout_s=60.0
    ).start()
    stalled = socket.socket(socket.AF_UNIX)
    try:
        stalled.connect(str(busy.socket))
        head = (
            "POST /v1/inspect HTTP/1.1\r\nHost: thinktwice\r\n"
            "Content-Type: multipart/form-data; boundary=x\r\n"
            f"Content-Length: {budget}\r\n\r\n"
            '--x\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\n'
        )
        stalled.sendall(head.encode() + b"\xff" * (budget - 200))
        with pointing_at(browser, busy.data_dir):
            page.goto(site.url("input.html"))
            pick_with_input(page, [photos["IMG_2041.jpg"].path])
            dialog = Dialog(page)
            view = dialog.wait_open()
            assert view.name == "This photo was not checked"
            assert any("busy" in text for text in view.texts), view.texts
            dialog.click("Cancel")
            dialog.wait_closed()
            nothing_arrives(site)
    finally:
        stalled.close()
        busy.stop()
