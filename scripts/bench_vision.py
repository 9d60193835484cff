"""Pixel analysis benchmark: inspect() of a 12-megapixel JPEG, and the memory it takes.

Goals on a 2-core machine: median inspect() with pixel analysis at most 150 ms;
resident memory of a process with the model loaded at most 400 MB.

Cases, each run `--runs` times after one warm-up inspection:
- "noise photo": photo-like gradients and sensor noise with camera metadata (no
  face); noise is the slowest JPEG to decode (every coefficient is coded).
- "astronaut": scikit-image's astronaut scaled to 4000x3000 (a face is found).
- the same photo with pixels=False, the metadata-only baseline.
- "screenshot": a 1170x2532 PNG of text, which text recognition reads (when
  tesseract is installed): the cost of OCR when it runs (goal: 250 ms). With
  `--baseline DIR`, the same screenshot is also inspected by the checkout in DIR
  (its `backend` on PYTHONPATH, in a child process): before and after in one run.
Memory is VmRSS from /proc/self/status after the warm-up and the runs (VmHWM too:
the peak), with the JPEG bytes held.

Then the stages of the noise photo's inspection, each timed alone on one thread
(median): where the time goes. inspect() overlaps them: the decoding first (the
metadata, the strip and the hash beside it), then the nudity and face models beside
the code reader and the text test, the thumbnail comparison beside both.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_support import p95, photo_jpeg  # beside this file: the 12 MP photo, the percentile

from thinktwice import formats
from thinktwice.limits import DEFAULT_LIMITS
from thinktwice.metadata.decode import decode as read_metadata
from thinktwice.pipeline import inspect
from thinktwice.vision import codes, decode, faces, model, text, thumbnails
from thinktwice.vision.options import DEFAULT_VISION
from thinktwice.vision.report import KINDS

GOAL_MEDIAN_MS = 150
GOAL_RSS_MB = 400
GOAL_SCREENSHOT_MS = 250
# What the --baseline child runs: the median of warm inspections of the bytes on stdin.
# CPU counts the child processes too: older checkouts ran the tesseract program.
BASELINE = """
import resource, statistics, sys, time
from thinktwice.pipeline import inspect
def cpu():
    own, kids = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime
data, runs = sys.stdin.buffer.read(), int(sys.argv[1])
inspect(data, pixels=True)
times, used = [], cpu()
for _ in range(runs):
    start = time.perf_counter()
    inspect(data, pixels=True)
    times.append((time.perf_counter() - start) * 1000)
print(f"median {statistics.median(times):.0f} ms, CPU {(cpu() - used) * 1000 / runs:.0f} ms a run")
"""


def noise_photo() -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "photo.jpg"
        photo_jpeg(path)
        return path.read_bytes()


def astronaut() -> bytes:
    from skimage import data

    big = Image.fromarray(data.astronaut()).resize((4000, 3000), Image.Resampling.BICUBIC)
    buffer = io.BytesIO()
    big.save(buffer, "JPEG", quality=92)
    return buffer.getvalue()


def screenshot() -> bytes:
    page = Image.new("RGB", (1170, 2532), "white")
    draw = ImageDraw.Draw(page)
    font = ImageFont.load_default(size=44)
    lines = ["Order confirmed", "Deliver to 12 Baker Street", "Questions? alice@example.com",
             "or call +44 20 7946 0958", "Thank you for shopping with us"]  # fmt: skip
    for i, line in enumerate(lines * 4):
        draw.text((60, 80 + i * 120), line, fill="black", font=font)
    buffer = io.BytesIO()
    page.save(buffer, "PNG")
    return buffer.getvalue()


def timings(run: Callable[[], object], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        start = time.perf_counter()
        run()
        out.append((time.perf_counter() - start) * 1000)
    return out


def stages(data: bytes, runs: int) -> dict[str, float]:
    """Median milliseconds of each stage of `data`'s pixel analysis, run alone."""
    options = DEFAULT_VISION
    decoded = decode.for_analysis(data, options.analysis_size)
    detector = model.get(options)
    yunet = faces.get(options)
    found = read_metadata(formats.detect(data).read(data)).pictures
    parts: dict[str, Callable[[], object]] = {
        "decode (1/4 scale, upright)": lambda: decode.for_analysis(data, options.analysis_size),
        "nudity model (resize, run, decode)": lambda: detector.detect(
            decoded.image, options.input_size, options.nudity_threshold
        ),
        "face model (views, runs, decode)": lambda: yunet.detect(
            decoded.image, options.face_threshold
        ),
        "code reader (zxing)": lambda: codes.findings(decoded),
        "text test (and OCR if it looks like text)": lambda: text.findings(
            decoded, data, DEFAULT_LIMITS, options
        ),
        "thumbnail comparison": lambda: thumbnails.compare_with(found, lambda: decoded),
        "metadata, strip, verify (pixels off)": lambda: inspect(data, pixels=False),
    }
    return {name: statistics.median(timings(run, runs)) for name, run in parts.items()}


