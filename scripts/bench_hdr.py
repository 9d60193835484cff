"""What keeping an HDR gain map costs: in-process clean() of a 12-megapixel Ultra HDR
JPEG (a 1000 x 750 gain map, both tagged), kept and with drop_hdr, against the same
primary without a gain map. Medians of interleaved rounds, printed with ratios.

    .venv/bin/python scripts/bench_hdr.py [--rounds N]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from bench_support import photo_like

from tests.formats.jpeg import hdr_samples as hs
from tests.support.containers import after_soi, jpeg_segment
from tests.support.images import FULL_METADATA, encode, with_metadata
from thinktwice.cleaning import clean


def ultra_hdr() -> tuple[bytes, bytes]:
    """A 12 MP Ultra HDR JPEG and its primary alone, both tagged as a phone tags them."""
    image = photo_like(4000, 3000)
    gain_map = encode(image.convert("L").resize((1000, 750)), "JPEG", quality=85)
    gain_map = after_soi(gain_map, jpeg_segment(0xE1, hs.XMP_ID + hs.hdrgm_xmp()))
    gain_map = with_metadata(gain_map, ".jpg", *hs.GAIN_MAP_METADATA)
    primary = encode(image, "JPEG", quality=92)
    primary = after_soi(primary, jpeg_segment(0xE1, hs.XMP_ID + hs.primary_xmp(len(gain_map))))
    primary = with_metadata(primary, ".jpg", *FULL_METADATA)
    return hs.with_mpf(primary, [(0, gain_map)]), primary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=41)
    rounds = parser.parse_args().rounds
    hdr, plain = ultra_hdr()
    work: dict[str, Callable[[], bytes]] = {
        "no gain map": lambda: clean(plain),
        "gain map kept": lambda: clean(hdr),
        "drop_hdr": lambda: clean(hdr, drop_hdr=True),
    }
    times: dict[str, list[float]] = {name: [] for name in work}
    for _ in range(rounds):  # interleaved: the three share the machine's state
        for name, run in work.items():
            start = time.perf_counter()
            run()
            times[name].append(time.perf_counter() - start)
    base = statistics.median(times["no gain map"])
    print(f"Ultra HDR JPEG {len(hdr) / 1e6:.1f} MB, primary alone {len(plain) / 1e6:.1f} MB")
    for name, samples in times.items():
        median = statistics.median(samples)
        print(f"  clean(), {name:13}: median {median * 1e3:6.1f} ms  ({median / base:.2f}x)")
    print(f"  output: kept {len(clean(hdr))} bytes, drop_hdr {len(clean(hdr, drop_hdr=True))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
