"""The command line's grammar, with argparse: every subcommand, its options and help.

`thinktwice clean` in its plain forms is read by clean_args.py instead, without
importing argparse; anything else comes here.
"""

from __future__ import annotations

import argparse
import os
import sys

from .. import __version__

TYPE_CHECKING = False  # typing is not imported at run time (see records.py)
if TYPE_CHECKING:
    from typing import Any


class _Formatter(argparse.HelpFormatter):
    """argparse's help layout, as wide as the terminal, found without shutil.

    argparse asks shutil for the width whenever it makes a formatter, which it
    does for every argument added: not importing shutil saves ~2 ms in the
    start-up of every command that goes through argparse.
    """

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=_terminal_width() - 2)  # argparse's own margin


def _terminal_width() -> int:
    # What shutil.get_terminal_size() gives: $COLUMNS, else the terminal, else 80.
    try:
        columns = int(os.environ.get("COLUMNS", ""))
    except ValueError:
        columns = 0
    if columns <= 0 and sys.__stdout__ is not None:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns
        except (ValueError, OSError):  # not a terminal, or stdout closed
            columns = 0
    return columns if columns > 0 else 80


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser (subcommands' too) laid out by `_Formatter`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        super().__init__(*args, **kwargs)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = _Parser(
        prog="thinktwice",
        description="Find what your photos reveal and strip it, losslessly and offline.",
    )
    parser.add_argument("--version", action="version", version=f"thinktwice {__version__}")
    sub = parser.add_subparsers(
        dest="command", required=True, metavar="COMMAND", parser_class=_Parser
    )

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


def _add_service_commands(sub: argparse._SubParsersAction[_Parser]) -> None:
    serve = sub.add_parser("serve", help="run the local service the browser extension talks to")
    serve.add_argument("--host", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port to listen on (default 8765)")
    serve.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow a non-loopback --host (other machines could reach the service)",
    )
    serve.add_argument(
        "--no-pixels",
        action="store_true",
        help="read the metadata only, unless a request asks for pixel analysis",
    )
    token = sub.add_parser("token", help="print the service's token (creating it if needed)")
    status = sub.add_parser("status", help="say whether the service runs, what is paired, history")
    status.add_argument("--port", type=int, help="port the service listens on (default 8765)")
    pair = sub.add_parser("pair", help="print a one-time code to pair another extension")
    opener = sub.add_parser("open", help="open the dashboard of past warnings, signed in")
    opener.add_argument("--port", type=int, help="port the service listens on (default 8765)")
    opener.add_argument(
        "--print",
        action="store_true",
        dest="print_only",
        help="print the one-time sign-in link instead of opening the browser",
    )
    for command in (serve, token, status, pair, opener):
        command.add_argument(
            "--data-dir", metavar="DIR", help="where the token, pairings and history live"
        )
