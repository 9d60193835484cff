"""Fuzz every format's read, strip and verify with mutated inputs (see tests/hardening/fuzzing.py).

    scripts/fuzz                          100 000 inputs per format (the long run)
    scripts/fuzz --per-format 2000 --seconds 60
    scripts/fuzz --reproduce artifacts/fuzz/RUN/png-123.bin

Prints inputs per second per format; failing inputs and their tracebacks go to
artifacts/fuzz/<run>/ and the exit status is 1 when there is any.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.hardening import fuzzing  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-format", type=int, default=100_000, help="inputs per format")
    parser.add_argument("--seconds", type=float, help="stop each format after this long")
    parser.add_argument("--seed", type=int, default=int(time.time()), help="run seed")
    parser.add_argument("--workers", type=int, help="worker processes (default: the cores)")
    parser.add_argument("--formats", nargs="+", choices=fuzzing.FORMATS, default=fuzzing.FORMATS)
    parser.add_argument("--reproduce", type=Path, help="run the contract on one saved input")
    args = parser.parse_args()
    if args.reproduce:
        fuzzing.check(args.reproduce.read_bytes())
        print("passes")
        return 0
    print(f"seed {args.seed}; {args.per_format} inputs per format; {len(args.formats)} formats")
    started = time.time()
    summary = fuzzing.fuzz(
        args.per_format,
        run_seed=args.seed,
        seconds=args.seconds,
        workers=args.workers,
        formats=args.formats,
        progress=lambda line: print(line, flush=True),
    )
    total = sum(summary.inputs.values())
    elapsed = time.time() - started
    print(f"total {total} inputs in {elapsed:.1f} s = {total / elapsed:.0f}/s")
    if summary.failures:
        directory = ROOT / "artifacts" / "fuzz" / f"seed-{args.seed}"
        for path in fuzzing.save(summary.failures, directory):
            print(f"FAILED {path}")
        return 1
    print("no failures")
    return 0


if __name__ == "__main__":
    sys.exit(main())
