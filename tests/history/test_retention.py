"""Retention: rows older than the period go, on opening, on prune(), and hourly on writes."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from tests.support.clock import Clock
from thinktwice.history import History

from .build import T0, inspection

DAY = timedelta(days=1)


def _ids(history: History) -> set[str]:
    return {i.id for i in history.query(per_page=500).items}


def test_opening_prunes_rows_past_the_retention_period(db_path: Path, clock: Clock) -> None:
    with History(db_path, clock=clock) as history:
        history.add(inspection("old", at=T0 - 91 * DAY))
        history.add(inspection("edge", at=T0 - 90 * DAY))
        history.add(inspection("new", at=T0 - 89 * DAY))
    with History(db_path, clock=clock) as reopened:
        assert _ids(reopened) == {"edge", "new"}


def test_the_retention_period_is_a_setting(db_path: Path, clock: Clock) -> None:
    with History(db_path, clock=clock) as history:
        history.add(inspection("week", at=T0 - 7 * DAY))
        history.add(inspection("month", at=T0 - 30 * DAY))
    with History(db_path, clock=clock, retention_days=10) as reopened:
        assert _ids(reopened) == {"week"}
        assert reopened.retention_days == 10


def test_prune_forgets_what_has_aged_since_opening(history: History, clock: Clock) -> None:
    history.add(inspection("a", at=T0))
    history.add(inspection("b", at=T0 + 5 * DAY))
    clock.advance(days=91)
    assert history.prune() == 1
    assert _ids(history) == {"b"}


def test_writes_prune_at_most_once_an_hour(history: History, clock: Clock) -> None:
    history.add(inspection("stale", at=T0 - 200 * DAY))  # opening pruned a moment ago
    clock.advance(minutes=59)
    history.add(inspection("b"))
    assert "stale" in _ids(history)
    clock.advance(minutes=2)
    history.decide("b", "cancelled")
    assert _ids(history) == {"b"}


def test_shortening_the_retention_prunes_at_once(history: History) -> None:
    history.add(inspection("today", at=T0))
    history.add(inspection("last_week", at=T0 - 8 * DAY))
    history.set_retention(7)
    assert _ids(history) == {"today"}
    assert history.status()["retention_days"] == 7


@pytest.mark.parametrize("days", [1, 3650])
def test_retention_accepts_one_day_to_ten_years(history: History, days: int) -> None:
    history.set_retention(days)
    assert history.retention_days == days


@pytest.mark.parametrize("days", [0, -5, 3651, 1.5, "30", True])
def test_retention_outside_its_bounds_is_refused(
    history: History, db_path: Path, days: object
) -> None:
    with pytest.raises(ValueError, match=r"^retention_days .* from 1 to 3650"):
        history.set_retention(days)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"^retention_days "):
        History(db_path, retention_days=days)  # type: ignore[arg-type]
    assert history.retention_days == 90
