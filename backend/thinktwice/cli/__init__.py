"""The `thinktwice` command: scan and clean images, run the local service.

Subcommands import what they need when they run, so `thinktwice clean` never
loads an image decoder, the gazetteer or the web stack.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .. import i18n
from .parser import build_parser, limit_values


def entry() -> None:
    """The `thinktwice` console script: run a command and exit with its status."""
    sys.exit(main())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status (0 all good, 1 some failed, 2 usage).

    What it says about images is in the system's language (LANGUAGE, LC_ALL,
    LC_MESSAGES, LANG), English when there is no catalog for it.
    """
    i18n.set_default(i18n.from_environment())
    return run(build_parser().parse_args(argv))


def run(args: argparse.Namespace) -> int:
    """Run the command `args` names (as `build_parser` parsed them); the exit status."""
    if args.command == "scan":
        from .scan import run_scan

        return run_scan(
            args.paths, recursive=args.recursive, as_json=args.json, pixels=not args.no_pixels
        )
    if args.command == "clean":
        from .clean import run_clean

        return run_clean(
            args.paths,
            output=args.output,
            in_place=args.in_place,
            recursive=args.recursive,
            jobs=args.jobs,
            quiet=args.quiet,
            hide_faces=args.hide_faces,
            drop_hdr=args.drop_hdr,
        )
    if args.command == "serve":
        from .serve import run_serve

        return run_serve(
            host=args.host,
            port=args.port,
            data_dir=args.data_dir,
            allow_remote=args.allow_remote,
            pixels=not args.no_pixels,
            tcp=args.tcp,
            idle_exit_s=args.idle_exit,
            limits=limit_values(args),
        )
    if args.command == "setup":
        from .setup import run_setup

        return run_setup(
            data_dir=args.data_dir,
            uninstall=args.uninstall,
            profiles=args.chromium_profile,
            start_service=not args.no_start,
            extension_ids=tuple(args.extension_id),
        )
    if args.command == "open":
        from .dashboard import run_open

        return run_open(print_only=args.print_only)
    from . import service

    if args.command == "token":
        return service.run_token(data_dir=args.data_dir)
    if args.command == "pair":
        return service.run_pair(data_dir=args.data_dir)
    return service.run_status(port=args.port, data_dir=args.data_dir)


if __name__ == "__main__":  # pragma: no cover
    entry()
