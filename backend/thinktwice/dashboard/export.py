"""The history as files to keep: CSV for spreadsheets, JSON for programs.

Both hold every row the filters match (not one page), newest first, with the
same fields the API's history items have; times in ISO 8601 UTC. A CSV cell that
a spreadsheet would run as a formula (it starts with = + - @ or a control
character: a finding's sentence quotes text from the photo) gets a leading
apostrophe, the usual defence against formula injection.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import UTC, datetime

from ..history import MAX_PER_PAGE, History, HistoryFilter, Inspection

CSV_COLUMNS = (
    "id",
    "created_at",
    "site",
    "format",
    "size",
    "verdict",
    "kinds",
    "findings",
    "decision",
    "decided_at",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def matching(history: History, wanted: HistoryFilter) -> list[Inspection]:
    """Every inspection `wanted` matches, newest first (read a page at a time)."""
    found: dict[str, Inspection] = {}
    page = 1
    while True:
        chunk = history.query(wanted, page, MAX_PER_PAGE)
        for row in chunk.items:
            found.setdefault(row.id, row)  # a row added meanwhile shifts pages by one
        if page * MAX_PER_PAGE >= chunk.total or not chunk.items:
            return list(found.values())
        page += 1


def item(row: Inspection) -> dict[str, object]:
    """One inspection as a JSON object (the API's history item)."""
    return {
        "id": row.id,
        "created_at": _iso(row.created_at),
        "site": row.site,
        "format": row.format,
        "size": row.size,
        "verdict": row.verdict,
        "findings": [
            {"kind": f.kind, "severity": f.severity, "message": f.message} for f in row.findings
        ],
        "latency_ms": row.latency_ms,
        "decision": row.decision,
        "decided_at": _iso(row.decided_at),
    }


def to_json(rows: list[Inspection], exported_at: datetime) -> bytes:
    """`{"exported_at", "total", "items"}` as UTF-8 JSON."""
    body = {"exported_at": _iso(exported_at), "total": len(rows), "items": [item(r) for r in rows]}
    return (json.dumps(body, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def to_csv(rows: list[Inspection]) -> bytes:
    """A header line and one line per inspection, UTF-8 with a BOM (spreadsheets need it)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(_csv_cells(row) for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_cells(row: Inspection) -> Iterator[str]:
    values: tuple[object, ...] = (
        row.id,
        _iso(row.created_at),
        row.site or "",
        row.format,
        row.size,
        row.verdict,
        "; ".join(dict.fromkeys(f.kind for f in row.findings)),
        "\n".join(f.message for f in row.findings),
        row.decision or "",
        _iso(row.decided_at) or "",
    )
    for value in values:
        text = str(value)
        yield "'" + text if text.startswith(_FORMULA_STARTS) else text


def filename(suffix: str, now: datetime) -> str:
    """The download's name: "thinktwice-history-2026-03-14.csv"."""
    return f"thinktwice-history-{now.astimezone():%Y-%m-%d}.{suffix}"


def _iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).isoformat().replace("+00:00", "Z")
