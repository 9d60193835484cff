"""Real Ultra HDR photos cleaned and judged: nothing identifying left, the HDR look kept.

Run by `scripts/bench` (and alone: `.venv/bin/python scripts/judge_hdr.py`). The files
are Mishaal Rahman's Ultra HDR samples (github.com/MishaalRahmanGH/Ultra_HDR_Samples,
commit de10972, CC BY 4.0): Pixel 6 Pro JPEGs with a gain map after the photo. They are
read, read-only, from a local mirror of that repository (bench_support.mirror_file) and
never copied into the project; a file that is not on the machine is said so. Each is
cleaned twice, as `thinktwice clean` does (gain map kept) and with `--drop-hdr`, and
judged by others than the engine:

- exiftool finds nothing identifying in the file or in its gain map (a kept gain map's
  parameters and the MPF index that finds it are allowed, tests/support/exiftool.py);
- Pillow decodes the same primary, bit for bit;
- the gain map is still one: Pillow's MPO reader opens it as frame 2, exiftool
  extracts it (-b -MPImage2) with the length the MPF index and the primary's XMP
  Container:Directory give, its hdrgm parameters are those of the original, an ISO
  21496-1 block that was in either image is still there, and its pixels are the same;
- libultrahdr (through libvips' uhdrload, from pyvips-binary) reads the cleaned file
  as Ultra HDR with the original's gain-map parameters and the same gain-map pixels;
- with drop_hdr: one image (no MPF index, no hdrgm), the same primary, and libvips
  reads it as a plain JPEG.

Exits 1 when a check fails.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Callable

from bench_support import mirror_file
from PIL import Image

from tests.support.exiftool import beyond_gain_maps, mp_image, read_tags
from tests.support.ultrahdr import PLAIN_LOADER, ULTRA_HDR_LOADER, libultrahdr
from thinktwice.cleaning import clean

REPO = "MishaalRahmanGH/Ultra_HDR_Samples"
COMMIT = "de109721ca479b2b0f31cc709e70b614531b413f"  # 2023-10-14, CC BY 4.0
SAMPLES = [f"Originals/Ultra_HDR_Samples_Originals_{n:02}.jpg" for n in range(1, 11)]
ISO_21496 = b"urn:iso:std:iso:ts:21496:-1\x00"
Check = tuple[str, Callable[[], bool]]


def frames(data: bytes) -> list[bytes]:
    """Every frame's pixels as Pillow decodes them (the MPO reader for an MPF file)."""
    with Image.open(io.BytesIO(data)) as im:
        decoded = []
        for n in range(getattr(im, "n_frames", 1)):
            im.seek(n)
            decoded.append(im.tobytes())
        return decoded


def pixels(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as im:
        return im.tobytes()


def tags(data: bytes) -> dict[tuple[str, str], object]:
    return {(group, name): value for group, name, value in read_tags(data, ".jpg")}


def hdrgm(data: bytes) -> dict[str, object]:
    return {name: value for (group, name), value in tags(data).items() if group == "XMP-hdrgm"}


def checks(original: bytes) -> list[Check]:
    """What must hold for one Ultra HDR photo, each check named."""
    kept, dropped = clean(original), clean(original, drop_hdr=True)
    gain_map, kept_map = mp_image(original), mp_image(kept)
    kept_tags, kept_frames = tags(kept), frames(kept)
    read = libultrahdr(original)
    return [
        ("the original is Ultra HDR with a gain map", lambda: bool(gain_map)
         and read[0] == ULTRA_HDR_LOADER and bool(read[2])),
        ("exiftool finds nothing identifying", lambda: not beyond_gain_maps(kept, ".jpg")),
        ("nor in its gain map", lambda: not beyond_gain_maps(kept_map, ".jpg")),
        ("the primary's pixels are the same", lambda: kept_frames[0] == pixels(original)),
        ("Pillow opens the gain map as MPO frame 2", lambda: len(kept_frames) == 2),
        ("the gain map's pixels are the same", lambda: kept_frames[1:] == [pixels(gain_map)]),
        ("exiftool extracts the gain map, a whole JPEG", lambda: kept_map.startswith(b"\xff\xd8")
         and kept_map.endswith(b"\xff\xd9") and kept.endswith(kept_map)),
        ("the MPF index gives its length", lambda: kept_tags.get(("MPImage2", "MPImageLength"))
         == len(kept_map)),
        ("the XMP directory gives its length", lambda: kept_tags.get(
            ("XMP-Container", "DirectoryItemLength")) == len(kept_map)),
        ("its hdrgm parameters are the original's", lambda: hdrgm(kept_map) == hdrgm(gain_map)
         and "GainMapMax" in hdrgm(kept_map)),
        ("the primary still says hdrgm:Version", lambda: hdrgm(kept) == hdrgm(original)),
        ("an ISO 21496-1 block stays where it was", lambda:
         (ISO_21496 in kept_map) == (ISO_21496 in gain_map)
         and (ISO_21496 in kept[: len(kept) - len(kept_map)])
         == (ISO_21496 in original[: len(original) - len(gain_map)])),
        ("libultrahdr reads the same gain map and parameters", lambda: libultrahdr(kept) == read),
        ("drop_hdr: exiftool finds nothing identifying", lambda: not beyond_gain_maps(
            dropped, ".jpg") and not hdrgm(dropped)),
        ("drop_hdr: one image, the same primary", lambda: frames(dropped) == [pixels(original)]
         and b"MPF\x00" not in dropped),
        ("drop_hdr: libultrahdr sees no gain map", lambda: libultrahdr(dropped)[0]
         == PLAIN_LOADER),
    ]  # fmt: skip


def report() -> bool:
    """Judge every sample on this machine; True when all checks pass."""
    print(f"\n== Real Ultra HDR photos ({REPO} at {COMMIT[:7]}, read-only from a local mirror)")
    passed = failed = absent = 0
    for path in SAMPLES:
        name = path.rpartition("/")[2]
        data = mirror_file(REPO, COMMIT, path)
        if data is None:
            absent += 1
            print(f"  {name}: not on this machine")
            continue
        wrong = [what for what, holds in checks(data) if not holds()]
        failed += bool(wrong)
        passed += not wrong
        print(f"  {name}: " + ("FAILED: " + "; ".join(wrong) if wrong else "all checks pass"))
    print(f"  {passed} passed, {failed} failed, {absent} not on this machine")
    return failed == 0


if __name__ == "__main__":
    sys.exit(0 if report() else 1)
