"""`thinktwice serve`: starts the service on loopback, refuses anything else by default."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.support.net import free_port
from thinktwice.cli import main
from thinktwice.cli.serve import run_serve


def test_serve_runs_the_service_until_stopped(tmp_path: Path) -> None:
    port = free_port()
    command = [sys.executable, "-m", "thinktwice", "serve", "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--data-dir", str(tmp_path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                url = f"http://127.0.0.1:{port}/v1/health"
                with urllib.request.urlopen(url, timeout=1) as response:
                    assert json.load(response)["status"] == "ok"
                break
            except OSError:
                assert server.poll() is None, server.communicate()
                assert time.monotonic() < deadline, "the service did not start"
                time.sleep(0.1)
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=30)
    assert f"http://127.0.0.1:{port}/v1" in out
    assert str(tmp_path / "token") in out
    assert "run `thinktwice pair`" in out


def test_serve_refuses_a_non_loopback_host(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--host", "0.0.0.0", "--data-dir", str(tmp_path)]) == 2
    assert "Refusing to listen on 0.0.0.0" in capsys.readouterr().err
    assert not (tmp_path / "token").exists()


def test_serve_refuses_a_damaged_token_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "token").write_text("short\n")
    assert main(["serve", "--port", str(free_port()), "--data-dir", str(tmp_path)]) == 1
    assert "no usable token" in capsys.readouterr().err


def test_serve_refuses_more_connections_than_it_may_open_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    too_many = 100_001 if hard == resource.RLIM_INFINITY else hard
    limits = {"max_connections": too_many}
    code = run_serve(
        host=None, port=free_port(), data_dir=str(tmp_path), allow_remote=False, limits=limits
    )
    assert code == 2
    assert f"'max_connections' has value {too_many}" in capsys.readouterr().err
    assert not (tmp_path / "token").exists()
