"""The history store: one SQLite file, safe to share between the server's threads.

One connection (check_same_thread=False) guarded by a lock: SQLite serialises
writers anyway, and the history is small and rarely busy. The connection runs in
autocommit mode and every method opens its own transaction. WAL lets another
process (`thinktwice status`) read while the service writes.

Deleting means gone from the disk too: `secure_delete` zeroes freed content, and
after rows are removed the WAL is checkpointed and truncated, so old page images
of the deleted rows do not linger in it. Every SQLite failure surfaces as
HistoryUnavailable naming the file; bad arguments raise ValueError.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path
from types import TracebackType

from . import queries
from .connection import connect, describe, size_on_disk
from .guards import aware, checked_filter, checked_inspection, one_of
from .migrations import migrate, schema_version
from .models import (
    DECISIONS,
    NO_FILTER,
    HistoryFilter,
    HistoryUnavailable,
    Inspection,
    Page,
    Stats,
    utc_now,
)

MAX_PER_PAGE = 500
RETENTION_DAYS = (1, 3650)
PRUNE_EVERY = timedelta(hours=1)


class History:
    """Past inspections in a SQLite file: add, decide, query, count, forget.

    Opening creates the file (mode 0600) when needed, applies migrations, and
    prunes rows older than `retention_days`; writes prune again at most once an
    hour. `clock` gives the current aware UTC time (a seam for tests).
    """

    def __init__(
        self,
        path: Path,
        *,
        retention_days: int = 90,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.path = Path(path)
        self._retention = _checked_retention(retention_days)
        self._clock = clock
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._pruned_at: datetime | None = None
        try:
            try:
                self._db = connect(self.path)
                migrate(self._db, self.path)
            except (sqlite3.Error, OSError) as exc:
                raise HistoryUnavailable(self.path, describe(exc)) from exc
            self.prune()
        except BaseException:
            self.close()
            raise

    @property
    def retention_days(self) -> int:
        """How many days rows are kept."""
        return self._retention

    def add(self, inspection: Inspection) -> None:
        """Record `inspection` (its findings' kinds and severities, its site's host);
        ValueError for a bad field, a site that is not a host, or an id already stored."""
        inspection = checked_inspection(inspection)
        now = self._now()
        with self._session(write=True) as db:
            pruned = self._prune_if_due(db, now)
            try:
                queries.insert(db, inspection)
            except sqlite3.IntegrityError as exc:
                raise ValueError(f"inspection id {inspection.id!r} is already recorded") from exc
        self._forget_if(pruned)

    def decide(self, id: str, decision: str, at: datetime | None = None) -> Inspection | None:
        """Record what the person chose (at `at`, default now); None for an unknown id."""
        one_of("decision", decision, DECISIONS)
        now = self._now()
        when = now if at is None else aware("at", at)
        with self._session(write=True) as db:
            pruned = self._prune_if_due(db, now)
            changed = db.execute(
                "UPDATE inspections SET decision = ?, decided_at = ? WHERE id = ?",
                (decision, queries.stamp(when), id),
            ).rowcount
            found = queries.by_id(db, id) if changed else None
        self._forget_if(pruned)
        return found

    def get(self, id: str) -> Inspection | None:
        """The inspection with this id, or None."""
        with self._session() as db:
            return queries.by_id(db, id)

    def query(self, filter: HistoryFilter = NO_FILTER, page: int = 1, per_page: int = 50) -> Page:
        """One page of the matching inspections, newest first.

        `page` counts from 1; `per_page` above MAX_PER_PAGE is capped to it.
        """
        _check_whole("page", page, 1)
        _check_whole("per_page", per_page, 1)
        per_page = min(per_page, MAX_PER_PAGE)
        wanted = checked_filter(filter)
        offset = (page - 1) * per_page
        with self._session() as db:
            total = queries.count(db, wanted)
            # A page past the end is empty; not asking also keeps a huge offset
            # away from SQLite's 64-bit integers.
            items = queries.select(db, wanted, per_page, offset) if offset < total else ()
        return Page(items=items, total=total, page=page, per_page=per_page)

    def count(self, filter: HistoryFilter = NO_FILTER) -> int:
        """How many inspections match."""
        wanted = checked_filter(filter)
        with self._session() as db:
            return queries.count(db, wanted)

    def all(self, filter: HistoryFilter = NO_FILTER) -> list[Inspection]:
        """Every matching inspection, newest first.

        One transaction, so rows added meanwhile cannot shift the chunks; MAX_PER_PAGE
        rows a chunk, as each chunk's findings are fetched with one SQL parameter per row.
        """
        wanted = checked_filter(filter)
        found: list[Inspection] = []
        with self._session() as db:
            while chunk := queries.select(db, wanted, MAX_PER_PAGE, len(found)):
                found.extend(chunk)
        return found

    def delete(self, id: str) -> bool:
        """Forget one inspection; False when the id is unknown."""
        with self._session(write=True) as db:
            deleted = db.execute("DELETE FROM inspections WHERE id = ?", (id,)).rowcount
        self._forget_if(deleted)
        return deleted > 0

    def clear(self) -> int:
        """Forget every inspection; returns how many there were."""
        with self._session(write=True) as db:
            deleted = db.execute("DELETE FROM inspections").rowcount
        self._forget_if(deleted)
        return deleted

    def stats(self, filter: HistoryFilter = NO_FILTER) -> Stats:
        """Counts per day, kind, site and decision over the matching inspections."""
        wanted = checked_filter(filter)
        with self._session() as db:
            return queries.stats(db, wanted)

    def prune(self) -> int:
        """Forget inspections older than the retention period; returns how many."""
        now = self._now()
        with self._session(write=True) as db:
            pruned = self._prune_rows(db, now)
        self._forget_if(pruned)
        return pruned

    def set_retention(self, days: int) -> None:
        """Keep rows for `days` (1 to 3650) from now on, pruning at once."""
        self._retention = _checked_retention(days)
        self.prune()

    def status(self) -> dict[str, object]:
        """The history's state for `thinktwice status` and the dashboard; never raises.

        Times are ISO-8601 UTC text; `ok` is False, with `problem` saying why,
        when the file cannot be read or fails SQLite's quick integrity check.
        """
        state: dict[str, object] = {
            "path": str(self.path),
            "rows": None,
            "schema_version": None,
            "size_bytes": size_on_disk(self.path),
            "oldest": None,
            "newest": None,
            "retention_days": self._retention,
            "ok": False,
            "problem": None,
        }
        try:
            with self._session() as db:
                rows, oldest, newest = db.execute(
                    "SELECT COUNT(*), MIN(created_at), MAX(created_at) FROM inspections"
                ).fetchone()
                version = schema_version(db)
                check = str(db.execute("PRAGMA quick_check(1)").fetchone()[0])
        except HistoryUnavailable as exc:
            state["problem"] = str(exc)
            return state
        state.update(
            rows=rows,
            schema_version=version,
            oldest=_iso(oldest),
            newest=_iso(newest),
            ok=check == "ok",
            problem=None if check == "ok" else f"integrity check failed: {check}",
        )
        return state

    def close(self) -> None:
        """Close the file (SQLite checkpoints and removes the WAL); later calls raise
        HistoryUnavailable. Closing twice is harmless."""
        with self._lock:
            db, self._db = self._db, None
            if db is not None:
                db.close()

    def __enter__(self) -> History:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    @contextmanager
    def _session(self, *, write: bool = False) -> Iterator[sqlite3.Connection]:
        """The connection inside a transaction, under the lock; SQLite errors become
        HistoryUnavailable. Writers take the write lock up front (IMMEDIATE), so a
        busy database waits `busy_timeout` instead of failing half-way."""
        with self._lock:
            db = self._db
            if db is None:
                raise HistoryUnavailable(self.path, "it is closed")
            try:
                db.execute("BEGIN IMMEDIATE" if write else "BEGIN")
                try:
                    yield db
                except BaseException:
                    if db.in_transaction:
                        db.execute("ROLLBACK")
                    raise
                db.execute("COMMIT")
            except sqlite3.Error as exc:
                raise HistoryUnavailable(self.path, describe(exc)) from exc

    def _now(self) -> datetime:
        return aware("clock()", self._clock())

    def _prune_if_due(self, db: sqlite3.Connection, now: datetime) -> int:
        if self._pruned_at is not None and now - self._pruned_at < PRUNE_EVERY:
            return 0
        return self._prune_rows(db, now)

    def _prune_rows(self, db: sqlite3.Connection, now: datetime) -> int:
        cutoff = queries.stamp(now - timedelta(days=self._retention))
        deleted = db.execute("DELETE FROM inspections WHERE created_at < ?", (cutoff,)).rowcount
        self._pruned_at = now
        return deleted

    def _forget_if(self, deleted: int) -> None:
        """After rows were deleted, copy the WAL into the file and truncate it to zero,
        so the deleted rows' old page images do not stay on disk."""
        if not deleted:
            return
        with self._lock:
            if self._db is None:
                return
            try:
                # Busy (another process reading) is not an error: a later call finishes it.
                self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            except sqlite3.Error as exc:
                raise HistoryUnavailable(self.path, describe(exc)) from exc


def _checked_retention(days: int) -> int:
    low, high = RETENTION_DAYS
    _check_whole("retention_days", days, low, high)
    return days


def _check_whole(name: str, value: int, low: int, high: int | None = None) -> None:
    whole = isinstance(value, int) and not isinstance(value, bool)
    if whole and value >= low and (high is None or value <= high):
        return
    limit = f"from {low}" + ("" if high is None else f" to {high}")
    raise ValueError(f"{name} {value!r} must be a whole number {limit}")


def _iso(stamp: str | None) -> str | None:
    return None if stamp is None else queries.unstamp(stamp).isoformat()
