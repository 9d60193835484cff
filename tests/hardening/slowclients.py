"""Slow and stalled clients of a real `thinktwice serve`, over raw loopback sockets.

The service runs as its own process, started through `run_serve` with short
limits (by setting name: more than `serve`'s four limit options), so its memory
can be read from /proc and its timeouts seen from outside. Clients are plain
sockets: half a request head, or an upload's head and part of its body, then
nothing. Used by tests/hardening/test_slow_clients.py and test_limits.py.
"""

from __future__ import annotations

import contextlib
import resource
import selectors
import socket
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx

from tests.hardening.load import Service, running
from tests.support.net import free_port
from thinktwice.server.security import TOKEN_HEADER

BOUNDARY = "slowclientboundary"


def inspect(service: Service, image: bytes) -> httpx.Response:
    """`POST /v1/inspect?pixels=false` of `image`, on a connection of its own."""
    return httpx.post(
        f"{service.base_url}/v1/inspect?pixels=false",
        headers={TOKEN_HEADER: service.token()},
        files={"file": ("photo.jpg", image, "image/jpeg")},
        timeout=30,
    )


def rss_bytes(service: Service) -> int:
    """The service's resident memory (VmRSS)."""
    return service.rss_kib() * 1024


@contextmanager
def serve(data_dir: Path, **limits: Any) -> Iterator[Service]:
    """`thinktwice serve` without pixel analysis, with `limits` (settings by name)."""
    port = free_port()
    code = (
        "import sys\nfrom thinktwice.cli.serve import run_serve\n"
        f"sys.exit(run_serve(host=None, port={port}, data_dir={str(data_dir)!r}, "
        f"allow_remote=False, pixels=False, tcp=True, limits={limits!r}))"
    )
    with running([sys.executable, "-c", code], port, data_dir) as service:
        yield service


def allow_open_files(count: int) -> None:
    """Raise this process's soft RLIMIT_NOFILE (up to the hard one) to fit `count` sockets."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = count + 256
    if soft != resource.RLIM_INFINITY and soft < wanted:
        limit = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        resource.setrlimit(resource.RLIMIT_NOFILE, (limit, hard))


def connect(service: Service, first_bytes: bytes = b"") -> socket.socket:
    """A connection to `service` that has sent `first_bytes`, then goes quiet."""
    sock = socket.create_connection(("127.0.0.1", service.port), timeout=10)
    if first_bytes:
        sock.sendall(first_bytes)
    return sock


def half_head(service: Service) -> bytes:
    """The start of a request head, without the blank line that would end it."""
    return f"GET /v1/health HTTP/1.1\r\nHost: 127.0.0.1:{service.port}\r\n".encode()


def upload_start(service: Service, declared: int, sent: int) -> bytes:
    """An inspection's head declaring a `declared`-byte body, and its first `sent` bytes."""
    part = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"'
        "\r\nContent-Type: image/jpeg\r\n\r\n"
    ).encode()
    head = (
        f"POST /v1/inspect?pixels=false HTTP/1.1\r\nHost: 127.0.0.1:{service.port}\r\n"
        f"{TOKEN_HEADER}: {service.token()}\r\n"
        f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
        f"Content-Length: {declared}\r\n\r\n"
    ).encode()
    return head + part + b"\xff" * (sent - len(part))


def read_until_closed(socks: Iterable[socket.socket], timeout: float) -> dict[int, bytes]:
    """What each socket receives until the server closes it; sockets still open are left out."""
    received: dict[int, bytes] = {}
    with selectors.DefaultSelector() as selector:
        for sock in socks:
            sock.setblocking(False)
            selector.register(sock, selectors.EVENT_READ)
            received[sock.fileno()] = b""
        closed: dict[int, bytes] = {}
        deadline = time.monotonic() + timeout
        while selector.get_map() and time.monotonic() < deadline:
            for key, _ in selector.select(timeout=max(0.0, deadline - time.monotonic())):
                sock = key.fileobj
                assert isinstance(sock, socket.socket)
                try:
                    chunk = sock.recv(65536)
                except ConnectionResetError:
                    chunk = b""
                if chunk:
                    received[sock.fileno()] += chunk
                else:
                    closed[sock.fileno()] = received[sock.fileno()]
                    selector.unregister(sock)
    return closed


def close_all(socks: Iterable[socket.socket]) -> None:
    """Close every socket, whatever state it is in."""
    for sock in socks:
        with contextlib.suppress(OSError):
            sock.close()


def status_of(response: bytes) -> int:
    """The status code of a raw HTTP response."""
    return int(response.split(b" ", 2)[1])
