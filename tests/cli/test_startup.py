"""`thinktwice clean` loads the clean path and nothing else: every batch pays its start-up.

Each module named here costs about as much to import as cleaning a photo takes,
or more (see records.py); the test fails when one creeps back onto the path.
"""

from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from tests.support.images import FULL_METADATA, encode, photo, with_metadata
from thinktwice.cli import main

NOT_ON_THE_CLEAN_PATH = (
    "argparse",  # the plain forms are read by cli/clean_args.py
    "re",
    "enum",
    "threading",  # workers are _thread ones
    "collections",
    "contextlib",
    "dataclasses",
    "typing",
    "pathlib",
    "tempfile",
    "shutil",  # argparse imports it to size help text; cli/parser.py sizes it itself
    "concurrent.futures",
    "logging",
    "inspect",
    "PIL",
    "numpy",
    "thinktwice.models",
    "thinktwice.pipeline",
    "thinktwice.findings",
    "thinktwice.vision",
    "thinktwice.formats.png",  # other formats load when a file needs them
)

# Runs the command in a fresh interpreter, then says which modules it loaded.
PROBE = (
    "import sys\n"
    "from thinktwice.cli import main\n"
    "status = main(sys.argv[1:])\n"
    "print(repr([status, sorted(sys.modules)]))\n"
)


def test_cleaning_a_batch_of_jpegs_loads_only_the_clean_path(tmp_path):
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
    assert "thinktwice.metadata.exif" in loaded  # the probe did exercise the EXIF check
    heavy = [
        m for m in loaded if any(m == p or m.startswith(f"{p}.") for p in NOT_ON_THE_CLEAN_PATH)
    ]
    assert heavy == []


def test_help_still_fits_the_terminal(monkeypatch, capsys):
    monkeypatch.setenv("COLUMNS", "60")
    with pytest.raises(SystemExit):
        main(["clean", "--help"])
    lines = capsys.readouterr().out.splitlines()
    assert any("--in-place" in line for line in lines)
    assert max(len(line) for line in lines) <= 60
