"""The command line's grammar, with argparse: every subcommand, its options and help."""

from __future__ import annotations

import argparse

from .. import __version__


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
    token = sub.add_parser("token", help="print the service's token (creating it if needed)")
    status = sub.add_parser("status", help="say whether the service runs, what is paired, history")
    status.add_argument("--port", type=int, help="port the service listens on (default 8765)")
    pair = sub.add_parser("pair", help="print a one-time code to pair another extension")
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
