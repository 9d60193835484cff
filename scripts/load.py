"""The local service under load: N concurrent clients send M inspections of mixed images
to `thinktwice serve` on loopback; prints p50/p95/p99, errors, history rows and memory.

    scripts/fuzz --load [--clients 50] [--requests 1000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.hardening.load import images, load, serve  # noqa: E402

WARM_UP = 50


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--requests", type=int, default=1000)
    args = parser.parse_args()
    files = images()
    with tempfile.TemporaryDirectory() as data, serve(Path(data)) as service:
        start = service.rss_kib()
        warm = load(service, 4, WARM_UP, files)
        before = service.rss_kib()
        result = load(service, args.clients, args.requests, files)
        after = service.rss_kib()
        rows = service.history_rows()
    print(f"{args.clients} clients, {args.requests} inspections of {len(files)} formats "
          "(?pixels=false), thinktwice serve on loopback")  # fmt: skip
    print(result.summary())
    lost = WARM_UP + args.requests - len(warm.latencies_ms) - len(result.latencies_ms)
    print(f"history rows {rows} (expected {WARM_UP + args.requests}; failed requests {lost})")
    print(f"server RSS: {start // 1024} MiB at start, {before // 1024} MiB after warm-up, "
          f"{after // 1024} MiB after the run ({(after - before) / 1024:+.1f} MiB)")  # fmt: skip
    ok = not result.errors and not warm.errors and rows == WARM_UP + args.requests
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
