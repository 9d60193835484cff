"""The command line's grammar, with argparse: every subcommand, its options and help.

Built for every command, so it imports little: the service's settings (stdlib only:
`serve`'s limits and their defaults) and nothing an option's check needs until the
option is given.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import Any

from .. import __version__
from ..server.settings import MiB, Settings, SettingsError, check_setting


@dataclass(frozen=True, slots=True)
class LimitOption:
    """A `serve` option setting one slow-client limit: its flag, Settings field and unit."""

    flag: str
    setting: str
    read: Callable[[str], float]  # float or int: int refuses "2.5" where only whole numbers do
    metavar: str
    help: str
    scale: int = 1  # the setting's units in one of the option's (1 MiB is 1 048 576 bytes)


# The slow-client limits `thinktwice serve` takes (Settings checks their ranges).
LIMIT_OPTIONS = (
    LimitOption(
        "--head-timeout",
        "head_timeout_s",
        float,
        "SECONDS",
        "how long a client may take to send a request head",
    ),
    LimitOption(
        "--body-timeout",
        "body_timeout_s",
        float,
        "SECONDS",
        "how long a request body may stall between reads",
    ),
    LimitOption(
        "--max-connections", "max_connections", int, "N", "how many connections may be open at once"
    ),
    LimitOption(
        "--max-inflight",
        "inflight_bytes",
        int,
        "MiB",
        "how many MiB of uploads may be held in memory at once",
        MiB,
    ),
)


def limit_values(args: argparse.Namespace) -> dict[str, Any]:
    """The limits `args` gives, by Settings field; None where an option was not given."""
    return {option.setting: getattr(args, option.setting) for option in LIMIT_OPTIONS}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="thinktwice",
        description="Find what your photos reveal and strip it, losslessly and offline.",
    )
    parser.add_argument("--version", action="version", version=f"thinktwice {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    scan = sub.add_parser("scan", help="say what each image reveals")
    scan.add_argument("paths", nargs="+", metavar="PATH", help="image files or folders")
    scan.add_argument("--json", action="store_true", help="print a JSON array instead of text")
    scan.add_argument("-r", "--recursive", action="store_true", help="scan folders recursively")
    scan.add_argument(
        "--no-pixels",
        action="store_true",
        help="read the metadata only: no nudity, face, code or text detection (faster)",
    )

    clean = sub.add_parser(
        "clean",
        help="write cleaned copies (name.clean.ext beside each original by default)",
    )
    clean.add_argument("paths", nargs="+", metavar="PATH", help="image files or folders")
    where = clean.add_mutually_exclusive_group()
    where.add_argument(
        "-o", "--output", metavar="DIR", help="write DIR/name.ext instead of name.clean.ext"
    )
    where.add_argument(
        "--in-place",
        action="store_true",
        help="replace each original atomically, keeping its modification time",
    )
    clean.add_argument("-r", "--recursive", action="store_true", help="clean folders recursively")
    clean.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=0,
        metavar="N",
        help="parallel workers (default: all cores)",
    )
    clean.add_argument(
        "--hide-faces",
        action="store_true",
        help="cover every detected face with an opaque fill (re-encodes the image: lossy)",
    )
    clean.add_argument(
        "--drop-hdr",
        action="store_true",
        help="also remove HDR gain maps (kept by default, cleaned, so HDR screens "
        "still show the photo as taken)",
    )
    clean.add_argument("-q", "--quiet", action="store_true", help="print only failures")
    _add_service_commands(sub)
    return parser


def _add_service_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    serve = sub.add_parser(
        "serve",
        help="run the local service the browser extension talks to (on a Unix socket; "
        "the browser starts it by itself once `thinktwice setup` has run)",
    )
    serve.add_argument(
        "--tcp",
        action="store_true",
        help="also listen on loopback TCP, for scripts and other tools (they need the token)",
    )
    serve.add_argument("--host", help="with --tcp: address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="with --tcp: port to listen on (default 8765)")
    serve.add_argument(
        "--allow-remote",
        action="store_true",
        help="with --tcp: allow a non-loopback --host (other machines could reach the service)",
    )
    serve.add_argument(
        "--idle-exit",
        type=float,
        metavar="SECONDS",
        help="stop after SECONDS without a request (the browser's native host starts it again)",
    )
    serve.add_argument(
        "--no-pixels",
        action="store_true",
        help="read the metadata only, unless a request asks for pixel analysis",
    )
    _add_limit_options(serve)
    setup = sub.add_parser(
        "setup", help="let Chrome, Chromium and Firefox start ThinkTwice (the native host)"
    )
    setup.add_argument("--uninstall", action="store_true", help="remove what setup registered")
    setup.add_argument(
        "--chromium-profile",
        action="append",
        default=[],
        metavar="DIR",
        help="register in a Chromium run with --user-data-dir DIR instead (may repeat)",
    )
    setup.add_argument(
        "--no-start",
        action="store_true",
        help="the host never starts the service: you run `thinktwice serve` yourself",
    )
    setup.add_argument(
        "--extension-id",
        action="append",
        default=[],
        type=_extension_id,
        metavar="ID",
        help="also let the Chrome extension with this id start it: a copy installed from"
        " the Chrome Web Store has the id the store gave it (may repeat)",
    )
    token = sub.add_parser("token", help="print the service's token (creating it if needed)")
    status = sub.add_parser("status", help="say whether the service runs, what is paired, history")
    status.add_argument("--port", type=int, help="also check TCP on this port (serve --tcp)")
    pair = sub.add_parser(
        "pair", help="print a one-time code to pair an extension (every pairing needs one)"
    )
    opener = sub.add_parser("open", help="say how to open the dashboard, and open it")
    opener.add_argument(
        "--print",
        action="store_true",
        dest="print_only",
        help="only print the dashboard's address, without opening a browser",
    )
    for command in (serve, setup, token, status, pair, opener):
        command.add_argument(
            "--data-dir", metavar="DIR", help="where the token, pairings and history live"
        )


def _add_limit_options(serve: argparse.ArgumentParser) -> None:
    defaults: dict[str, Any] = {f.name: f.default for f in fields(Settings)}
    group = serve.add_argument_group("limits on slow or stalled clients")
    for option in LIMIT_OPTIONS:
        default = defaults[option.setting] // option.scale
        group.add_argument(
            option.flag,
            dest=option.setting,
            type=_limit_reader(option),
            metavar=option.metavar,
            help=f"{option.help} (default {default:g})",
        )


def _limit_reader(option: LimitOption) -> Callable[[str], float]:
    """The argparse `type` for `option`: a number its setting accepts, else a usage error."""

    def read(text: str) -> float:
        try:
            value = option.read(text) * option.scale
        except ValueError:
            kind = "a whole number" if option.read is int else "a number"
            raise argparse.ArgumentTypeError(f"{text!r} is not {kind}.") from None
        try:
            check_setting(option.setting, value)
        except SettingsError as exc:
            raise argparse.ArgumentTypeError(f"{text!r} is refused: {exc}") from None
        return value

    return read


def _extension_id(text: str) -> str:
    """The argparse `type` of --extension-id: a Chrome extension id, else a usage error."""
    from ..native.install import chrome_extension_id  # the installer: only when an id is given

    try:
        return chrome_extension_id(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
