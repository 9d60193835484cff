"""Nothing leaves the machine: the real service, pixel analysis on, watched by strace.

`thinktwice serve` runs under `strace -f` while it starts, loads the model, inspects
a photo with its pixels and one with Content Credentials (read by c2pa-python, a
native library that can fetch remote manifests, OCSP answers and timestamps) and
stops. Every socket address it connects or sends to must
be loopback (or a Unix socket), it must look up no name (nothing on port 53, which
is DNS even on 127.0.0.53), and it must create or write no file outside its data
directory (onnxruntime's telemetry, on by default, writes a device id under
~/.cache/Microsoft before it phones home).
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.metadata.c2pa_signing import signed
from tests.support.images import FULL_METADATA, encode, photo, with_metadata
from tests.support.net import free_port

STRACE = shutil.which("strace")
SOCKET_CALLS = "bind,connect,sendto,sendmsg"
FILE_CALLS = "openat,open,creat,mkdir,mkdirat,rename,renameat,renameat2"
TRACED = f"trace={SOCKET_CALLS},{FILE_CALLS}"

# connect(5, {sa_family=AF_INET, sin_port=htons(53), sin_addr=inet_addr("127.0.0.53")}, 16)
INET = re.compile(r'sa_family=AF_INET, sin_port=htons\((\d+)\), sin_addr=inet_addr\("([\d.]+)"\)')
INET6 = re.compile(r'sa_family=AF_INET6, sin6_port=htons\((\d+)\).*?inet_pton\(AF_INET6, "([^"]+)"')
WRITE_FLAGS = ("O_WRONLY", "O_RDWR", "O_CREAT")
PATH_ARG = re.compile(r'^\d+\s+(\w+)\((?:AT_FDCWD, |\d+, )?"([^"]+)"(.*)$')
# What any process writes that is not the service's doing (a terminal, shared memory).
SYSTEM_PATHS = ("/dev/null", "/dev/tty", "/dev/shm/", "/dev/urandom")


def is_loopback(address: str) -> bool:
    return (
        address.startswith("127.")
        or address in ("::1", "::ffff:127.0.0.1")
        or (address.startswith("::ffff:127."))
    )


def network_leaks(trace: str) -> list[str]:
    """Lines of `trace` that reach a non-loopback address or a name server."""
    leaks = []
    for line in trace.splitlines():
        for pattern in (INET, INET6):
            for port, address in pattern.findall(line):
                if not is_loopback(address) or port == "53":
                    leaks.append(line)
    return leaks


def files_written_outside(trace: str, allowed: Path) -> list[str]:
    """Lines of `trace` that create or write a file, or make a folder, outside `allowed`."""
    found = []
    for line in trace.splitlines():
        match = PATH_ARG.match(line)
        if not match:
            continue
        call, path, rest = match.groups()
        writes = call in ("creat", "mkdir", "mkdirat", "rename", "renameat", "renameat2") or (
            any(flag in rest for flag in WRITE_FLAGS)
        )
        if not writes or path.startswith(SYSTEM_PATHS):
            continue
        if not Path(path).is_absolute() or not Path(path).resolve().is_relative_to(allowed):
            found.append(line)
    return found


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(p) for p in (task / "children").read_text().split()]
    return found


@pytest.mark.skipif(STRACE is None, reason="needs strace (scripts/test installs it)")
def test_an_inspection_with_pixel_analysis_stays_on_the_machine(tmp_path: Path) -> None:
    home, data, trace = tmp_path / "home", tmp_path / "data", tmp_path / "trace"
    home.mkdir()
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(home),
        "PYTHONDONTWRITEBYTECODE": "1",  # byte-code caches are the interpreter's, not ours
        **{k: v for k, v in os.environ.items() if k in ("PYTHONPATH", "LANG")},
    }
    port = free_port()
    command = [STRACE, "-f", "-qq", "-e", TRACED, "-o", str(trace), sys.executable, "-m"]
    command += ["thinktwice", "serve", "--tcp", "--port", str(port), "--data-dir", str(data)]
    tracer = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert tracer.poll() is None, tracer.communicate()[1]
            assert time.monotonic() < deadline, "the service did not start under strace"
            try:
                if httpx.get(f"{url}/v1/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        image = with_metadata(encode(photo(), "JPEG"), ".jpg", *FULL_METADATA)
        response = httpx.post(
            f"{url}/v1/inspect",
            headers={"X-ThinkTwice-Token": (data / "token").read_text().strip()},
            files={"file": ("IMG_1.jpg", image, "image/jpeg")},
            data={"site": "https://web.whatsapp.com"},
            timeout=60,
        )
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["pixels"]["analysis"] == "done", body  # the model really ran
        assert body["verdict"] == "high"
        credentials = httpx.post(
            f"{url}/v1/inspect",
            headers={"X-ThinkTwice-Token": (data / "token").read_text().strip()},
            files={"file": ("IMG_2.jpg", signed(".jpg"), "image/jpeg")},
            data={"site": "https://web.whatsapp.com"},
            timeout=60,
        )
        assert credentials.status_code == 200, credentials.text
        said = [f["message"] for f in credentials.json()["findings"]]
        assert any("'Jane Doe'" in m and "Content Credentials" in m for m in said), said
        time.sleep(2)  # give a background thread the time to try
    finally:
        for pid in children(tracer.pid):
            os.kill(pid, signal.SIGTERM)
        tracer.wait(30)
    log = trace.read_text()
    assert f"sin_port=htons({port})" in log  # strace saw the service bind its port
    assert network_leaks(log) == []
    assert files_written_outside(log, data.resolve()) == []
    assert not (home / ".cache").exists()
