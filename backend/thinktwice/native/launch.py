"""Starting the service when nothing answers at its socket.

The host starts `thinktwice serve --data-dir DIR --idle-exit SECONDS` in a
session of its own (it outlives the host, which the browser ends with the
connection), with no terminal and its log in DATA_DIR/service.log, and waits
for the socket to answer. Two hosts starting it at once are fine: the second
service finds the lock taken and stops, and both hosts use the first.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from ..server.channel import socket_path
from .relay import ServiceUnreachable, connect

IDLE_EXIT_S = 15 * 60.0
START_WAIT_S = 30.0
LOG_NAME = "service.log"

_starting = threading.Lock()  # one start at a time, whatever the requests in flight


def ensure_running(data_dir: Path, *, start: bool = True, idle_exit_s: float = IDLE_EXIT_S) -> None:
    """Return once the service answers at DATA_DIR/service.sock, starting it if allowed.

    ServiceUnreachable when it is not running and may not be started, or does
    not answer within START_WAIT_S (the message quotes its log's last line).
    """
    path = socket_path(data_dir)
    if _answers(path):
        return
    if not start:
        raise ServiceUnreachable(
            f"The ThinkTwice service is not running (no answer at {path}); start it with "
            "`thinktwice serve`."
        )
    with _starting:
        if _answers(path):
            return
        process = _spawn(data_dir, idle_exit_s)
        deadline = time.monotonic() + START_WAIT_S
        while time.monotonic() < deadline:
            if _answers(path):
                return
            if process.poll() not in (None, 1):  # 1: another service won the lock
                break
            time.sleep(0.05)
    raise ServiceUnreachable(
        f"The ThinkTwice service did not start: {last_line(data_dir / LOG_NAME)}"
    )


def _answers(path: Path) -> bool:
    try:
        connect(path, 2.0).close()
    except ServiceUnreachable:
        return False
    return True


def _spawn(data_dir: Path, idle_exit_s: float) -> subprocess.Popen[bytes]:
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(data_dir / LOG_NAME, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    command = [sys.executable, "-m", "thinktwice", "serve", "--data-dir", str(data_dir)]
    command += ["--idle-exit", f"{idle_exit_s:g}"]
    try:
        # stdout must not be the host's: that pipe is the browser's channel.
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=fd,
            stderr=fd,
            start_new_session=True,
            close_fds=True,
        )
    finally:
        os.close(fd)


def last_line(log: Path) -> str:
    """The last line the service wrote to its log, or what stands in for it."""
    try:
        lines = [line for line in log.read_text("utf-8", "replace").splitlines() if line.strip()]
    except OSError:
        return "it wrote no log."
    return lines[-1] if lines else "it wrote nothing to its log."
