"""The store: what goes in comes back, newest first, until it is decided or forgotten."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from tests.support.clock import Clock
from thinktwice.history import MAX_PER_PAGE, History, HistoryUnavailable

from .build import T0, finding, inspection


def test_an_added_inspection_comes_back_equal(history: History) -> None:
    added = inspection(findings=(finding("location", "high"), finding("capture_time")))
    history.add(added)
    assert history.get("a") == added


def test_times_come_back_in_utc_whatever_zone_they_were_given_in(history: History) -> None:
    paris = timezone(timedelta(hours=1))
    history.add(inspection(at=T0.astimezone(paris)))
    got = history.get("a")
    assert got is not None
    assert got.created_at == T0
    assert got.created_at.utcoffset() == timedelta(0)


def test_an_unknown_id_gets_none(history: History) -> None:
    assert history.get("nope") is None


def test_an_id_already_recorded_is_refused_and_the_first_row_kept(history: History) -> None:
    history.add(inspection(verdict="high"))
    with pytest.raises(ValueError, match="already recorded"):
        history.add(inspection(verdict="low", findings=(finding("comment", "low"),)))
    assert history.query().total == 1
    assert history.get("a") == inspection(verdict="high")


def test_pages_are_newest_first_with_the_total(history: History) -> None:
    for n in range(7):
        history.add(inspection(f"i{n}", at=T0 + timedelta(minutes=n)))
    pages = [history.query(page=p, per_page=3) for p in (1, 2, 3, 4)]
    assert [[i.id for i in page.items] for page in pages] == [
        ["i6", "i5", "i4"],
        ["i3", "i2", "i1"],
        ["i0"],
        [],
    ]
    assert {(page.total, page.per_page) for page in pages} == {(7, 3)}
    assert [page.page for page in pages] == [1, 2, 3, 4]


def test_rows_at_the_same_instant_are_newest_added_first(history: History) -> None:
    for n in range(3):
        history.add(inspection(f"i{n}"))
    assert [i.id for i in history.query().items] == ["i2", "i1", "i0"]


def test_per_page_is_capped(history: History) -> None:
    assert history.query(per_page=10_000).per_page == MAX_PER_PAGE


def test_a_page_far_past_the_end_is_empty(history: History) -> None:
    history.add(inspection())
    page = history.query(page=10**30)
    assert (page.items, page.total) == ((), 1)


@pytest.mark.parametrize(
    ("page", "per_page", "named"),
    [
        (0, 50, "page"),
        (-1, 50, "page"),
        (1, 0, "per_page"),
        ("2", 50, "page"),
        (1, 2.5, "per_page"),
    ],
)
def test_bad_paging_values_are_named(
    history: History, page: object, per_page: object, named: str
) -> None:
    with pytest.raises(ValueError, match=f"^{named} "):
        history.query(page=page, per_page=per_page)  # type: ignore[arg-type]


def test_a_decision_is_recorded_with_its_time(history: History, clock: Clock) -> None:
    history.add(inspection())
    clock.advance(seconds=4)
    decided = history.decide("a", "sent_cleaned")
    assert decided is not None
    assert (decided.decision, decided.decided_at) == ("sent_cleaned", T0 + timedelta(seconds=4))
    assert history.get("a") == decided


def test_a_decision_takes_the_time_given(history: History) -> None:
    history.add(inspection())
    at = datetime(2026, 11, 21, 9, 31, tzinfo=UTC)
    decided = history.decide("a", "cancelled", at=at)
    assert decided is not None
    assert decided.decided_at == at


def test_deciding_an_unknown_id_gets_none(history: History) -> None:
    assert history.decide("nope", "cancelled") is None


def test_an_unknown_decision_is_refused(history: History) -> None:
    history.add(inspection())
    with pytest.raises(ValueError, match="decision 'kept' is not one of"):
        history.decide("a", "kept")
    assert history.get("a") == inspection()


def test_delete_forgets_one_inspection_and_its_findings(history: History) -> None:
    history.add(inspection("a"))
    history.add(inspection("b"))
    assert history.delete("a") is True
    assert history.get("a") is None
    assert [i.id for i in history.query().items] == ["b"]
    assert history.stats().per_kind == {"location": 1}


def test_deleting_an_unknown_id_says_so(history: History) -> None:
    assert history.delete("nope") is False


def test_clear_forgets_everything_and_counts_it(history: History) -> None:
    for n in range(3):
        history.add(inspection(f"i{n}"))
    assert history.clear() == 3
    assert history.query().total == 0
    assert history.stats().per_kind == {}


def test_reopening_keeps_the_rows(db_path: Path, clock: Clock) -> None:
    with History(db_path, clock=clock) as first:
        first.add(inspection(decision="sent_original", decided_at=T0))
    with History(db_path, clock=clock) as second:
        assert second.get("a") == inspection(decision="sent_original", decided_at=T0)


def test_a_closed_history_is_unavailable(db_path: Path, clock: Clock) -> None:
    history = History(db_path, clock=clock)
    history.close()
    history.close()
    with pytest.raises(HistoryUnavailable, match="closed"):
        history.get("a")
    assert history.status()["ok"] is False
