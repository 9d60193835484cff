"""WebM benchmark: cleaning a 300 MB WebM, made in this run, against a remux and cp.

A 10-second 640x360 VP9 + Opus clip is looped by ffmpeg without re-encoding to
about 300 MB (a screen recording's size), with a title, a location and a creation
time. Then, round by round, each tool first once, after a sync:

- `thinktwice clean -o OUT` (an edit plan: Clusters copied with copy_file_range);
- `ffmpeg -map_metadata -1 -c copy` (the usual way: a remux, which rewrites every
  Cluster and, without more flags, keeps the WritingApp and track statistics);
- `cp`, the floor.

The cleaned copy is judged (ffmpeg's stream hash of every packet, ffprobe without
error, exiftool finding nothing identifying), and the engine's plan is timed in
process on an mmap, with its anonymous memory (mapped file pages excluded).

    .venv/bin/python scripts/bench_webm.py [ROUNDS]
"""

from __future__ import annotations

import mmap
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_support import ROOT
from bench_videos import clean_rounds, print_judges, print_rounds

from tests.support.matroska import packets
from thinktwice.formats import matroska

os.environ["PYTHONPATH"] = str(ROOT / "backend")  # this tree's engine in the child processes
LOOPS = 600
TAGS = ("-metadata", "title=Alice at home", "-metadata", "location=+48.8584+002.2945/",
        "-metadata", "creation_time=2024-03-14T18:02:11Z")  # fmt: skip


def make_webm(folder: Path) -> Path:
    """The looped WebM (about 300 MB)."""
    clip, big = folder / "clip.webm", folder / "big.webm"
    quiet = ("ffmpeg", "-v", "error", "-y")
    subprocess.run([*quiet, "-f", "lavfi", "-i", "testsrc=size=640x360:rate=30", "-f", "lavfi",
                    "-i", "sine=f=440:r=48000", "-t", "10", "-c:v", "libvpx-vp9", "-deadline",
                    "realtime", "-b:v", "4M", "-c:a", "libopus", str(clip)],
                   check=True)  # fmt: skip
    subprocess.run([*quiet, "-stream_loop", str(LOOPS), "-i", str(clip), "-c", "copy", *TAGS,
                    str(big)], check=True)  # fmt: skip
    return big


def report_clean(source: Path, rounds: int) -> None:
    """Each tool on the same file, in turn; then the judges of thinktwice's copy."""
    out = source.parent / "out"
    tools = {
        "thinktwice": [sys.executable, "-m", "thinktwice", "clean", "-q", "-o", str(out),
                       str(source)],
        "ffmpeg remux": ["ffmpeg", "-v", "error", "-i", str(source), "-map", "0",
                         "-map_metadata", "-1", "-c", "copy", str(out / source.name)],
        "cp": ["cp", str(source), f"{out}/"],
    }  # fmt: skip
    judged = source.parent / "cleaned.webm"
    times, peaks = clean_rounds(tools, source, out, judged, rounds)
    size = source.stat().st_size / 1e6
    print(f"== cleaning one {size:.0f} MB WebM (VP9 + Opus, title, place, time), {rounds} rounds")
    medians = print_rounds(times, peaks)
    print(f"  ratios (medians): remux / thinktwice "
          f"{medians['ffmpeg remux'] / medians['thinktwice']:.2f}x; thinktwice / cp "
          f"{medians['thinktwice'] / medians['cp']:.2f}x")  # fmt: skip
    print_judges(judged, source, packets)


def report_plan(source: Path) -> None:
    """The engine's plan of it, in process, on an mmap: time and anonymous memory."""
    with source.open("rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
        start = time.perf_counter()
        steps = matroska.plan(mapped)
        seconds = time.perf_counter() - start
        status = Path("/proc/self/status").read_text()
    anon = int(status.split("RssAnon:")[1].split()[0]) / 1024
    clusters = sum(1 for s in steps if not isinstance(s, bytes)) - 1
    print(
        f"  plan in process: {seconds * 1000:.0f} ms for {clusters} Clusters; "
        f"anonymous memory {anon:.0f} MiB (the mapped file's pages excluded)"
    )


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as folder:
        webm = make_webm(Path(folder))
        report_clean(webm, int(sys.argv[1]) if len(sys.argv) > 1 else 3)
        report_plan(webm)
