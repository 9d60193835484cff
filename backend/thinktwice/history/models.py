"""What the history stores and hands back: plain, frozen records.

The history keeps what a person needs to look back on a warning (when, on which
site, what kinds of thing were found and how serious, what they chose) and
nothing that could rebuild the picture or name anyone: no image bytes, no file
names, no finding sentences or evidence (they hold names, addresses, serials,
comments and coordinates). A finding is its kind and severity; its sentence is
the generic one for the kind (sentences.py), derived when read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path

from ..errors import ServiceError
from ..models import Severity
from .sentences import sentence


class Decision(StrEnum):
    """What the person chose in the dialog: the one list the service, the dashboard
    and the extension (through extension/shared/vocabulary.js) take it from."""

    SENT_CLEANED = "sent_cleaned"
    SENT_ORIGINAL = "sent_original"
    CANCELLED = "cancelled"
    SENT_FACES_HIDDEN = "sent_faces_hidden"  # the cleaned copy, every face covered


DECISIONS = tuple(d.value for d in Decision)
# The engine's severities by name, least severe first.
SEVERITIES = tuple(s.label for s in Severity)
# A verdict is the worst finding's severity, or "none" when nothing was found.
VERDICTS = ("none", *SEVERITIES)
# Verdicts that do not count as a warning in the stats; the others, least severe first.
QUIET_VERDICTS = ("none", Severity.INFO.label)
WARNINGS = tuple(v for v in VERDICTS if v not in QUIET_VERDICTS)
# Keys standing for "no value" in the stats, where a dict key cannot be None.
UNDECIDED = "undecided"
NO_SITE = "(none)"


def utc_now() -> datetime:
    """The current time, timezone-aware, in UTC: the history's default clock."""
    return datetime.now(UTC)


def iso_utc(moment: datetime | None) -> str | None:
    """`moment` as ISO 8601 UTC text: "2026-11-21T09:30:00Z"; None stays None."""
    return None if moment is None else moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


class HistoryUnavailable(ServiceError):
    """The history database cannot be used: locked, corrupt, too new, or closed.

    The message says what is wrong and names the file, so a person can move it
    away or restore it; inspections themselves do not depend on the history.
    """

    code = "history_unavailable"

    def __init__(self, path: Path, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"The history database {path} is unavailable: {problem}")


@dataclass(frozen=True, slots=True)
class FindingRecord:
    """One finding as remembered: its kind and severity, never its words or evidence."""

    kind: str
    severity: str

    @property
    def message(self) -> str:
        """The generic sentence for the kind ("It names a person."), never the dialog's."""
        return sentence(self.kind)

    def to_dict(self) -> dict[str, str]:
        """The finding as a JSON object: kind, severity and the generic sentence."""
        return {"kind": self.kind, "severity": self.severity, "message": self.message}


@dataclass(frozen=True, slots=True)
class Inspection:
    """One inspected image: one row of the history.

    `id` is opaque and chosen by the caller; `site` is a bare host name
    ("web.whatsapp.com") or None; datetimes are timezone-aware UTC.
    """

    id: str
    created_at: datetime
    site: str | None
    format: str
    size: int
    verdict: str
    findings: tuple[FindingRecord, ...]
    latency_ms: float
    decision: str | None = None
    decided_at: datetime | None = None

    def to_dict(self) -> dict[str, object]:
        """The inspection as a JSON object (the API's history item; exports hold it too),
        times as ISO 8601 UTC text ending in "Z"."""
        return {
            "id": self.id,
            "created_at": iso_utc(self.created_at),
            "site": self.site,
            "format": self.format,
            "size": self.size,
            "verdict": self.verdict,
            "findings": [f.to_dict() for f in self.findings],
            "latency_ms": self.latency_ms,
            "decision": self.decision,
            "decided_at": iso_utc(self.decided_at),
        }


@dataclass(frozen=True, slots=True)
class HistoryFilter:
    """Which inspections a query or the stats cover; every field narrows, None is "any".

    `severity` keeps verdicts at least that severe; `decision` "none" keeps
    undecided rows; `since` is inclusive and `until` exclusive.
    """

    site: str | None = None
    severity: str | None = None
    kind: str | None = None
    decision: str | None = None
    since: datetime | None = None
    until: datetime | None = None


NO_FILTER = HistoryFilter()


@dataclass(frozen=True, slots=True)
class Page:
    """One page of a query, newest first; `total` counts every matching row."""

    items: tuple[Inspection, ...]
    total: int
    page: int
    per_page: int


@dataclass(frozen=True, slots=True)
class Stats:
    """Counts over the filtered inspections, for the dashboard's charts.

    `per_day` is in date order, one entry per UTC day that has inspections:
    ("2026-11-21", {"total": n, "warnings": n, "none": n, "info": n, ...}) with a
    count for every verdict. `per_kind` counts inspections with at least one
    finding of that kind; `per_site` uses NO_SITE and `per_decision` UNDECIDED
    for rows without one. `warnings` counts verdicts other than none and info.
    `per_format` counts inspections per file format ("jpeg", "mp4"...).
    """

    per_day: tuple[tuple[str, dict[str, int]], ...]
    per_kind: dict[str, int]
    per_site: dict[str, int]
    per_decision: dict[str, int]
    total: int
    warnings: int
    per_format: dict[str, int] = field(default_factory=dict)
