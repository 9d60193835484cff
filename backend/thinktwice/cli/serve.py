"""`thinktwice serve`: run the local service for the browser extension under uvicorn."""

from __future__ import annotations

import sys
from collections.abc import Mapping
from typing import Any

from ..server.settings import Settings, SettingsError

WILDCARDS = ("0.0.0.0", "::")


def run_serve(
    *,
    host: str | None,
    port: int | None,
    data_dir: str | None,
    allow_remote: bool,
    pixels: bool = True,
    limits: Mapping[str, Any] | None = None,
) -> int:
    """Start the service and block until it is stopped; 2 when the settings are refused.

    `limits` overrides other settings by name: the slow-client limits' options
    (None when not given), and tests' short timeouts for the real service.
    """
    from ..server.fdlimit import ensure_fd_room

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

    from ..server.app import create_app
    from ..server.connections import ConnectionLimits, guarded_protocol
    from ..server.logthrottle import throttle_service_logs

    try:
        app = create_app(settings)
    except (OSError, ValueError) as exc:  # an unreadable data dir, a damaged token file
        print(f"thinktwice serve: {exc}", file=sys.stderr)
        return 1
    if not settings.loopback:
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
    shown = f"[{settings.host}]" if ":" in settings.host else settings.host
    print(f"ThinkTwice service on http://{shown}:{settings.port}/v1 (Ctrl+C to stop)")
    print(f"Data directory: {settings.data_dir}")
    print(f"Token: {settings.token_path} (`thinktwice token` prints it)")
    if not app.state.services.pairing.any_paired:
        print("No extension is paired yet: run `thinktwice pair` and enter its code there.")
    sys.stdout.flush()
    protocol = guarded_protocol(ConnectionLimits(settings.max_connections, settings.head_timeout_s))
    # No access log: request lines carry ids and sites, which belong in the history only.
    config = uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        http=protocol,
        access_log=False,
        log_level="info",
    )
    throttle_service_logs()  # after Config: it sets up uvicorn's loggers
    uvicorn.Server(config).run()
    return 0
