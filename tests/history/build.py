"""Inspections built the way the server will record them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from thinktwice.history import FindingRecord, Inspection

T0 = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)
VANVES = FindingRecord("location", "high")


def inspection(
    id: str = "a",
    *,
    at: datetime = T0,
    site: str | None = "web.whatsapp.com",
    verdict: str = "high",
    findings: tuple[FindingRecord, ...] = (VANVES,),
    decision: str | None = None,
    decided_at: datetime | None = None,
) -> Inspection:
    """An inspection of a 2 MB JPEG; every field can be overridden."""
    return Inspection(
        id=id,
        created_at=at,
        site=site,
        format="jpeg",
        size=2_048_000,
        verdict=verdict,
        findings=findings,
        latency_ms=12.5,
        decision=decision,
        decided_at=decided_at,
    )


def finding(kind: str, severity: str = "medium") -> FindingRecord:
    """A finding of `kind`."""
    return FindingRecord(kind, severity)


def files_containing(directory: Path, needle: bytes) -> list[str]:
    """Names of the files in `directory` (database, -wal, -shm...) whose bytes hold `needle`."""
    return sorted(p.name for p in directory.iterdir() if needle in p.read_bytes())


DAY, HOUR = timedelta(days=1), timedelta(hours=1)
WHATSAPP, TINDER = "web.whatsapp.com", "tinder.com"

# Five inspections over four days, oldest first: the filters' and the stats' data.
ROWS = (
    inspection(
        "a",
        at=T0,
        site=WHATSAPP,
        verdict="high",
        findings=(finding("location", "high"), finding("device_serial", "high")),
        decision="sent_cleaned",
        decided_at=T0,
    ),
    inspection(
        "b", at=T0 + HOUR, site=TINDER, verdict="low", findings=(finding("capture_time", "low"),)
    ),
    inspection("c", at=T0 + DAY, site=WHATSAPP, verdict="none", findings=(), decision="cancelled"),
    inspection(
        "d",
        at=T0 + 2 * DAY,
        site=None,
        verdict="critical",
        findings=(finding("location", "critical"),),
        decision="sent_original",
    ),
    inspection(
        "e",
        at=T0 + 3 * DAY,
        site=TINDER,
        verdict="info",
        findings=(finding("device_model", "info"),),
    ),
)
