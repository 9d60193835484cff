"""`thinktwice open`: says where the dashboard is and opens it, with no secret anywhere.

The dashboard is the extension's page; its address is the same for everyone
(the extension id is fixed by the manifest key), so what goes on a browser's
command line, readable by other accounts, gives nobody anything.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from thinktwice.cli import main
from thinktwice.cli.dashboard import CHROME_URL
from thinktwice.native.install import CHROME_EXTENSION_ID

PAGE = f"chrome-extension://{CHROME_EXTENSION_ID}/dashboard/dashboard.html"


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m thinktwice ARGS` in a new process."""
    return subprocess.run(
        [sys.executable, "-m", "thinktwice", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


def test_print_says_how_to_open_it_and_gives_the_extension_page(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert CHROME_URL == PAGE
    assert main(["open", "--print"]) == 0
    out = capsys.readouterr().out
    assert "toolbar button" in out and "Dashboard" in out
    assert PAGE in out


def test_the_manifest_page_exists() -> None:
    root = Path(__file__).resolve().parents[2]
    assert (root / "extension" / "dashboard" / "dashboard.html").is_file()


def test_open_hands_only_the_public_address_to_the_browser(tmp_path: Path) -> None:
    # $BROWSER is how Python's webbrowser module is told which browser to run.
    received = tmp_path / "opened.txt"
    fake = tmp_path / "browser.sh"
    fake.write_text(f'#!/bin/sh\nprintf %s "$1" > {received}\n')
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    done = run("open", env={"BROWSER": f"{fake} %s", "DISPLAY": ""})
    assert done.returncode == 0, done.stderr
    assert received.read_text() == PAGE  # no code, no token, no port
    assert "Opened it" in done.stdout


@pytest.mark.parametrize("module", ["httpx", "fastapi", "jinja2", "uvicorn", "PIL"])
def test_open_starts_without_the_web_stack(module: str) -> None:
    code = f"import sys, thinktwice.cli.dashboard; print({module!r} in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr
