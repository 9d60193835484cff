"""`thinktwice serve`: the Unix socket always, loopback TCP only when asked, nothing else
by default; it stops itself once idle when told to."""

from __future__ import annotations

import json
import resource
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.hardening.load import running
from tests.hardening.slowclients import close_all, connect, read_until_closed
from tests.support.net import free_port
from thinktwice.cli import main
from thinktwice.cli.serve import _tcp_socket, run_serve
from thinktwice.server.settings import MiB, Settings


def test_serve_runs_the_service_until_stopped(tmp_path: Path) -> None:
    port = free_port()
    command = [sys.executable, "-m", "thinktwice", "serve", "--tcp", "--port", str(port)]
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
    assert str(tmp_path / "service.sock") in out
    assert str(tmp_path / "token") in out
    assert "`thinktwice pair` prints the code" in out


def test_serve_refuses_a_non_loopback_host(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", "--tcp", "--host", "0.0.0.0", "--data-dir", str(tmp_path)]) == 2
    assert "Refusing to listen on 0.0.0.0" in capsys.readouterr().err
    assert not (tmp_path / "token").exists()


@pytest.mark.parametrize(
    "option", [["--port", "8766"], ["--host", "127.0.0.1"], ["--allow-remote"]]
)
def test_tcp_options_without_tcp_are_a_usage_error(
    option: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", *option, "--data-dir", str(tmp_path)]) == 2
    assert f"{option[0]} apply to TCP: add --tcp" in capsys.readouterr().err


def test_serve_refuses_a_damaged_token_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "token").write_text("short\n")
    assert main(["serve", "--data-dir", str(tmp_path)]) == 1
    assert "no usable token" in capsys.readouterr().err


def test_serve_refuses_more_connections_than_it_may_open_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    too_many = 100_001 if hard == resource.RLIM_INFINITY else hard
    limits = {"max_connections": too_many}
    code = run_serve(
        host=None, port=None, data_dir=str(tmp_path), allow_remote=False, limits=limits
    )
    assert code == 2
    assert f"'max_connections' has value {too_many}" in capsys.readouterr().err
    assert not (tmp_path / "token").exists()


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--head-timeout", "0"),
        ("--head-timeout", "nan"),
        ("--body-timeout", "601"),
        ("--body-timeout", "soon"),
        ("--max-connections", "0"),
        ("--max-connections", "2.5"),
        ("--max-inflight", "0"),
        ("--max-inflight", "10"),  # under one 64 MiB upload: that upload could never be read
    ],
)
def test_a_bad_limit_is_a_usage_error_naming_the_option_and_value(
    tmp_path: Path, option: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["serve", option, value, "--data-dir", str(tmp_path)])
    assert exited.value.code == 2
    assert f"argument {option}: {value!r}" in capsys.readouterr().err
    assert not (tmp_path / "token").exists()


def test_the_limit_options_become_the_services_settings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    given: dict[str, Any] = {}
    monkeypatch.setattr("thinktwice.cli.serve.run_serve", lambda **kw: given.update(kw) or 0)
    options = ["--head-timeout", "2.5", "--body-timeout", "4", "--max-connections", "50"]
    assert main(["serve", *options, "--max-inflight", "512", "--data-dir", str(tmp_path)]) == 0
    settings = Settings.load(tmp_path, **given["limits"])
    assert (settings.head_timeout_s, settings.body_timeout_s) == (2.5, 4.0)
    assert (settings.max_connections, settings.inflight_bytes) == (50, 512 * MiB)


def test_limits_not_given_keep_their_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    given: dict[str, Any] = {}
    monkeypatch.setattr("thinktwice.cli.serve.run_serve", lambda **kw: given.update(kw) or 0)
    assert main(["serve", "--data-dir", str(tmp_path)]) == 0
    assert set(given["limits"].values()) == {None}
    assert Settings.load(tmp_path, **given["limits"]) == Settings(data_dir=tmp_path)


def test_the_head_timeout_option_reaches_the_running_service(tmp_path: Path) -> None:
    port = free_port()
    command = [sys.executable, "-m", "thinktwice", "serve", "--tcp", "--port", str(port)]
    args = [*command, "--no-pixels", "--head-timeout", "1", "--data-dir", str(tmp_path)]
    with running(args, port, tmp_path) as service:
        silent = connect(service)  # and then says nothing
        try:
            # Closed long before the default 10 s: the option, not the default, applied.
            assert read_until_closed([silent], timeout=7.0) == {silent.fileno(): b""}
        finally:
            close_all([silent])


def test_loopback_connections_send_small_writes_at_once(tmp_path: Path) -> None:
    """Nagle's algorithm is off on every accepted connection: a response's body is not
    held back for the client's delayed ACK of its head (40 ms on each request)."""
    listener = _tcp_socket(Settings(data_dir=tmp_path, host="127.0.0.1", port=free_port()))
    listener.setblocking(True)
    with listener, socket.create_connection(listener.getsockname()[:2], timeout=5):
        accepted, _ = listener.accept()
        with accepted:
            assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
