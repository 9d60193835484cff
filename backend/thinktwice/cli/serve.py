"""`thinktwice serve`: run the local service for the browser extension under uvicorn."""

from __future__ import annotations

import sys

from ..server.settings import Settings, SettingsError

WILDCARDS = ("0.0.0.0", "::")


def run_serve(
    *,
    host: str | None,
    port: int | None,
    data_dir: str | None,
    allow_remote: bool,
    pixels: bool = True,
) -> int:
    """Start the service and block until it is stopped; 2 when the settings are refused."""
    try:
        settings = Settings.load(
            data_dir, host=host, port=port, allow_remote=allow_remote, pixels=pixels
        )
    except SettingsError as exc:
        print(f"thinktwice serve: {exc}", file=sys.stderr)
        return 2
    import uvicorn  # only here: every other command starts without the web stack

    from ..server.app import create_app

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
        print("No extension is paired yet: the first one to connect will be (trust on first use).")
    sys.stdout.flush()
    # No access log: request lines carry ids and sites, which belong in the history only.
    uvicorn.run(app, host=settings.host, port=settings.port, access_log=False, log_level="info")
    return 0
