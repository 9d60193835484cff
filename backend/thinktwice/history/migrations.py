"""The history's schema, as an ordered list of migrations.

The schema version lives in SQLite's `PRAGMA user_version`: 0 for a new file,
N once the first N migrations ran. Opening a database applies the missing ones
in order, each in its own transaction together with the version bump, so a
failed step leaves the file at the previous version. A file from a newer
ThinkTwice (a version past the end of the list) is refused, never guessed at.

To change the schema, append a migration; never edit one that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

from .models import HistoryUnavailable

Migration = Callable[[sqlite3.Connection], None]


def statements(*sql: str) -> Migration:
    """A migration that runs `sql` in order (not executescript: it would commit)."""

    def run(db: sqlite3.Connection) -> None:
        for statement in sql:
            db.execute(statement)

    return run


MIGRATIONS: tuple[Migration, ...] = (
    # 1: one row per inspection; its findings in a child table so that filtering
    # by kind uses an index. Timestamps are ISO-8601 UTC text (see queries.py).
    statements(
        """CREATE TABLE inspections (
            id TEXT PRIMARY KEY NOT NULL,
            created_at TEXT NOT NULL,
            site TEXT,
            format TEXT NOT NULL,
            size INTEGER NOT NULL,
            verdict TEXT NOT NULL,
            latency_ms REAL NOT NULL,
            decision TEXT,
            decided_at TEXT
        )""",
        """CREATE TABLE findings (
            inspection_id TEXT NOT NULL REFERENCES inspections (id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            kind TEXT NOT NULL,
            severity TEXT NOT NULL,
            message TEXT NOT NULL,
            PRIMARY KEY (inspection_id, position)
        )""",
        "CREATE INDEX inspections_created_at ON inspections (created_at)",
        "CREATE INDEX inspections_site ON inspections (site, created_at)",
        "CREATE INDEX inspections_verdict ON inspections (verdict, created_at)",
        "CREATE INDEX findings_kind ON findings (kind, inspection_id)",
    ),
    # 2: "Send with face hidden" was recorded as `sent_blurred`, a technique the
    # product does not use (faces get an opaque fill): the rows keep their choice
    # under its new name.
    statements(
        "UPDATE inspections SET decision = 'sent_faces_hidden' WHERE decision = 'sent_blurred'"
    ),
    # 3: each finding kept the dialog's sentence word for word ("It names a place:
    # 12 Rue de la Paix", a person's name, a serial, a comment). A finding is now
    # its kind and severity; the history derives a generic sentence from the kind.
    statements("ALTER TABLE findings DROP COLUMN message"),
)

LATEST = len(MIGRATIONS)


def schema_version(db: sqlite3.Connection) -> int:
    """The version recorded in the file (0 for a new one)."""
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(
    db: sqlite3.Connection, path: Path, migrations: Sequence[Migration] = MIGRATIONS
) -> int:
    """Bring the database at `path` up to date and return its version.

    `db` must be in autocommit mode (isolation_level=None): each step opens its
    own transaction. The version is read again inside each transaction, so two
    processes opening the same new file do not both run a step. When a step ran,
    the file is scrubbed afterwards (see `scrub`).
    """
    ran = False
    while True:
        db.execute("BEGIN IMMEDIATE")
        try:
            version = schema_version(db)
            if version > len(migrations):
                raise HistoryUnavailable(
                    path,
                    f"its schema version {version} is newer than this ThinkTwice understands "
                    f"({len(migrations)}); upgrade ThinkTwice, or move the file away to start "
                    "a new history",
                )
            if version == len(migrations):
                db.execute("COMMIT")
                if ran:
                    scrub(db)
                return version
            migrations[version](db)
            ran = True
            # A PRAGMA takes no parameters; the value is an int computed here.
            db.execute(f"PRAGMA user_version = {version + 1:d}")
            db.execute("COMMIT")
        except BaseException:
            if db.in_transaction:  # SQLite may already have rolled back on its own
                db.execute("ROLLBACK")
            raise


def scrub(db: sqlite3.Connection) -> None:
    """Leave no removed text readable in the file or its WAL.

    A migration that drops or rewrites text (3 does) leaves the old bytes in free
    pages and unused cell space, and their old page images in the WAL. VACUUM
    rebuilds the file from the live rows only; the TRUNCATE checkpoint then copies
    it into the main file and empties the WAL. Runs outside any transaction.
    """
    db.execute("VACUUM")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
