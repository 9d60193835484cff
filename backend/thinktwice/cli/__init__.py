"""The `thinktwice` command: scan and clean images from the command line.

Subcommands import what they need when they run, so `thinktwice clean` starts
fast and never loads an image decoder or the gazetteer.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

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
        help="worker processes (default: all cores)",
    )
    clean.add_argument("-q", "--quiet", action="store_true", help="print only failures")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 all good, 1 some failed, 2 usage)."""
    args = build_parser().parse_args(argv)
    if args.command == "scan":
        from .scan import run_scan

        return run_scan(args.paths, recursive=args.recursive, as_json=args.json)
    from .clean import run_clean

    return run_clean(
        args.paths,
        output=args.output,
        in_place=args.in_place,
        recursive=args.recursive,
        jobs=args.jobs,
        quiet=args.quiet,
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
