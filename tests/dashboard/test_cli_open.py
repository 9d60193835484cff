"""`thinktwice open`: a one-time sign-in link from the running service, opened or printed."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.dashboard.conftest import cookie_name
from tests.server.live import LiveServer
from tests.support.net import free_port
from thinktwice.cli import main


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m thinktwice ARGS` in a new process."""
    return subprocess.run(
        [sys.executable, "-m", "thinktwice", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
    )


def signs_in(server: LiveServer, url: str) -> bool:
    with server.client(token=False, follow_redirects=False) as browser:
        response = browser.get(url)
    cookie = response.headers.get("set-cookie", "")
    return response.status_code == 303 and cookie.startswith(f"{cookie_name(server)}=")


def test_print_gives_a_link_that_signs_in_once(
    filled: LiveServer, capsys: pytest.CaptureFixture[str]
) -> None:
    port, data_dir = str(filled.settings.port), str(filled.settings.data_dir)
    assert main(["open", "--print", "--port", port, "--data-dir", data_dir]) == 0
    url = capsys.readouterr().out.strip()  # the link alone, for scripts
    assert url.startswith(f"http://127.0.0.1:{port}/login?code=")
    assert signs_in(filled, url)
    assert not signs_in(filled, url)


def test_open_hands_the_link_to_the_browser(filled: LiveServer, tmp_path: Path) -> None:
    # $BROWSER is how Python's webbrowser module is told which browser to run.
    received = tmp_path / "opened.txt"
    fake = tmp_path / "browser.sh"
    fake.write_text(f'#!/bin/sh\nprintf %s "$1" > {received}\n')
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    done = run(
        "open",
        "--port",
        str(filled.settings.port),
        "--data-dir",
        str(filled.settings.data_dir),
        env={"BROWSER": f"{fake} %s", "DISPLAY": ""},
    )
    assert done.returncode == 0, done.stderr
    assert "Opened the dashboard" in done.stdout and "works once" in done.stdout
    assert "code=" not in done.stdout  # the secret went to the browser only
    assert signs_in(filled, received.read_text())


def test_without_a_running_service_it_says_how_to_start_one(filled: LiveServer) -> None:
    done = run(
        "open", "--print", "--port", str(free_port()), "--data-dir", str(filled.settings.data_dir)
    )
    assert done.returncode == 1
    assert "not running" in done.stderr and "thinktwice serve" in done.stderr
    assert done.stdout == ""


def test_without_a_token_it_says_the_service_never_ran_there(tmp_path: Path) -> None:
    done = run("open", "--print", "--data-dir", str(tmp_path / "nothing"))
    assert done.returncode == 1
    assert "no token" in done.stderr


def test_another_data_directory_is_refused_by_the_service(
    filled: LiveServer, tmp_path: Path
) -> None:
    (tmp_path / "token").write_text("x" * 43 + "\n")
    done = run("open", "--print", "--port", str(filled.settings.port), "--data-dir", str(tmp_path))
    assert done.returncode == 1
    assert "refused the token" in done.stderr


@pytest.mark.parametrize("module", ["httpx", "fastapi", "jinja2", "uvicorn", "PIL"])
def test_open_starts_without_the_web_stack(module: str) -> None:
    code = f"import sys, thinktwice.cli.dashboard; print({module!r} in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr
