"""Engine benchmarks: batch cleaning against exiftool, exiv2 and cp; in-process clean();
and the local service: POST /v1/inspect over loopback (`--service` runs only that).

Every figure is measured in this run, on this machine, alternating the tools
round by round so that they share the same conditions.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PIL import Image

import thinktwice

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.support.net import free_port  # noqa: E402

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


def p95(samples: Iterable[float]) -> float:
    """The 95th percentile of `samples` by nearest rank: index int(0.95 n) once sorted."""
    ordered = sorted(samples)
    return ordered[int(len(ordered) * 0.95)]


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def batch(master: Path, files: int, rounds: int) -> dict[str, list[float]]:
    """Seconds per file of each tool cleaning `files` copies of `master` at once, per round."""
    times: dict[str, list[float]] = {"thinktwice": [], "exiftool": [], "exiv2": [], "cp": []}
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
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
                # The photos are on disk, as a person's are when they clean a folder,
                # and no earlier run's writeback competes with the timed one.
                os.sync()
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


def in_process(data: bytes, runs: int) -> list[float]:
    """Seconds of thinktwice.clean() on one JPEG already in memory."""
    thinktwice.clean(data)  # warm up
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        thinktwice.clean(data)
        samples.append(time.perf_counter() - start)
    return samples


def _multipart(data: bytes, filename: str, site: str) -> tuple[bytes, str]:
    """A multipart body built once, so the figures time the service, not the client."""
    boundary = "thinktwice-bench-boundary"
    body = (
        f"--{boundary}\r\n"
        f'Content-Disposition: form-data; name="file"; filename="{filename}"\r\n'
        "Content-Type: image/jpeg\r\n\r\n"
    ).encode() + data
    body += (
        f'\r\n--{boundary}\r\nContent-Disposition: form-data; name="site"\r\n\r\n'
        f"{site}\r\n--{boundary}--\r\n"
    ).encode()
    return body, f"multipart/form-data; boundary={boundary}"


def service(full: Path, requests: int) -> dict[str, tuple[list[float], list[float]]]:
    """POST /v1/inspect of the JPEG `full` to `thinktwice serve` running in its own process.

    Three runs: metadata only (`?pixels=false`: nothing is decoded) of the photo
    without its EXIF thumbnail and of the full photo, then the full photo with
    pixel analysis (nudity, faces, codes, text, and the thumbnail compared with
    the picture). Returns, per run, client-measured seconds per request and the
    engine's milliseconds as the service reports them.
    """
    import httpx  # a dev dependency, like the bench itself

    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        bare = base / "bare.jpg"
        shutil.copyfile(full, bare)
        subprocess.run(
            ["exiftool", "-q", "-overwrite_original", "-ThumbnailImage=", str(bare)], check=True
        )
        port = free_port()
        data_dir = base / "data"
        server = subprocess.Popen(
            [str(THINKTWICE), "serve", "--port", str(port), "--data-dir", str(data_dir)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            url = f"http://127.0.0.1:{port}"
            _wait_until_up(httpx, url, server)
            token = (data_dir / "token").read_text().strip()
            runs = (
                ("metadata only, no thumbnail", bare, "false"),
                ("metadata only, full photo", full, "false"),
                ("with pixel analysis", full, "true"),
            )
            results: dict[str, tuple[list[float], list[float]]] = {}
            with httpx.Client(
                base_url=url, headers={"X-ThinkTwice-Token": token}, timeout=120
            ) as client:
                for label, path, pixels in runs:
                    body, content_type = _multipart(path.read_bytes(), path.name, "web.example")
                    request = {
                        "content": body,
                        "headers": {"Content-Type": content_type},
                        "params": {"pixels": pixels},
                    }
                    for _ in range(3):  # warm up: first use loads the gazetteer, the model
                        client.post("/v1/inspect", **request)
                    walls, engine = [], []
                    for _ in range(requests):
                        start = time.perf_counter()
                        response = client.post("/v1/inspect", **request)
                        walls.append(time.perf_counter() - start)
                        response.raise_for_status()
                        engine.append(response.json()["timings"]["engine_ms"])
                    results[label] = (walls, engine)
            return results
        finally:
            server.terminate()
            server.wait(timeout=30)


def _wait_until_up(httpx: Any, url: str, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            httpx.get(f"{url}/v1/health", timeout=1).raise_for_status()
            return
        except httpx.HTTPError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError("thinktwice serve did not start") from None
            time.sleep(0.1)


def report_service(photo: Path, requests: int) -> None:
    """Print the service figures for the 12 MP JPEG `photo`."""
    print(f"== POST /v1/inspect of a 12 MP JPEG over loopback ({requests} requests, ms)")
    for label, (walls, engine) in service(photo, requests).items():
        median = statistics.median(walls) * 1000
        goal = "  (goal: median <= 20 ms)" if label.startswith("metadata") else ""
        print(
            f"  {label:<30} median {median:7.2f}, p95 {p95(walls) * 1000:7.2f}"
            f"  (engine {statistics.median(engine):7.2f}){goal}"
        )


def report_engine(photo: Path, files: int, rounds: int, runs: int) -> None:
    """Print the batch and in-process figures for the 12 MP JPEG `photo`."""
    print("== batch clean of 12 MP JPEGs, one command per tool (ms per file, median)")
    times = batch(photo, files, rounds)
    med = {tool: statistics.median(v) * 1000 for tool, v in times.items()}
    for tool, value in med.items():
        print(f"  {tool:<11} {value:7.2f} ms/file")
    tt = med["thinktwice"]
    print(f"  exiftool / thinktwice = {med['exiftool'] / tt:.2f}x  (goal >= 2)")
    print(f"  exiv2 / thinktwice    = {med['exiv2'] / tt:.2f}x  (goal >= 2)")
    print(f"  thinktwice / cp       = {tt / med['cp']:.2f}x  (goal <= 3)")

    print("== in-process thinktwice.clean() of one 12 MP JPEG")
    samples = in_process(photo.read_bytes(), runs)
    median = statistics.median(samples) * 1000
    print(f"  median {median:.2f} ms, p95 {p95(samples) * 1000:.2f} ms  (goal: median <= 3 ms)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--runs", type=int, default=200, help="in-process clean() repetitions")
    parser.add_argument(
        "--service", action="store_true", help="run only the local service benchmark"
    )
    parser.add_argument("--requests", type=int, default=50, help="POST /v1/inspect repetitions")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        photo = Path(tmp) / "photo.jpg"
        photo_jpeg(photo)  # seconds of work: made once, for every section
        if not args.service:
            report_engine(photo, args.files, args.rounds, args.runs)
        report_service(photo, args.requests)
    return 0


if __name__ == "__main__":
    sys.exit(main())
