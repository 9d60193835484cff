"""Bodies of the history routes: decisions, the list and its filters, the stats."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, Field, field_validator

from ...history import FindingRecord, Inspection, Page, Stats
from ...models import Kind
from .common import Action, ActionFilter, Severity, Verdict, example


class DecisionIn(BaseModel):
    """What the person chose in the dialog for one inspection."""

    model_config = example(id="3f2b8c1e9a7d4e0f8b6c5a4d3e2f1a0b", action="sent_cleaned")
    id: str = Field(min_length=1, max_length=128)
    action: Action


class HistoryFinding(BaseModel):
    """A finding as the history keeps it: its kind and severity, no words from the photo."""

    kind: str
    severity: Severity
    message: str = Field(
        description="The generic sentence for the kind, never the dialog's specific one."
    )


class HistoryItem(BaseModel):
    """One past inspection."""

    model_config = example(
        id="3f2b8c1e9a7d4e0f8b6c5a4d3e2f1a0b",
        created_at="2026-11-21T09:30:00Z",
        site="web.whatsapp.com",
        format="jpeg",
        size=2048000,
        verdict="high",
        findings=[FindingRecord("location", "high").to_dict()],
        latency_ms=14.2,
        decision="sent_cleaned",
        decided_at="2026-11-21T09:30:04Z",
    )
    id: str
    created_at: datetime
    site: str | None = Field(description="The page's host name only.")
    format: str
    size: int = Field(description="Bytes of the original.")
    verdict: Verdict
    findings: list[HistoryFinding]
    latency_ms: float
    decision: Action | None
    decided_at: datetime | None

    @classmethod
    def of(cls, row: Inspection) -> HistoryItem:
        """The Inspection as sent over the wire."""
        return cls.model_validate(row.to_dict())


class HistoryPage(BaseModel):
    """One page of past inspections, newest first."""

    items: list[HistoryItem]
    total: int = Field(description="How many inspections match, on every page.")
    page: int
    per_page: int

    @classmethod
    def of(cls, page: Page) -> HistoryPage:
        """The Page as sent over the wire."""
        items = [HistoryItem.of(i) for i in page.items]
        return cls(items=items, total=page.total, page=page.page, per_page=page.per_page)


class HistoryQuery(BaseModel):
    """Filters for the history and the stats; each one given narrows the result."""

    site: str | None = Field(default=None, max_length=2048, description="A host, origin or URL.")
    severity: Verdict | None = Field(default=None, description="Verdicts at least this severe.")
    kind: Kind | None = Field(default=None, description="Inspections with a finding of this kind.")
    decision: ActionFilter | None = Field(
        default=None, description="What the person chose; `none` for no decision yet."
    )
    since: datetime | None = Field(default=None, description="From this time (inclusive).")
    until: datetime | None = Field(default=None, description="Before this time (exclusive).")

    @field_validator("since", "until", mode="before")
    @classmethod
    def _iso_utc(cls, value: object) -> object:
        # ISO 8601 only (pydantic alone would read "0.5" as a Unix time); a time
        # without an offset is taken as UTC, the history's own clock.
        if not isinstance(value, str):
            return value
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            raise ValueError("expected an ISO 8601 date and time") from None
        return moment if moment.utcoffset() is not None else moment.replace(tzinfo=UTC)


class Deleted(BaseModel):
    """How many inspections were forgotten."""

    model_config = example(deleted=12)
    deleted: int


class DayCounts(BaseModel):
    """One UTC day: inspections, warnings, and a count per verdict."""

    day: str = Field(description="YYYY-MM-DD (UTC).")
    counts: dict[str, int] = Field(description="total, warnings, and one key per verdict.")


class StatsOut(BaseModel):
    """Counts over the filtered history, for the dashboard's charts."""

    model_config = example(
        total=3,
        warnings=2,
        per_day=[{"day": "2026-11-21", "counts": {"total": 3, "warnings": 2, "high": 2}}],
        per_kind={"location": 2},
        per_site={"web.whatsapp.com": 3},
        per_decision={"sent_cleaned": 2, "undecided": 1},
    )
    total: int
    warnings: int = Field(description="Inspections whose verdict is low or worse.")
    per_day: list[DayCounts]
    per_kind: dict[str, int]
    per_site: dict[str, int]
    per_decision: dict[str, int]

    @classmethod
    def of(cls, stats: Stats) -> StatsOut:
        """The Stats as sent over the wire."""
        return cls(
            total=stats.total,
            warnings=stats.warnings,
            per_day=[DayCounts(day=day, counts=counts) for day, counts in stats.per_day],
            per_kind=stats.per_kind,
            per_site=stats.per_site,
            per_decision=stats.per_decision,
        )