def baseline(checkout: Path, data: bytes, runs: int) -> str:
    """The median warm inspect() of `data` by the code in `checkout`, and its CPU time."""
    env = {**os.environ, "PYTHONPATH": str(checkout / "backend")}
    done = subprocess.run([sys.executable, "-c", BASELINE, str(runs)], input=data,
                          capture_output=True, env=env, cwd=checkout, check=True)  # fmt: skip
    return done.stdout.decode().strip()


def memory() -> dict[str, float]:
    fields = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmRSS", "VmHWM"):
            fields[name] = int(value.split()[0]) / 1024
    return fields


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--baseline", type=Path, help="a checkout to time the screenshot in too")
    args = parser.parse_args()
    print(f"cores: {os.cpu_count()}, load average: {os.getloadavg()[0]:.2f}")

    started = time.perf_counter()
    model.warm()
    print(f"model load and first run (warm): {(time.perf_counter() - started) * 1000:.0f} ms")

    cases: list[tuple[str, bytes, bool]] = [
        ("noise photo 4000x3000 JPEG, pixels on", noise_photo(), True),
        ("astronaut 4000x3000 JPEG, pixels on", astronaut(), True),
    ]
    cases.append(("noise photo, pixels off (metadata only)", cases[0][1], False))
    cases.append(("screenshot 1170x2532 PNG of text, pixels on", screenshot(), True))
    ok = True
    for name, data, pixels in cases:
        report = inspect(data, pixels=pixels)  # warm-up: caches, the gazetteer
        cpu = time.process_time()
        times = timings(lambda d=data, p=pixels: inspect(d, pixels=p), args.runs)
        cpu_ms = (time.process_time() - cpu) * 1000 / args.runs
        median = statistics.median(times)
        kinds = ",".join(f.kind.value for f in report.findings if f.kind in KINDS) or "-"
        print(
            f"{name}: {len(data) / 1e6:.1f} MB, median {median:.0f} ms,"
            f" p95 {p95(times):.0f} ms over {args.runs} runs, CPU {cpu_ms:.0f} ms a run;"
            f" pixel findings: {kinds}; pixel analysis {report.pixel_analysis}"
        )
        if pixels and "JPEG" in name:
            ok = ok and median <= GOAL_MEDIAN_MS
        if "screenshot" in name:
            ok = ok and median <= GOAL_SCREENSHOT_MS
            if args.baseline:
                before = baseline(args.baseline, data, args.runs)
                print(f"  the same in {args.baseline}: {before}")
    print("stages of the noise photo, each alone (median ms):")
    for stage, ms in stages(cases[0][1], args.runs).items():
        print(f"  {stage:44} {ms:6.1f}")
    mem = memory()
    print(f"resident memory with the model loaded: {mem['VmRSS']:.0f} MB"
          f" (peak {mem['VmHWM']:.0f} MB); goal {GOAL_RSS_MB} MB")  # fmt: skip
    ok = ok and mem["VmRSS"] <= GOAL_RSS_MB
    print("goals met" if ok else "goals NOT met")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
