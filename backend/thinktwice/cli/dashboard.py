"""`thinktwice open`: the dashboard in the browser, signed in with a one-time link.

Asks the running service for a sign-in link (with the token from the data
directory, so only someone who can read that file can sign in), then opens the
browser on it, or prints it with `--print`. The link works once, for a minute.
Stdlib only (urllib, not httpx): it starts fast and needs nothing else.
"""

from __future__ import annotations

import json
import sys
import urllib.error
import urllib.request
import webbrowser

from ..server.security import TOKEN_HEADER
from ..server.settings import Settings, SettingsError

LINK_PATH = "/v1/dashboard/login-link"
TIMEOUT_S = 5.0


class NoLink(Exception):
    """The service could not give a sign-in link; the message says why and what to do."""


def run_open(*, port: int | None, data_dir: str | None, print_only: bool) -> int:
    """Open (or print) a one-time sign-in link; 0 on success, 1 when there is none, 2 on
    unusable settings."""
    try:
        settings = Settings.load(data_dir, port=port)
    except SettingsError as exc:
        print(f"thinktwice open: {exc}", file=sys.stderr)
        return 2
    try:
        url, ttl = login_link(settings)
    except NoLink as exc:
        print(f"thinktwice open: {exc}", file=sys.stderr)
        return 1
    if print_only:
        print(url)
        return 0
    if webbrowser.open(url):
        print(f"Opened the dashboard in your browser (the link works once, for {ttl:g} s).")
    else:
        print(f"No browser could be opened. Open this link (it works once, for {ttl:g} s):")
        print(url)
    return 0


def login_link(settings: Settings) -> tuple[str, float]:
    """A fresh sign-in link from the service on 127.0.0.1:`settings.port`, and its lifetime."""
    try:
        token = settings.token_path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        raise NoLink(
            f"there is no token in {settings.data_dir}: the service has not run with this "
            "data directory. Start it with `thinktwice serve`."
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise NoLink(f"the token in {settings.token_path} cannot be read: {exc}") from None
    base = f"http://127.0.0.1:{settings.port}"
    request = urllib.request.Request(
        base + LINK_PATH, data=b"", method="POST", headers={TOKEN_HEADER: token}
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            body = json.loads(response.read(64 * 1024))
    except urllib.error.HTTPError as exc:
        raise NoLink(_refusal(exc.code, settings)) from None
    except (OSError, ValueError):  # refused, timed out, not HTTP, not JSON
        raise NoLink(
            f"the service is not running on {base}. Start it with `thinktwice serve`"
            + (" (or give its --port)." if settings.port == 8765 else ".")
        ) from None
    if not isinstance(body, dict) or not isinstance(body.get("url"), str):
        raise NoLink(f"the service on {base} gave no sign-in link; is it ThinkTwice?")
    ttl = body.get("expires_in")
    return body["url"], float(ttl) if isinstance(ttl, int | float) else 60.0


def _refusal(status: int, settings: Settings) -> str:
    if status == 401:
        return (
            f"the service on port {settings.port} refused the token from {settings.data_dir}; "
            "it runs with another data directory (give the same --data-dir)."
        )
    if status == 404:
        return f"the service on port {settings.port} has no dashboard; is it up to date?"
    return f"the service on port {settings.port} answered {status} instead of a sign-in link."
