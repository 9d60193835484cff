"""The SQL behind the store: writing rows, filtering, paging and counting.

Every function takes an open connection and runs parameterised statements only;
locking, transactions and error handling belong to the store. Timestamps are
ISO-8601 UTC text with microseconds ("2026-11-21T09:30:00.000000Z"): fixed width,
so they sort and compare as text, and the day is their first ten characters.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from .models import (
    NO_SITE,
    QUIET_VERDICTS,
    UNDECIDED,
    VERDICTS,
    FindingRecord,
    HistoryFilter,
    Inspection,
    Stats,
)

_COLUMNS = "id, created_at, site, format, size, verdict, latency_ms, decision, decided_at"
_NEWEST_FIRST = "ORDER BY created_at DESC, rowid DESC"


def stamp(moment: datetime) -> str:
    """`moment` as the stored text: UTC, microseconds, a trailing Z."""
    utc = moment.astimezone(UTC).replace(tzinfo=None)
    return utc.isoformat(timespec="microseconds") + "Z"


def unstamp(text: str) -> datetime:
    """The aware UTC datetime a stored timestamp stands for."""
    return datetime.fromisoformat(text).astimezone(UTC)


def insert(db: sqlite3.Connection, inspection: Inspection) -> None:
    """Write `inspection` and its findings (raises IntegrityError when the id exists)."""
    db.execute(
        f"INSERT INTO inspections ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            inspection.id,
            stamp(inspection.created_at),
            inspection.site,
            inspection.format,
            inspection.size,
            inspection.verdict,
            float(inspection.latency_ms),
            inspection.decision,
            None if inspection.decided_at is None else stamp(inspection.decided_at),
        ),
    )
    db.executemany(
        "INSERT INTO findings (inspection_id, position, kind, severity) VALUES (?, ?, ?, ?)",
        [
            (inspection.id, position, f.kind, f.severity)
            for position, f in enumerate(inspection.findings)
        ],
    )


def where(wanted: HistoryFilter) -> tuple[str, list[object]]:
    """A WHERE clause over `inspections` for a checked filter, and its parameters."""
    clauses: list[str] = []
    params: list[object] = []
    if wanted.site is not None:
        clauses.append("site = ?")
        params.append(wanted.site)
    if wanted.severity is not None:
        at_least = VERDICTS[VERDICTS.index(wanted.severity) :]
        clauses.append(f"verdict IN ({', '.join('?' * len(at_least))})")
        params.extend(at_least)
    if wanted.kind is not None:
        clauses.append(
            "EXISTS (SELECT 1 FROM findings f WHERE f.inspection_id = id AND f.kind = ?)"
        )
        params.append(wanted.kind)
    if wanted.decision == "none":
        clauses.append("decision IS NULL")
    elif wanted.decision is not None:
        clauses.append("decision = ?")
        params.append(wanted.decision)
    if wanted.since is not None:
        clauses.append("created_at >= ?")
        params.append(stamp(wanted.since))
    if wanted.until is not None:
        clauses.append("created_at < ?")
        params.append(stamp(wanted.until))
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), params


def count(db: sqlite3.Connection, wanted: HistoryFilter) -> int:
    """How many inspections match `wanted`."""
    clause, params = where(wanted)
    return int(db.execute(f"SELECT COUNT(*) FROM inspections{clause}", params).fetchone()[0])


def select(
    db: sqlite3.Connection, wanted: HistoryFilter, limit: int, offset: int
) -> tuple[Inspection, ...]:
    """A slice of the matching inspections, newest first, with their findings."""
    clause, params = where(wanted)
    rows = db.execute(
        f"SELECT {_COLUMNS} FROM inspections{clause} {_NEWEST_FIRST} LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return _assemble(db, rows)


def by_id(db: sqlite3.Connection, id: str) -> Inspection | None:
    """The inspection with this id, or None."""
    rows = db.execute(f"SELECT {_COLUMNS} FROM inspections WHERE id = ?", (id,)).fetchall()
    found = _assemble(db, rows)
    return found[0] if found else None


def stats(db: sqlite3.Connection, wanted: HistoryFilter) -> Stats:
    """Counts per day, kind, site and decision over the matching inspections."""
    clause, params = where(wanted)
    days: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(_DAY_KEYS, 0))
    for day, verdict, n in db.execute(
        f"SELECT substr(created_at, 1, 10), verdict, COUNT(*) FROM inspections{clause} "
        "GROUP BY 1, 2",
        params,
    ):
        counts = days[day]
        counts[verdict] = counts.get(verdict, 0) + n
        counts["total"] += n
        counts["warnings"] += 0 if verdict in QUIET_VERDICTS else n
    per_kind = _counts(
        db,
        "SELECT f.kind, COUNT(DISTINCT f.inspection_id) FROM findings f "
        f"WHERE f.inspection_id IN (SELECT id FROM inspections{clause}) GROUP BY f.kind",
        params,
    )
    per_site = _counts(
        db, f"SELECT site, COUNT(*) FROM inspections{clause} GROUP BY 1", params, NO_SITE
    )
    per_decision = _counts(
        db, f"SELECT decision, COUNT(*) FROM inspections{clause} GROUP BY 1", params, UNDECIDED
    )
    per_format = _counts(db, f"SELECT format, COUNT(*) FROM inspections{clause} GROUP BY 1", params)
    return Stats(
        per_day=tuple(sorted(days.items())),
        per_kind=per_kind,
        per_site=per_site,
        per_decision=per_decision,
        total=sum(c["total"] for c in days.values()),
        warnings=sum(c["warnings"] for c in days.values()),
        per_format=per_format,
    )


_DAY_KEYS = ("total", "warnings", *VERDICTS)


def _counts(
    db: sqlite3.Connection, sql: str, params: Sequence[object], null: str = ""
) -> dict[str, int]:
    """A "key, count" query as a dict, NULL keys as `null`, largest counts first."""
    pairs = ((null if key is None else str(key), int(n)) for key, n in db.execute(sql, params))
    return dict(sorted(pairs, key=lambda pair: (-pair[1], pair[0])))


def _assemble(db: sqlite3.Connection, rows: list[Any]) -> tuple[Inspection, ...]:
    """Inspections from their rows, with findings fetched in one query."""
    if not rows:
        return ()
    findings: dict[str, list[FindingRecord]] = defaultdict(list)
    ids = [row[0] for row in rows]
    for inspection_id, kind, severity in db.execute(
        "SELECT inspection_id, kind, severity FROM findings "
        f"WHERE inspection_id IN ({', '.join('?' * len(ids))}) "
        "ORDER BY inspection_id, position",
        ids,
    ):
        findings[inspection_id].append(FindingRecord(kind, severity))
    return tuple(
        Inspection(
            id=id,
            created_at=unstamp(created),
            site=site,
            format=format,
            size=size,
            verdict=verdict,
            findings=tuple(findings[id]),
            latency_ms=latency,
            decision=decision,
            decided_at=None if decided is None else unstamp(decided),
        )
        for id, created, site, format, size, verdict, latency, decision, decided in rows
    )
