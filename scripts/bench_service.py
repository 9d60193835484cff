"""The local service's benchmark: POST /v1/inspect of a 12 MP JPEG over loopback against
a real `thinktwice serve` in its own process (median and p95, with and without pixel
analysis). Run by scripts/bench.py (`--service` runs only this).
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench_support import p95  # noqa: E402  (beside this file)

from tests.support.net import free_port  # noqa: E402

THINKTWICE = ROOT / ".venv" / "bin" / "thinktwice"


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
            [str(THINKTWICE), "serve", "--tcp", "--port", str(port), "--data-dir", str(data_dir)],
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
        met = "met" if median <= 20 else "MISSED"
        goal = f"  (goal: median <= 20 ms: {met})" if label.startswith("metadata") else ""
        print(
            f"  {label:<30} median {median:7.2f}, p95 {p95(walls) * 1000:7.2f}"
            f"  (engine {statistics.median(engine):7.2f}){goal}"
        )
