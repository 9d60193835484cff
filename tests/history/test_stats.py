"""Stats: counts per UTC day, kind, site, decision and format, for the dashboard's charts."""

from __future__ import annotations

from thinktwice.history import NO_SITE, UNDECIDED, History, HistoryFilter, Stats

from .build import TINDER, WHATSAPP, finding, inspection


def _day(total: int, warnings: int, **verdicts: int) -> dict[str, int]:
    counts = dict.fromkeys(("none", "info", "low", "medium", "high", "critical"), 0)
    return {"total": total, "warnings": warnings, **counts, **verdicts}


def test_stats_count_per_day_kind_site_and_decision(filled: History) -> None:
    assert filled.stats() == Stats(
        per_day=(
            ("2026-11-21", _day(2, 2, high=1, low=1)),
            ("2026-11-22", _day(1, 0, none=1)),
            ("2026-11-23", _day(1, 1, critical=1)),
            ("2026-11-24", _day(1, 0, info=1)),
        ),
        per_kind={"location": 2, "capture_time": 1, "device_model": 1, "device_serial": 1},
        per_site={TINDER: 2, WHATSAPP: 2, NO_SITE: 1},
        per_decision={UNDECIDED: 2, "cancelled": 1, "sent_cleaned": 1, "sent_original": 1},
        total=5,
        warnings=3,
        per_format={"jpeg": 5},
    )


def test_stats_follow_the_filter(filled: History) -> None:
    stats = filled.stats(HistoryFilter(kind="location"))
    assert (stats.total, stats.warnings) == (2, 2)
    assert stats.per_kind == {"location": 2, "device_serial": 1}
    assert stats.per_site == {WHATSAPP: 1, NO_SITE: 1}
    assert [day for day, _ in stats.per_day] == ["2026-11-21", "2026-11-23"]


def test_a_kind_found_twice_in_one_inspection_counts_once(history: History) -> None:
    history.add(inspection(findings=(finding("location", "high"), finding("location"))))
    assert history.stats().per_kind == {"location": 1}


def test_an_empty_history_has_zero_everything(history: History) -> None:
    assert history.stats() == Stats((), {}, {}, {}, 0, 0)
