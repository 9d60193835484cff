"""Files and folders only this account may read: the data directory (0700) and what the
service keeps in it (0600), written atomically.

Stdlib only, and apart from the token code (security.py): the settings write
settings.json with it, and every command parses its options with those settings.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


def ensure_private_dir(path: Path) -> None:
    """Create `path` (and parents) readable by this user only; tighten it to 0700 if it
    exists with more (the socket and the history inside must stay this account's)."""
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.stat().st_mode & 0o077:
        os.chmod(path, 0o700)


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically, mode 0600 from the first byte on."""
    ensure_private_dir(path.parent)
    # A name no other writer picks (O_EXCL refuses one that exists all the same).
    tmp = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
