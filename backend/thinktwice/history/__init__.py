"""The history of past inspections, in a local SQLite file.

    >>> history = History(data_dir / "history.sqlite3")
    >>> history.add(Inspection(id, created_at, "web.whatsapp.com", "jpeg", 2_048_000,
    ...                        "high", (FindingRecord("location", "high"),), 12.5))
    >>> history.decide(id, "sent_cleaned")
    >>> history.query(HistoryFilter(severity="medium"), page=1, per_page=50)

It keeps when, where (the site's host name only), what was found (kinds and
severities, each shown with the generic sentence for its kind) and what the
person chose; never image bytes, file names, the dialog's sentences or their
evidence: no names, addresses, serials, comments or coordinates. Deleted and
pruned rows are overwritten on disk. Rows older than the retention period go.
"""

from __future__ import annotations

from .guards import normalise_site
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
from .sentences import sentence
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
    "iso_utc",
    "normalise_site",
    "sentence",
    "utc_now",
]
