"""The Unix-socket channel: how the native host (and so the extension) reaches the service.

- The socket is DATA_DIR/service.sock. DATA_DIR is 0700 and the socket 0600, so
  no other account on the machine can open it, let alone stand in for it: it
  cannot create a file in DATA_DIR.
- As a second lock, every connection's peer credentials (SO_PEERCRED, which
  the kernel fills in and nobody can forge) must be this account's uid; any
  other connection is dropped before a byte is read (`connections.py`).
- A request that came over the socket carries `scope["extensions"][CHANNEL]`:
  it is the person's own account talking, so it needs no token, no Origin and
  no Host check, and the dashboard's pages open to it (and only to it).
- One service per data directory: the service holds DATA_DIR/service.lock
  (flock) while it serves, so a second `thinktwice serve` (two browsers
  starting the host at once) stops with a clear message instead of stealing
  the socket.

Stdlib only: the native host uses `socket_path` and `peer_uid` without FastAPI.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import socket
import struct
from collections.abc import MutableMapping
from pathlib import Path
from typing import IO, Any

from ..errors import ServiceError

SOCKET_NAME = "service.sock"
LOCK_NAME = "service.lock"
CHANNEL = "thinktwice.channel"
# The kernel's struct ucred: pid, uid, gid (three C ints).
_UCRED = struct.Struct("3i")
# sun_path holds 108 bytes on Linux, the terminating NUL included.
MAX_SOCKET_PATH = 107


class ChannelError(ServiceError):
    """The socket cannot be set up: another service holds it, or its path cannot be used."""

    code = "channel_unavailable"


def socket_path(data_dir: Path) -> Path:
    """DATA_DIR/service.sock."""
    return data_dir / SOCKET_NAME


def peer_credentials(sock: socket.socket) -> tuple[int, int, int]:
    """(pid, uid, gid) of the process at the other end of the connected Unix socket `sock`."""
    pid, uid, gid = _UCRED.unpack(
        sock.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, _UCRED.size)
    )
    return int(pid), int(uid), int(gid)


def peer_uid(sock: socket.socket) -> int:
    """The uid of the process at the other end of the connected Unix socket `sock`."""
    return peer_credentials(sock)[1]


def is_channel(scope: MutableMapping[str, Any]) -> bool:
    """Whether the request in `scope` came over the service's own Unix socket."""
    return bool(scope.get("extensions", {}).get(CHANNEL))


def mark_channel(scope: MutableMapping[str, Any]) -> None:
    """Record in `scope` that its request came over the Unix socket (connections.py)."""
    scope.setdefault("extensions", {})[CHANNEL] = True


def hold_lock(data_dir: Path) -> IO[bytes]:
    """Take DATA_DIR/service.lock for as long as the returned file stays open.

    ChannelError when another service holds it (it serves this data directory).
    """
    path = data_dir / LOCK_NAME
    lock = path.open("a+b")
    os.chmod(path, 0o600)
    try:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        lock.close()
        raise ChannelError(
            f"Another ThinkTwice service is already running for {data_dir} "
            "(it holds service.lock); the browser can use that one."
        ) from None
    return lock


def bind(path: Path) -> socket.socket:
    """A listening Unix socket at `path`, mode 0600, replacing a stale one.

    Call with the lock held (`hold_lock`): a socket file left at `path` then
    belongs to a service that is gone.
    """
    if len(os.fsencode(path)) > MAX_SOCKET_PATH:
        raise ChannelError(
            f"The socket path {str(path)!r} is {len(os.fsencode(path))} bytes long; Unix "
            f"sockets allow {MAX_SOCKET_PATH}. Use a shorter --data-dir."
        )
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old = os.umask(0o177)  # 0600 from the moment the file exists, not after a chmod
    try:
        sock.bind(os.fspath(path))
    except OSError as exc:
        sock.close()
        raise ChannelError(f"Cannot listen at {path}: {exc.strerror}.") from None
    finally:
        os.umask(old)
    sock.listen(128)
    sock.setblocking(False)
    return sock
