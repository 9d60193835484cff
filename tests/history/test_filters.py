"""Filters: each one narrows the history alone, and they combine with AND."""

from __future__ import annotations

from datetime import datetime

import pytest

from thinktwice.history import History, HistoryFilter

from .build import DAY, HOUR, T0, TINDER, WHATSAPP


@pytest.mark.parametrize(
    ("wanted", "ids"),
    [
        (HistoryFilter(), "edcba"),
        (HistoryFilter(site=WHATSAPP), "ca"),
        (HistoryFilter(site="https://web.whatsapp.com/some/chat"), "ca"),
        (HistoryFilter(severity="medium"), "da"),
        (HistoryFilter(severity="info"), "edba"),
        (HistoryFilter(severity="none"), "edcba"),
        (HistoryFilter(kind="location"), "da"),
        (HistoryFilter(kind="thumbnail"), ""),
        (HistoryFilter(decision="none"), "eb"),
        (HistoryFilter(decision="cancelled"), "c"),
        (HistoryFilter(since=T0 + DAY), "edc"),
        (HistoryFilter(until=T0 + DAY), "ba"),
        (HistoryFilter(since=T0 + HOUR, until=T0 + 2 * DAY), "cb"),
        (HistoryFilter(site=WHATSAPP, severity="medium"), "a"),
        (HistoryFilter(site=TINDER, severity="low", decision="none"), "b"),
        (HistoryFilter(kind="location", decision="sent_original", since=T0 + DAY), "d"),
        (HistoryFilter(kind="location", site=TINDER), ""),
    ],
)
def test_a_filter_keeps_exactly_the_matching_rows(
    filled: History, wanted: HistoryFilter, ids: str
) -> None:
    page = filled.query(wanted)
    assert "".join(i.id for i in page.items) == ids
    assert page.total == len(ids)


@pytest.mark.parametrize(
    ("wanted", "named"),
    [
        (HistoryFilter(severity="severe"), "severity"),
        (HistoryFilter(decision="maybe"), "decision"),
        (HistoryFilter(site="not a host!"), "site"),
        (HistoryFilter(since=datetime(2026, 11, 21)), "since"),
        (HistoryFilter(until=datetime(2026, 11, 21)), "until"),
        (HistoryFilter(since=T0 + DAY, until=T0), "since"),
    ],
)
def test_a_bad_filter_value_is_named(filled: History, wanted: HistoryFilter, named: str) -> None:
    for use in (filled.query, filled.stats):
        with pytest.raises(ValueError, match=f"^{named} "):
            use(wanted)
