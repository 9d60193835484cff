"""The file: WAL, a versioned schema that migrates forward, clear errors when unusable."""

from __future__ import annotations

import re
import sqlite3
import stat
from contextlib import closing
from pathlib import Path

import pytest

from tests.support.clock import Clock
from thinktwice.history import SCHEMA_VERSION, History, HistoryUnavailable
from thinktwice.history.migrations import MIGRATIONS, migrate, schema_version, statements

from .build import inspection


def _raw(path: Path) -> closing[sqlite3.Connection]:
    """A plain connection beside the store's, as another program would open the file."""
    return closing(sqlite3.connect(path, isolation_level=None))


def test_the_file_is_in_wal_mode(history: History, db_path: Path) -> None:
    with _raw(db_path) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_a_new_file_is_at_the_latest_schema_version(history: History, db_path: Path) -> None:
    assert len(MIGRATIONS) == SCHEMA_VERSION
    with _raw(db_path) as raw:
        assert schema_version(raw) == SCHEMA_VERSION
    assert history.status()["schema_version"] == SCHEMA_VERSION


def test_the_files_are_private_to_their_owner(history: History, db_path: Path) -> None:
    history.add(inspection())
    files = [p for p in db_path.parent.iterdir() if p.name.startswith(db_path.name)]
    assert {p.name for p in files} >= {db_path.name, f"{db_path.name}-wal"}
    assert {stat.S_IMODE(p.stat().st_mode) for p in files} == {0o600}


def test_an_older_file_is_migrated_and_keeps_its_rows(db_path: Path, clock: Clock) -> None:
    with History(db_path, clock=clock) as history:
        history.add(inspection())
    later = (*MIGRATIONS, statements("ALTER TABLE inspections ADD COLUMN note TEXT"))
    with _raw(db_path) as raw:
        assert migrate(raw, db_path, later) == len(later)
        assert schema_version(raw) == len(later)
        assert raw.execute("SELECT id, note FROM inspections").fetchall() == [("a", None)]


def test_decisions_recorded_as_sent_blurred_are_kept_as_sent_faces_hidden(
    db_path: Path, clock: Clock
) -> None:
    # A file as the first schema left it, with every decision it could record.
    old = {"a": "sent_blurred", "b": "sent_cleaned", "c": "cancelled", "d": None}
    db_path.parent.mkdir(parents=True)
    with _raw(db_path) as raw:
        assert migrate(raw, db_path, MIGRATIONS[:1]) == 1
        for id, decision in old.items():
            raw.execute(
                "INSERT INTO inspections VALUES (?, '2026-11-21T09:30:00.000000Z', NULL, "
                "'jpeg', 10, 'high', 1.0, ?, NULL)",
                (id, decision),
            )
    with History(db_path, clock=clock) as history:
        kept = {row.id: row.decision for row in history.all()}
    assert kept == {**old, "a": "sent_faces_hidden"}
    with _raw(db_path) as raw:
        assert schema_version(raw) == SCHEMA_VERSION


def test_a_failing_migration_leaves_the_file_at_its_version(db_path: Path, clock: Clock) -> None:
    History(db_path, clock=clock).close()
    broken = (*MIGRATIONS, statements("CREATE TABLE extra (x)", "NOT SQL AT ALL"))
    with _raw(db_path) as raw:
        with pytest.raises(sqlite3.OperationalError):
            migrate(raw, db_path, broken)
        assert schema_version(raw) == SCHEMA_VERSION
        tables = {name for (name,) in raw.execute("SELECT name FROM sqlite_master")}
        assert "extra" not in tables


def test_a_file_from_a_newer_version_is_refused_clearly(db_path: Path, clock: Clock) -> None:
    History(db_path, clock=clock).close()
    with _raw(db_path) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    message = f"{re.escape(str(db_path))}.*schema version {SCHEMA_VERSION + 1} is newer"
    with pytest.raises(HistoryUnavailable, match=message):
        History(db_path, clock=clock)


def test_a_file_that_is_not_a_database_is_unavailable(db_path: Path, clock: Clock) -> None:
    db_path.parent.mkdir(parents=True)
    db_path.write_bytes(b"this is no SQLite file \x00\xff" * 200)
    with pytest.raises(HistoryUnavailable, match=f"{re.escape(str(db_path))}.*not a database"):
        History(db_path, clock=clock)


def test_a_damaged_page_makes_the_history_unavailable(db_path: Path, clock: Clock) -> None:
    with History(db_path, clock=clock) as history:
        for n in range(300):
            history.add(inspection(f"i{n}"))
    with db_path.open("r+b") as f:
        f.seek(2 * 4096)
        f.write(b"\xde\xad" * 4096)
    with pytest.raises(HistoryUnavailable, match=re.escape(str(db_path))):  # noqa: SIM117
        with History(db_path, clock=clock) as damaged:
            assert damaged.status()["ok"] is False
            damaged.query()


def test_status_describes_the_file(history: History, db_path: Path) -> None:
    history.add(inspection())
    status = history.status()
    assert status == {
        "path": str(db_path),
        "rows": 1,
        "schema_version": SCHEMA_VERSION,
        "size_bytes": status["size_bytes"],
        "oldest": "2026-11-21T09:30:00+00:00",
        "newest": "2026-11-21T09:30:00+00:00",
        "retention_days": 90,
        "ok": True,
        "problem": None,
    }
    assert isinstance(status["size_bytes"], int)
    assert status["size_bytes"] > 0
