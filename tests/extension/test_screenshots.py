"""scripts/screenshots takes every screenshot it promises: each PNG is there, at the
size of its viewport (full-page ones at least as tall), and shows a screen, not a blank.

It runs as a person runs it (its own Chromium, service and site), into a tmp folder.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PIL import Image, ImageStat

from tests.extension.browser import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from screenshots import SIZES, planned  # the script, beside the others

# Exactly the viewport: the dialog and the popup; the pages are full-page (taller).
EXACT = ("dialog-", "popup-")


def test_the_script_takes_every_screenshot_at_its_size_and_none_is_blank(
    tmp_path: Path,
) -> None:
    out = tmp_path / "shots"
    script = ROOT / "scripts" / "screenshots.py"
    run = subprocess.run(
        [sys.executable, str(script), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    shots = planned()
    assert len(shots) == 18 and {s.width for s in shots} == {340, *(w for w, _ in SIZES.values())}
    assert sorted(p.name for p in out.iterdir()) == sorted(s.name for s in shots)
    for shot in shots:
        with Image.open(out / shot.name) as image:
            assert image.format == "PNG", shot.name
            width, height = image.size
            assert width == shot.width, shot.name
            if shot.name.startswith(EXACT):
                assert height == shot.height, shot.name
            else:
                assert height >= shot.height, shot.name
            grey = image.convert("L")
            colours = image.convert("RGB").getcolors(maxcolors=1 << 20) or []
            assert ImageStat.Stat(grey).stddev[0] > 10, f"{shot.name} is nearly blank"
            assert len(colours) > 64, f"{shot.name} has {len(colours)} colours"
