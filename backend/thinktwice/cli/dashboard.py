"""`thinktwice open`: say where the dashboard is, and open it in Chrome or Chromium.

The dashboard is a page of the browser extension (extension/dashboard/): it
asks the service for its pages through the extension's worker and the native
host, over the service's Unix socket. Nothing needs signing in, so nothing
secret is handed to a browser: the page's address is the same for everyone
(the extension's id is fixed by its manifest key), and only a browser in which
this account set up ThinkTwice can show anything there. Firefox gives each
profile its own extension address, so there the toolbar button is the way in.
Stdlib only: it starts fast and needs nothing else.
"""

from __future__ import annotations

import os
import webbrowser

from ..native.install import CHROME_EXTENSION_ID

PAGE = "dashboard/dashboard.html"
CHROME_URL = f"chrome-extension://{CHROME_EXTENSION_ID}/{PAGE}"
# Browsers that understand a chrome-extension:// address, most specific first.
CHROMIUM_NAMES = ("google-chrome", "chrome", "chromium", "chromium-browser")
HOW = (
    "The ThinkTwice dashboard opens from the browser extension: click its toolbar "
    "button, then Dashboard.\nIn Chrome or Chromium it is this page (no secret in it; "
    "it shows the history only where the extension is set up):\n  " + CHROME_URL
)


def run_open(*, print_only: bool) -> int:
    """Say how to open the dashboard and, unless `print_only`, open it; always 0."""
    print(HOW)
    if print_only:
        return 0
    browser = _chromium()
    if browser is not None and browser.open(CHROME_URL):
        print("Opened it in your browser.")
    else:
        print("No Chrome or Chromium could be started: use the toolbar button.")
    return 0


def _chromium() -> webbrowser.BaseBrowser | None:
    """$BROWSER when set (the person's own choice), else the first Chromium-family browser."""
    if os.environ.get("BROWSER"):
        return webbrowser.get()
    for name in CHROMIUM_NAMES:
        try:
            return webbrowser.get(name)
        except webbrowser.Error:
            continue
    return None
