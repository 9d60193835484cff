"""`thinktwice token`, `thinktwice pair` and `thinktwice status`: the service's
secrets and state, from the command line. Stdlib only (urllib, not httpx):
these start fast and need nothing the engine does not."""

from __future__ import annotations

import json
import sys
import urllib.request
from pathlib import Path

from ..formats.jpeg import NATIVE_SCANNER
from ..native import install, relay
from ..native.launch import LOG_NAME, last_line
from ..native.protocol import Request
from ..server.channel import socket_path
from ..server.pairing import CODE_TTL, issue_code, read_paired
from ..server.security import load_or_create_token
from ..server.settings import Settings, SettingsError

HEALTH_TIMEOUT_S = 1.0


def run_token(*, data_dir: str | None) -> int:
    """Print the token, creating it (0600) when the service never ran here."""
    settings = _settings(data_dir)
    if settings is None:
        return 2
    try:
        print(load_or_create_token(settings.token_path))
    except (OSError, ValueError) as exc:
        print(f"thinktwice token: {exc}", file=sys.stderr)
        return 1
    return 0


def run_pair(*, data_dir: str | None) -> int:
    """Print a fresh single-use pairing code: every extension pairs with one."""
    settings = _settings(data_dir)
    if settings is None:
        return 2
    try:
        issued = issue_code(settings.data_dir)
    except OSError as exc:
        print(f"thinktwice pair: {exc}", file=sys.stderr)
        return 1
    minutes = int(CODE_TTL.total_seconds() // 60)
    until = issued.expires_at.astimezone().strftime("%H:%M")
    print(f"Pairing code: {issued.display}")
    print(
        f"Enter it in the extension to pair it. Valid once, for {minutes} minutes (until {until})."
    )
    return 0


def run_status(*, port: int | None, data_dir: str | None) -> int:
    """Say whether the service runs (on its socket, and on TCP when `port` is given),
    which browsers may start it, what is paired over TCP and the history's state.

    Returns 0 when the service answers, 1 when it does not.
    """
    settings = _settings(data_dir, port=port)
    if settings is None:
        return 2
    sock = socket_path(settings.data_dir)
    version, problem = _socket_version(sock)
    if version is not None:
        print(f"Service: running at {sock} (version {version})")
    else:
        print(f"Service: not running ({problem})")
        print("  The browser starts it when a photo needs checking; `thinktwice serve` runs it.")
        log = settings.data_dir / LOG_NAME
        if log.exists():
            print(f"  Its last start: {last_line(log)}")
    if port is not None:
        tcp = _running_version(settings.port)
        where = f"http://127.0.0.1:{settings.port}"
        print(f"TCP: running on {where}" if tcp else f"TCP: nothing answers on {where}")
    _print_browsers(settings.data_dir)
    print(f"Data directory: {settings.data_dir}")
    scanner = "built" if NATIVE_SCANNER else "not built (slower Python fallback)"
    print(f"Native JPEG scanner: {scanner}")
    token = settings.token_path
    print(f"Token (for tools over TCP): {token}" if token.exists() else "Token: not created yet")
    _print_paired(settings.data_dir)
    _print_history(settings)
    return 0 if version is not None else 1


def _socket_version(sock: Path) -> tuple[str | None, str]:
    """The version the service at `sock` reports, or None and why not."""
    health = Request(id=0, method="GET", path="/v1/health", timeout_s=HEALTH_TIMEOUT_S)
    try:
        answer = relay.send(sock, health)
        body = json.loads(answer.body)
    except relay.ServiceUnreachable:
        return None, f"nothing answers at {sock}"
    except relay.NotOurService as exc:
        return None, str(exc)
    except (OSError, ValueError) as exc:
        return None, f"what answers at {sock} is not the service ({exc})"
    return str(body.get("version", "?")), ""


def _print_browsers(data_dir: Path) -> None:
    launcher = str(data_dir / install.LAUNCHER_NAME)
    registered = []
    for target in install.default_targets():
        try:
            manifest = json.loads(target.manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if manifest.get("path") == launcher:
            registered.append(target.browser)
    if registered:
        print(f"Browsers that may start it: {', '.join(registered)}")
    else:
        print("Browsers that may start it: none (run `thinktwice setup`)")


def _settings(data_dir: str | None, **overrides: object) -> Settings | None:
    try:
        return Settings.load(data_dir, **overrides)
    except SettingsError as exc:
        print(f"thinktwice: {exc}", file=sys.stderr)
        return None


def _running_version(port: int) -> str | None:
    """The version the service on 127.0.0.1:`port` reports, or None if none answers."""
    try:
        url = f"http://127.0.0.1:{port}/v1/health"
        with urllib.request.urlopen(url, timeout=HEALTH_TIMEOUT_S) as response:
            body = json.loads(response.read(4096))
    except (OSError, ValueError):  # refused, timed out, not HTTP, not JSON
        return None
    if not isinstance(body, dict) or body.get("status") != "ok":
        return None
    return str(body.get("version", "?"))


def _print_paired(data_dir: Path) -> None:
    try:
        paired = read_paired(data_dir)
    except ValueError as exc:
        print(f"Paired: {exc}")
        return
    if not paired:
        print("Paired: nothing yet (run `thinktwice pair` and enter the code in the extension)")
        return
    print("Paired:")
    for p in paired:
        # "first_use" records come from older versions, which trusted the first caller.
        how = "trust on first use, before codes" if p.method == "first_use" else "with a code"
        print(f"  {p.origin}  since {p.paired_at:%Y-%m-%d %H:%M} UTC ({how})")


def _print_history(settings: Settings) -> None:
    if not settings.history_path.exists():
        print("History: empty (no database yet)")
        return
    from ..history import History, HistoryUnavailable
    from ..units import size_label

    try:
        with History(settings.history_path, retention_days=settings.retention_days) as history:
            state = history.status()
    except HistoryUnavailable as exc:
        print(f"History: unavailable: {exc.problem}")
        return
    size = state["size_bytes"]  # an int (size_on_disk); the dict's values are typed object
    shown = size_label(size if isinstance(size, int) else 0)
    print(
        f"History: {state['rows']} inspection(s), {shown}, "
        f"schema version {state['schema_version']}, kept {state['retention_days']} days"
    )
    if state["oldest"]:
        print(f"  oldest {state['oldest']}, newest {state['newest']}")
    print(f"  problem: {state['problem']}" if state["problem"] else "  integrity: ok")
