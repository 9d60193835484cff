"""The `thinktwice` command: scan and clean images, run the local service.

Subcommands import what they need when they run, so `thinktwice clean` starts
fast and never loads an image decoder, the gazetteer or the web stack; in its
plain forms it does not even load argparse (see clean_args.py).
"""

from __future__ import annotations

import os
import sys

from . import clean_args

TYPE_CHECKING = False  # typing is not imported at run time (see records.py)
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

# Commands that hold nothing the interpreter's tear-down must release: their files
# are closed and their workers done before they return.
_NOTHING_HELD = frozenset({"clean", "scan"})


def entry() -> None:
    """The `thinktwice` console script: run a command and exit with its status.

    After `clean` and `scan`, the process exits without the interpreter's
    tear-down (which frees every object of every module one by one: longer here
    than cleaning several photos); the output is flushed first.
    """
    argv = sys.argv[1:]
    status = main(argv)
    if argv and argv[0] in _NOTHING_HELD:  # main returned: argv named the command
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BrokenPipeError:  # the reader left (`| head`): nothing more to say
            pass
        os._exit(status)
    sys.exit(status)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 all good, 1 some failed, 2 usage)."""
    argv = sys.argv[1:] if argv is None else list(argv)
    plain = clean_args.parse(argv)
    if plain is not None:
        return _clean(plain)
    from .parser import build_parser

    return run(build_parser().parse_args(argv))


def run(args: argparse.Namespace) -> int:
    """Run the command `args` names (as `build_parser` parsed them); the exit status."""
    if args.command == "scan":
        from .scan import run_scan

        return run_scan(
            args.paths, recursive=args.recursive, as_json=args.json, pixels=not args.no_pixels
        )
    if args.command == "serve":
        from .serve import run_serve

        return run_serve(
            host=args.host,
            port=args.port,
            data_dir=args.data_dir,
            allow_remote=args.allow_remote,
            pixels=not args.no_pixels,
        )
    if args.command == "open":
        from .dashboard import run_open

        return run_open(port=args.port, data_dir=args.data_dir, print_only=args.print_only)
    if args.command in ("token", "status", "pair"):
        from . import service

        if args.command == "token":
            return service.run_token(data_dir=args.data_dir)
        if args.command == "pair":
            return service.run_pair(data_dir=args.data_dir)
        return service.run_status(port=args.port, data_dir=args.data_dir)
    return _clean(args)


def _clean(args: clean_args.CleanArgs | argparse.Namespace) -> int:
    from .clean import run_clean

    return run_clean(
        args.paths,
        output=args.output,
        in_place=args.in_place,
        recursive=args.recursive,
        jobs=args.jobs,
        quiet=args.quiet,
        hide_faces=args.hide_faces,
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
