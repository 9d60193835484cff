"""The history as files to keep: CSV for spreadsheets, JSON for programs.

Both hold every row the filters match (not one page), newest first, with the
same fields the API's history items have; times in ISO 8601 UTC. A CSV cell that
a spreadsheet would run as a formula (it starts with = + - @ or a control
character: the service's own cells never do, but an Inspection built by other
code may) gets a leading apostrophe, the usual defence against formula injection.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import datetime

from ..history import Inspection, iso_utc

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


def to_json(rows: list[Inspection], exported_at: datetime) -> bytes:
    """`{"exported_at", "total", "items"}` as UTF-8 JSON."""
    items = [row.to_dict() for row in rows]
    body = {"exported_at": iso_utc(exported_at), "total": len(rows), "items": items}
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
        iso_utc(row.created_at),
        row.site or "",
        row.format,
        row.size,
        row.verdict,
        "; ".join(dict.fromkeys(f.kind for f in row.findings)),
        "\n".join(f.message for f in row.findings),
        row.decision or "",
        iso_utc(row.decided_at) or "",
    )
    for value in values:
        text = str(value)
        yield "'" + text if text.startswith(_FORMULA_STARTS) else text


def filename(suffix: str, now: datetime) -> str:
    """The download's name: "thinktwice-history-2026-03-14.csv"."""
    return f"thinktwice-history-{now.astimezone():%Y-%m-%d}.{suffix}"
