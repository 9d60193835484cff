"""Another account on this machine: `nobody`, running code through `runuser`.

The tests run as root (CI does too); `nobody` is the unprivileged stranger of
the threat model. What it runs is the system Python with the standard library
only, so it needs nothing of ours but what it could read anyway.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess

STRANGER = "nobody"


def stranger_uid() -> int:
    """The uid of the other account."""
    return pwd.getpwnam(STRANGER).pw_uid


def as_stranger(code: str, *, timeout: float = 30.0) -> subprocess.CompletedProcess[str]:
    """Run Python `code` as the other account; its output and exit status."""
    assert os.getuid() == 0, "the second-account tests run as root, to switch to nobody"
    runuser = shutil.which("runuser")
    assert runuser, "util-linux's runuser is required"
    return subprocess.run(
        [runuser, "-u", STRANGER, "--", "/usr/bin/python3", "-I", "-c", code],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd="/",
        check=False,
    )


def start_as_stranger(code: str) -> subprocess.Popen[str]:
    """Start Python `code` as the other account, its stdout piped (for servers)."""
    runuser = shutil.which("runuser")
    assert runuser, "util-linux's runuser is required"
    return subprocess.Popen(
        [runuser, "-u", STRANGER, "--", "/usr/bin/python3", "-I", "-u", "-c", code],
        stdout=subprocess.PIPE,
        text=True,
        cwd="/",
    )
