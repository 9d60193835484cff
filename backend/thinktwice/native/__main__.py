"""`python -m thinktwice.native --data-dir DIR`: what the browser starts (see install.py).

The browser passes the caller's origin (and on Windows a window handle) as
arguments; the manifest's allowed_origins / allowed_extensions already decided
who may connect, so they are accepted and ignored.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .host import Host
from .launch import IDLE_EXIT_S


def main(argv: list[str] | None = None) -> int:
    """Run the host on stdin/stdout until the browser closes the connection."""
    parser = argparse.ArgumentParser(prog="thinktwice-host", description=__doc__.split("\n")[0])
    parser.add_argument("--data-dir", required=True, type=Path, help="the service's data dir")
    parser.add_argument(
        "--no-start", action="store_true", help="never start the service (it is run by hand)"
    )
    parser.add_argument("--idle-exit", type=float, default=IDLE_EXIT_S, metavar="SECONDS")
    args, _caller = parser.parse_known_args(argv)
    host = Host(
        args.data_dir.expanduser(),
        sys.stdout.buffer,
        start_service=not args.no_start,
        idle_exit_s=args.idle_exit,
    )
    return host.run(sys.stdin.buffer)


if __name__ == "__main__":
    sys.exit(main())
