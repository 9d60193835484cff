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
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_support import ROOT
from bench_videos import measured

from tests.support.videos import identifying_tags, probe_errors
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


def stream_hash(path: Path) -> str:
    """ffmpeg's hash of every video and audio packet."""
    return subprocess.run(["ffmpeg", "-v", "error", "-i", str(path), "-map", "0:V", "-map", "0:a",
                           "-c", "copy", "-f", "streamhash", "-"],
                          check=True, capture_output=True).stdout.decode()  # fmt: skip


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
    times: dict[str, list[float]] = {name: [] for name in tools}
    peaks = dict.fromkeys(tools, 0.0)
    names = list(tools)
    judged = source.parent / "cleaned.webm"
    for r in range(rounds):
        for name in names[r % len(names) :] + names[: r % len(names)]:
            out.mkdir()
            os.sync()
            seconds, peak, _ = measured(tools[name])
            times[name].append(seconds)
            peaks[name] = max(peaks[name], peak)
            if name == "thinktwice" and not judged.exists():
                (out / source.name).rename(judged)
            shutil.rmtree(out)
    size = source.stat().st_size / 1e6
    print(f"== cleaning one {size:.0f} MB WebM (VP9 + Opus, title, place, time), {rounds} rounds")
    medians = {name: statistics.median(values) for name, values in times.items()}
    for name, values in times.items():
        print(f"  {name:<13} {medians[name] * 1000:7.0f} ms  (rounds {min(values) * 1000:.0f}-"
              f"{max(values) * 1000:.0f})  peak RSS {peaks[name]:.0f} MiB")  # fmt: skip
    print(f"  ratios (medians): remux / thinktwice "
          f"{medians['ffmpeg remux'] / medians['thinktwice']:.2f}x; thinktwice / cp "
          f"{medians['thinktwice'] / medians['cp']:.2f}x")  # fmt: skip
    same = stream_hash(judged) == stream_hash(source)
    errors = probe_errors(judged)
    left = identifying_tags(judged)
    print(f"  judges: stream hash {'equal' if same else 'DIFFERENT'}; "
          f"ffprobe {'clean' if not errors else 'ERRORS: ' + errors[:200]}; "
          f"exiftool finds {left or 'nothing identifying'}")  # fmt: skip
    judged.unlink()


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
