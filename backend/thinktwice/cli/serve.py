"""`thinktwice serve`: run the local service under uvicorn.

It always listens on DATA_DIR/service.sock, the Unix socket the native host
relays the browser extension through (server/channel.py); with `--tcp` it also
listens on loopback TCP for scripts and other tools, which need the token.
`--idle-exit` makes it stop once nobody has asked anything for that long (the
native host starts it with this, and starts it again when needed).
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..server.settings import Settings, SettingsError

WILDCARDS = ("0.0.0.0", "::")
TCP_ONLY = ("--host", "--port", "--allow-remote")


def run_serve(
    *,
    host: str | None,
    port: int | None,
    data_dir: str | None,
    allow_remote: bool,
    pixels: bool = True,
    tcp: bool = False,
    idle_exit_s: float | None = None,
    limits: Mapping[str, Any] | None = None,
) -> int:
    """Serve until stopped (or idle for `idle_exit_s`); 2 when the settings are refused,
    1 when the service cannot start (another one runs, a damaged token file...).

    `limits` overrides other settings by name: the slow-client limits' options
    (None when not given), and tests' short timeouts for the real service.
    """
    from ..server.fdlimit import ensure_fd_room

    given = [
        name for name, value in zip(TCP_ONLY, (host, port, allow_remote), strict=True) if value
    ]
    if given and not tcp:
        print(f"thinktwice serve: {', '.join(given)} apply to TCP: add --tcp.", file=sys.stderr)
        return 2
    if idle_exit_s is not None and idle_exit_s <= 0:
        print(f"thinktwice serve: --idle-exit {idle_exit_s:g} must be positive.", file=sys.stderr)
        return 2
    try:
        settings = Settings.load(
            data_dir,
            host=host,
            port=port,
            allow_remote=allow_remote,
            pixels=pixels,
            **dict(limits or {}),
        )
        ensure_fd_room(settings.max_connections)
    except SettingsError as exc:
        print(f"thinktwice serve: {exc}", file=sys.stderr)
        return 2
    import uvicorn  # only here: every other command starts without the web stack

    from ..server import channel
    from ..server.app import create_app
    from ..server.connections import ConnectionLimits, guarded_protocol
    from ..server.logthrottle import throttle_service_logs

    try:
        app = create_app(settings)
        lock = channel.hold_lock(settings.data_dir)
    except (OSError, ValueError, channel.ChannelError) as exc:
        print(f"thinktwice serve: {exc}", file=sys.stderr)
        return 1
    with lock:
        path = channel.socket_path(settings.data_dir)
        try:
            sockets = [channel.bind(path)]
            if tcp:
                sockets.append(_tcp_socket(settings))
        except (OSError, channel.ChannelError) as exc:
            print(f"thinktwice serve: {exc}", file=sys.stderr)
            return 1
        _announce(settings, path, app, tcp)
        protocol = guarded_protocol(
            ConnectionLimits(settings.max_connections, settings.head_timeout_s)
        )
        # No access log: request lines carry ids and sites, which belong in the history only.
        config = uvicorn.Config(
            app, http=protocol, access_log=False, log_level="info", timeout_graceful_shutdown=5
        )
        throttle_service_logs()  # after Config: it sets up uvicorn's loggers
        server = uvicorn.Server(config)
        try:
            asyncio.run(_serve(server, sockets, app.state.activity, idle_exit_s))
        finally:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
    return 0


async def _serve(
    server: Any, sockets: list[socket.socket], activity: Any, idle_s: float | None
) -> None:
    from ..server.idle import stop_when_idle

    watcher = asyncio.ensure_future(stop_when_idle(server, activity, idle_s)) if idle_s else None
    try:
        await server.serve(sockets=sockets)
    finally:
        if watcher is not None:
            watcher.cancel()


def _tcp_socket(settings: Settings) -> socket.socket:
    family = socket.AF_INET6 if ":" in settings.host else socket.AF_INET
    try:
        sock = socket.create_server((settings.host.strip("[]"), settings.port), family=family)
    except OSError as exc:
        raise OSError(
            f"Cannot listen on {settings.host}:{settings.port}: {exc.strerror}."
        ) from None
    # Every connection inherits it. The server writes a response's head and body
    # apart, and with Nagle's algorithm on, the body waited for the client's delayed
    # ACK: 40 ms on every request (asyncio sets it only on sockets it makes itself).
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.setblocking(False)
    return sock


def _announce(settings: Settings, sock: Path, app: Any, tcp: bool) -> None:
    print(f"ThinkTwice service for the browser extension at {sock}")
    print(f"Data directory: {settings.data_dir}")
    if tcp:
        _warn_if_remote(settings)
        shown = f"[{settings.host}]" if ":" in settings.host else settings.host
        print(f"Also on http://{shown}:{settings.port}/v1 for tools (Ctrl+C to stop)")
        print(f"Token: {settings.token_path} (`thinktwice token` prints it)")
        if not app.state.services.pairing.any_paired:
            print("No extension is paired over TCP: `thinktwice pair` prints the code it needs.")
    sys.stdout.flush()


def _warn_if_remote(settings: Settings) -> None:
    if settings.loopback:
        return
    print(
        f"WARNING: listening on {settings.host}, not loopback: other machines can reach "
        "the service. Anyone holding the token can send it images and read the history.",
        file=sys.stderr,
    )
    if settings.host in WILDCARDS:
        print(
            f"Note: bound to {settings.host}, it still answers only to loopback Host "
            "names (the DNS-rebinding defence); give --host this machine's address to be "
            "reachable at it.",
            file=sys.stderr,
        )
