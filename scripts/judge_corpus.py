"""The judge on real camera files: every file ThinkTwice cleans comes out clean, the same.

Run by `scripts/bench` (and alone: `.venv/bin/python scripts/judge_corpus.py [FOLDER]`).
The files are the public exif-samples collection (github.com/ianare/exif-samples,
commit 5332a9c; CC BY-SA 4.0) in ../shared/corpus/exif-samples beside this checkout,
read in place and never copied into the project; elsewhere, name a folder. Each file
is cleaned as `thinktwice clean` does, then judged by others than the engine:

- exiftool (`-a -G1 -ee`) finds nothing identifying (tests/support/exiftool.py's
  rule; a kept HDR gain map's parameters and the MPF index that points at it are
  allowed, and nothing else of the gain map);
- Pillow (with pillow-heif) decodes the same first frame, bit for bit, with the same
  ICC profile and orientation;
- a kept gain map is still there for an HDR-aware reader: the cleaned file has as
  many gain maps as the engine reports.

A file refused with a reason (raw photos, broken files) is counted, not judged.
Exits 1 when a cleaned file fails.
"""

from __future__ import annotations

import argparse
import collections
import io
import sys
from pathlib import Path

from bench_support import ROOT
from PIL import Image

from tests.support.exiftool import beyond_gain_maps
from thinktwice import formats
from thinktwice.cleaning import clean
from thinktwice.errors import ThinkTwiceError

CORPUS = ROOT.parent / "shared" / "corpus" / "exif-samples"


def first_frame(data: bytes) -> tuple[str, tuple[int, int], bytes, bytes | None, object]:
    """Mode, size, pixels, ICC profile and orientation of the first frame Pillow decodes."""
    with Image.open(io.BytesIO(data)) as im:
        return (im.mode, im.size, im.tobytes(), im.info.get("icc_profile"),
                im.getexif().get(0x0112, 1))  # fmt: skip


def judge(path: Path) -> tuple[str, str]:
    """("cleaned" | "refused" | "FAILED", what was seen) for one file."""
    data = path.read_bytes()
    try:
        cleaned = clean(data)
    except ThinkTwiceError as exc:
        return "refused", str(exc)
    left = beyond_gain_maps(cleaned, path.suffix or ".jpg")
    if left:
        return "FAILED", "exiftool still finds " + "; ".join(left[:3])
    try:
        before, after = first_frame(data), first_frame(cleaned)
    except Exception as exc:  # Pillow cannot decode the original either: pixels not judged
        return "cleaned", f"pixels not compared ({type(exc).__name__})"
    if before[:3] != after[:3]:
        return "FAILED", "the first frame's pixels changed"
    if before[3] != after[3]:
        return "FAILED", "the ICC profile changed"
    if before[4] != after[4]:
        return "FAILED", f"the orientation changed ({before[4]} -> {after[4]})"
    kept = [p for p in formats.detect(cleaned).read(cleaned).pictures if p.kind == "gain_map"]
    return "cleaned", f"{len(kept)} gain map(s) kept" if kept else "same pixels"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=CORPUS)
    args = parser.parse_args()
    if not args.folder.is_dir():
        print(f"== corpus judge: {args.folder} is not on this machine; passed over")
        return 0
    from pillow_heif import register_heif_opener

    register_heif_opener()
    files = sorted(p for p in args.folder.rglob("*") if p.is_file() and p.suffix != ".md")
    print(f"== corpus judge: {len(files)} real files from {args.folder}")
    tally: collections.Counter[str] = collections.Counter()
    for path in files:
        verdict, seen = judge(path)
        tally[verdict] += 1
        if verdict == "FAILED" or "gain map" in seen or "not compared" in seen:
            print(f"  {verdict:8} {path.name}: {seen}")
    print("  " + ", ".join(f"{tally[v]} {v}" for v in ("cleaned", "refused", "FAILED")))
    return 1 if tally["FAILED"] else 0


if __name__ == "__main__":
    sys.exit(main())
