"""The history of past inspections, in a local SQLite file.

    >>> history = History(data_dir / "history.sqlite3")
    >>> history.add(Inspection(id, created_at, "web.whatsapp.com", "jpeg", 2_048_000,
    ...                        "high", (FindingRecord("location", "high", "..."),), 12.5))
    >>> history.decide(id, "sent_cleaned")
    >>> history.query(HistoryFilter(severity="medium"), page=1, per_page=50)

It keeps when, where (the site's host name only), what was found (kind, severity,
sentence) and what the person chose; never image bytes, thumbnails, finding
evidence or coordinates. Rows older than the retention period are pruned.
"""

from __future__ import annotations

from .guards import contains_coordinates, normalise_site
from .migrations import LATEST as SCHEMA_VERSION
from .models import (
    DECISIONS,
    NO_FILTER,
    NO_SITE,
    SEVERITIES,
    UNDECIDED,
    VERDICTS,
    WARNINGS,
    Decision,
    FindingRecord,
    HistoryFilter,
    HistoryUnavailable,
    Inspection,
    Page,
    Stats,
    iso_utc,
    utc_now,
)
from .store import MAX_PER_PAGE, History

__all__ = [
    "DECISIONS",
    "MAX_PER_PAGE",
    "NO_FILTER",
    "NO_SITE",
    "SCHEMA_VERSION",
    "SEVERITIES",
    "UNDECIDED",
    "VERDICTS",
    "WARNINGS",
    "Decision",
    "FindingRecord",
    "History",
    "HistoryFilter",
    "HistoryUnavailable",
    "Inspection",
    "Page",
    "Stats",
    "contains_coordinates",
    "iso_utc",
    "normalise_site",
    "utc_now",
]
