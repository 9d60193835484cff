"""Extension benchmark: how long a person waits for the dialog, and for the page to get the files.

For a 12-megapixel JPEG carrying a phone's metadata, chosen in a page's file
picker on a watched site (headless Debian Chromium, the unpacked extension, a
real `thinktwice serve` with pixel analysis):
- "dialog": from the moment the page's input fires with the file to the dialog
  being shown (read, base64 to the worker, to the service, the report back to
  the page, render);
- "deliver": from "Send cleaned copy" to the page's own change handler having
  the cleaned file (it runs inside the event the extension dispatches).
Both are measured by the content script (performance.now()) and kept by the
worker (self.thinktwice.timings()). Goals: medians at most 250 ms and 50 ms.

Two channels, alternating in one run:
- "native": today's extension, through native messaging, the host and the Unix socket;
- "http": the extension as it was before native messaging (git commit OLD_HTTP,
  read with `git archive`), over `thinktwice serve --tcp` with the token,
  paired with a code: the old path's figures, for comparison.

    .venv/bin/python scripts/bench_extension.py [--rounds N] [--no-http]
"""

from __future__ import annotations

import argparse
import io
import re
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "scripts")]

from bench_support import p95, photo_jpeg  # noqa: E402 - beside this file
from playwright.sync_api import sync_playwright  # noqa: E402

from tests.extension.actions import pick_with_chooser  # noqa: E402
from tests.extension.browser import Browser, Dialog, Service, close_page  # noqa: E402
from tests.extension.webserver import Site  # noqa: E402
from tests.support.net import free_port  # noqa: E402

GOALS_MS = {"dialog": 250.0, "deliver": 50.0}
OLD_HTTP = "be215a6"  # the last commit whose extension talked HTTP to the service


def _old_extension(into: Path) -> Path:
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", OLD_HTTP, "extension"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "extension"


def _pairing_code(data_dir: Path) -> str:
    command = [sys.executable, "-m", "thinktwice", "pair", "--data-dir", str(data_dir)]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    match = re.search(r"\b([A-Z2-9]{4}-[A-Z2-9]{4})\b", out)
    assert match, out
    return match.group(1)


def bench_extension(rounds: int = 7, http: bool = True) -> dict[str, dict[str, dict[str, float]]]:
    """{channel: {"dialog"|"deliver": {median_ms, p95_ms}}} over `rounds` uploads each."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        jpeg = photo_jpeg(folder / "IMG_4000.jpg")
        service = Service(folder / "data").start()
        tcp = None
        site = Site({}).start()
        try:
            with sync_playwright() as playwright:
                native = Browser(playwright, folder / "p1", folder / "d1", service.data_dir)
                browsers = {"native": native}
                if http:
                    port = free_port()
                    tcp = _tcp_service(folder / "tcp-data", port)
                    old = Browser(
                        playwright,
                        folder / "p2",
                        folder / "d2",
                        folder / "unused",
                        extension=_old_extension(folder / "old"),
                    )
                    old.call("u => self.thinktwice.useService(u)", f"http://127.0.0.1:{port}")
                    old.call("c => self.thinktwice.pair(c)", _pairing_code(folder / "tcp-data"))
                    browsers["http"] = old
                samples: dict[str, list[dict[str, float]]] = {name: [] for name in browsers}
                try:
                    for browser in browsers.values():
                        browser.call("o => self.thinktwice.addWatchedSite(o)", site.origin)
                        _one_round(browser, site, jpeg)  # warm: models loaded, caches filled
                    for _ in range(rounds):
                        for name, browser in browsers.items():
                            samples[name].append(_one_round(browser, site, jpeg))
                finally:
                    for browser in browsers.values():
                        browser.close()
        finally:
            site.stop()
            service.stop()
            if tcp is not None:
                tcp.terminate()
                tcp.wait(30)
    return {
        name: {
            key: {
                "median_ms": statistics.median(s[key] for s in runs),
                "p95_ms": p95(s[key] for s in runs),
            }
            for key in GOALS_MS
        }
        for name, runs in samples.items()
    }


def _tcp_service(data_dir: Path, port: int) -> subprocess.Popen[bytes]:
    import httpx

    command = [sys.executable, "-m", "thinktwice", "serve", "--tcp", "--port", str(port)]
    process = subprocess.Popen([*command, "--data-dir", str(data_dir)], stdout=subprocess.DEVNULL)
    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/v1/health", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError("thinktwice serve --tcp did not start")


def _one_round(browser: Browser, site: Site, jpeg: Path) -> dict[str, float]:
    site.uploads.clear()
    page = browser.context.new_page()
    try:
        page.goto(site.url("detached.html"))
        pick_with_chooser(page, [jpeg], "#pick")
        dialog = Dialog(page)
        dialog.wait_open(timeout=60)
        dialog.press("Enter")
        site.uploads.wait(1, timeout=60)
        timing: dict[str, Any] = browser.call("() => self.thinktwice.timings().at(-1)")
    finally:
        close_page(page)
    return {"dialog": float(timing["shownMs"]), "deliver": float(timing["deliverMs"])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=7, help="measured uploads (default 7)")
    parser.add_argument("--no-http", action="store_true", help="skip the old HTTP path")
    args = parser.parse_args()
    figures = bench_extension(args.rounds, http=not args.no_http)
    print(f"== extension: 12 MP JPEG with pixel analysis, {args.rounds} uploads, headless Chromium")
    for key, goal in GOALS_MS.items():
        native = figures["native"][key]
        verdict = "ok" if native["median_ms"] <= goal else "over the goal"
        line = (
            f"  {key:8} native median {native['median_ms']:7.1f} ms  p95 {native['p95_ms']:7.1f} ms"
            f"   goal {goal:.0f} ms: {verdict}"
        )
        if "http" in figures:
            old = figures["http"][key]
            line += f"   | old HTTP median {old['median_ms']:7.1f} ms  p95 {old['p95_ms']:7.1f} ms"
        print(line)


if __name__ == "__main__":
    main()
