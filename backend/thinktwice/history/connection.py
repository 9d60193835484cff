"""Opening the SQLite file the way the history needs it.

The file is created private (0600) before SQLite opens it, because SQLite gives
its -wal and -shm files the main file's permissions. The connection runs in
autocommit mode (the store opens its own transactions), may be used from any
thread (the store serialises with a lock), and is set up for WAL, foreign keys
(the findings cascade with their inspection) and secure deletion.
"""

from __future__ import annotations

import os
import sqlite3
from contextlib import suppress
from pathlib import Path

BUSY_TIMEOUT_MS = 5000
_PRAGMAS = (
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS:d}",
    "PRAGMA foreign_keys = ON",
    "PRAGMA secure_delete = ON",
    "PRAGMA journal_mode = WAL",
    # With WAL, NORMAL only risks the last commits on power loss, never corruption.
    "PRAGMA synchronous = NORMAL",
)
_SIDE_FILES = ("", "-wal", "-shm")


def connect(path: Path) -> sqlite3.Connection:
    """An open, configured connection to `path`, creating the file and its folder."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        for pragma in _PRAGMAS:
            db.execute(pragma).fetchall()
    except BaseException:
        db.close()
        raise
    return db


def describe(exc: BaseException) -> str:
    """What went wrong, in SQLite's or the OS's words ("file is not a database")."""
    return str(exc) or type(exc).__name__


def size_on_disk(path: Path) -> int:
    """Bytes used by the database file and its -wal and -shm companions."""
    total = 0
    for suffix in _SIDE_FILES:
        with suppress(OSError):
            total += os.stat(f"{path}{suffix}").st_size
    return total
