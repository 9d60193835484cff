"""Engine benchmarks: batch cleaning against exiftool, exiv2 and cp; in-process clean().

Every figure is measured in this run, on this machine, alternating the tools
round by round so that they share the same conditions.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image

import thinktwice

ROOT = Path(__file__).resolve().parent.parent
THINKTWICE = ROOT / ".venv" / "bin" / "thinktwice"

# What a phone writes, plus the rest: the metadata the batch has to strip.
METADATA = (
    "-GPSLatitude=48.8219", "-GPSLatitudeRef=N", "-GPSLongitude=2.2890",
    "-GPSLongitudeRef=E", "-GPSAltitude=35", "-Make=Apple", "-Model=iPhone 15 Pro",
    "-SerialNumber=SN-4815162342", "-LensModel=iPhone 15 Pro back camera",
    "-ImageUniqueID=0123456789abcdef0123456789abcdef", "-Artist=Alice Example",
    "-Copyright=(c) Alice Example", "-DateTimeOriginal=2024:03:14 18:02:11",
    "-OffsetTimeOriginal=+01:00", "-Software=Adobe Photoshop 25.0",
    "-XMP-dc:Creator=Alice Example", "-XMP-photoshop:City=Vanves",
    "-IPTC:By-line=Alice Example", "-IPTC:Keywords=private", "-Comment=hello",
)  # fmt: skip


def photo_jpeg(path: Path, width: int = 4000, height: int = 3000) -> None:
    """A 12-megapixel photo-like JPEG (gradients plus sensor-like noise) with full metadata."""
    gradient = Image.linear_gradient("L").resize((width, height))
    noise = Image.effect_noise((width, height), 24)
    channels = (
        Image.blend(gradient, noise, 0.25),
        Image.blend(
            gradient.transpose(Image.Transpose.ROTATE_90).resize((width, height)), noise, 0.2
        ),
        Image.blend(gradient.transpose(Image.Transpose.FLIP_TOP_BOTTOM), noise, 0.3),
    )
    Image.merge("RGB", channels).save(path, "JPEG", quality=92)
    thumb = path.with_suffix(".thumb.jpg")
    with Image.open(path) as im:
        im.thumbnail((160, 120))
        im.save(thumb, "JPEG", quality=80)
    subprocess.run(
        [
            "exiftool",
            "-q",
            "-overwrite_original",
            *METADATA,
            f"-ThumbnailImage<={thumb}",
            str(path),
        ],
        check=True,
    )
    thumb.unlink()


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def batch(files: int, rounds: int) -> dict[str, list[float]]:
    """Seconds per file of each tool cleaning `files` JPEGs in one process, per round."""
    times: dict[str, list[float]] = {"thinktwice": [], "exiftool": [], "exiv2": [], "cp": []}
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        master = base / "master.jpg"
        photo_jpeg(master)
        size = master.stat().st_size
        print(f"fixture: 4000x3000 JPEG, {size / 1e6:.1f} MB with full metadata; {files} files")
        for r in range(rounds):
            for tool in times:
                src = base / f"src-{tool}-{r}"
                out = base / f"out-{tool}-{r}"
                src.mkdir()
                out.mkdir()
                paths = []
                for i in range(files):
                    p = src / f"IMG_{i:04d}.jpg"
                    shutil.copyfile(master, p)
                    paths.append(str(p))
                cmd = {
                    "thinktwice": [str(THINKTWICE), "clean", "-q", "-o", str(out), *paths],
                    "exiftool": ["exiftool", "-q", "-all=", "-o", f"{out}/", *paths],
                    "exiv2": ["exiv2", "rm", *paths],
                    "cp": ["cp", *paths, str(out)],
                }[tool]
                times[tool].append(timed(cmd) / files)
                shutil.rmtree(src)
                shutil.rmtree(out)
    return times


def in_process(runs: int) -> list[float]:
    """Seconds of thinktwice.clean() on one 12 MP JPEG already in memory."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "one.jpg"
        photo_jpeg(path)
        data = path.read_bytes()
    thinktwice.clean(data)  # warm up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        thinktwice.clean(data)
        samples.append(time.perf_counter() - start)
    return samples


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--runs", type=int, default=200, help="in-process clean() repetitions")
    args = parser.parse_args()

    print("== batch clean of 12 MP JPEGs, one command per tool (ms per file, median)")
    times = batch(args.files, args.rounds)
    med = {tool: statistics.median(v) * 1000 for tool, v in times.items()}
    for tool, value in med.items():
        print(f"  {tool:<11} {value:7.2f} ms/file")
    tt = med["thinktwice"]
    print(f"  exiftool / thinktwice = {med['exiftool'] / tt:.2f}x  (goal >= 2)")
    print(f"  exiv2 / thinktwice    = {med['exiv2'] / tt:.2f}x  (goal >= 2)")
    print(f"  thinktwice / cp       = {tt / med['cp']:.2f}x  (goal <= 3)")

    print("== in-process thinktwice.clean() of one 12 MP JPEG")
    samples = sorted(in_process(args.runs))
    median = statistics.median(samples) * 1000
    p95 = samples[int(len(samples) * 0.95)] * 1000
    print(f"  median {median:.2f} ms, p95 {p95:.2f} ms  (goal: median <= 3 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
