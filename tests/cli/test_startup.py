"""`thinktwice clean` and `scan` leave what is heavy unloaded (no image decoder, model or web
stack), and what the file does not need (another format's reader, the service, the history)."""

from __future__ import annotations

import ast
import subprocess
import sys

from tests.support.images import FULL_METADATA, encode, photo, with_metadata

# What a JPEG never needs: the other formats' readers (the registry imports a format's
# module with its first file), the service beyond its settings (the grammar shows their
# defaults), the native host, the history and dashboard.
NOT_FOR_A_JPEG = (
    "thinktwice.formats.png",
    "thinktwice.formats.webp",
    "thinktwice.formats.heif",
    "thinktwice.formats.gif",
    "thinktwice.formats.tiff",
    "thinktwice.formats.video",
    "thinktwice.formats.matroska",
    "thinktwice.server.security",
    "thinktwice.server.app",
    "thinktwice.native",
    "thinktwice.history",
    "thinktwice.dashboard",
)
NOT_ON_THE_CLEAN_PATH = (
    "PIL",
    "numpy",
    "onnxruntime",
    "fastapi",
    "starlette",
    "uvicorn",
    "thinktwice.findings",
    "thinktwice.vision",
)

# Runs the command in a fresh interpreter, then says which modules it loaded.
PROBE = (
    "import sys\n"
    "from thinktwice.cli import main\n"
    "status = main(sys.argv[1:])\n"
    "print(repr([status, sorted(sys.modules)]))\n"
)


def test_cleaning_a_batch_of_jpegs_loads_nothing_heavy(tmp_path):
    # A batch (threads, the allocator setting) of rotated photos (the EXIF decoder
    # checks the Orientation kept in each output).
    rotated = with_metadata(encode(photo(), "JPEG"), ".jpg", "-Orientation#=6", *FULL_METADATA)
    files = []
    for i in range(6):
        path = tmp_path / f"IMG_{i}.jpg"
        path.write_bytes(rotated)
        files.append(str(path))
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "clean", "-q", "-o", str(tmp_path / "out"), *files],
        capture_output=True,
        text=True,
        check=True,
    )
    status, loaded = ast.literal_eval(result.stdout.splitlines()[-1])
    assert status == 0, result.stderr
    assert "thinktwice.structure.ifd" in loaded  # the probe did exercise the EXIF check
    heavy = [
        m
        for m in loaded
        if any(m == p or m.startswith(f"{p}.") for p in (*NOT_ON_THE_CLEAN_PATH, *NOT_FOR_A_JPEG))
    ]
    assert heavy == []


NOT_ON_THE_METADATA_SCAN_PATH = (
    *NOT_ON_THE_CLEAN_PATH[:-2],
    *NOT_FOR_A_JPEG,
    "tqdm",
    "jinja2",
    "scipy",
    "multiprocessing",  # one file needs no worker processes
    "concurrent",
    "email",  # a PNG's e-mail style date is read in a few lines (findings/capture_time.py)
    "hashlib",  # OpenSSL: only an extended XMP's check needs it (formats/jpeg/extended.py)
    "hmac",
    "thinktwice.vision.analysis",
)


def test_a_metadata_scan_of_one_gps_photo_loads_nothing_heavy(tmp_path):
    path = tmp_path / "IMG_1.jpg"
    path.write_bytes(with_metadata(encode(photo(), "JPEG"), ".jpg", *FULL_METADATA))
    result = subprocess.run(
        [sys.executable, "-c", PROBE, "scan", "--no-pixels", str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    status, loaded = ast.literal_eval(result.stdout.splitlines()[-1])
    assert status == 0, result.stderr
    assert "in Vanves" in result.stdout  # the gazetteer did name the place
    heavy = [
        m
        for m in loaded
        if any(m == p or m.startswith(f"{p}.") for p in NOT_ON_THE_METADATA_SCAN_PATH)
    ]
    assert heavy == []
