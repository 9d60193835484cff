"""The history page's filters: what the form sends becomes the history's filter."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from thinktwice.dashboard.filters import Filters, parse_page
from thinktwice.history import HistoryFilter


def midnight(text: str) -> datetime:
    """Local midnight starting the day `text` (the person's own calendar)."""
    return datetime.combine(date.fromisoformat(text), time()).astimezone()


@pytest.mark.parametrize(
    ("params", "wanted"),
    [
        ({}, HistoryFilter()),
        ({"site": "https://Web.WhatsApp.com/chat/42"}, HistoryFilter(site="web.whatsapp.com")),
        ({"severity": "high"}, HistoryFilter(severity="high")),
        ({"kind": "location"}, HistoryFilter(kind="location")),
        ({"decision": "none"}, HistoryFilter(decision="none")),
        ({"decision": "sent_original"}, HistoryFilter(decision="sent_original")),
        (
            {"date_from": "2026-03-01", "date_to": "2026-03-31"},
            HistoryFilter(since=midnight("2026-03-01"), until=midnight("2026-04-01")),
        ),
        ({"date_to": "2026-12-31"}, HistoryFilter(until=midnight("2027-01-01"))),
        ({"site": " ", "severity": "", "kind": ""}, HistoryFilter()),
    ],
)
def test_form_values_become_the_history_filter(
    params: dict[str, str], wanted: HistoryFilter
) -> None:
    filters = Filters.parse(params)
    assert filters.history_filter() == wanted
    assert filters.ignored == ()


@pytest.mark.parametrize(
    ("params", "sentence"),
    [
        ({"site": "not a host!"}, "site filter is not a host name"),
        ({"severity": "apocalyptic"}, "severity filter has an unknown value"),
        ({"kind": "DROP TABLE"}, "kind of finding filter has an unknown value"),
        ({"decision": "maybe"}, "decision filter has an unknown value"),
        ({"date_from": "yesterday"}, "“from” date is not a date"),
        ({"date_to": "2026-02-30"}, "“to” date is not a date"),
    ],
)
def test_a_value_that_does_not_fit_is_left_out_and_said(
    params: dict[str, str], sentence: str
) -> None:
    filters = Filters.parse(params)
    assert filters.history_filter() == HistoryFilter()
    assert not filters.active
    (said,) = filters.ignored
    assert sentence in said
    assert next(iter(params.values())) not in said  # never echoed


def test_dates_in_the_wrong_order_are_swapped() -> None:
    filters = Filters.parse({"date_from": "2026-03-31", "date_to": "2026-03-01"})
    assert (filters.date_from, filters.date_to) == ("2026-03-01", "2026-03-31")
    assert "swapped" in filters.ignored[0]


def test_the_query_string_keeps_the_filters_for_links() -> None:
    filters = Filters.parse({"site": "tinder.com", "kind": "face", "page": "3"})
    assert filters.query() == "site=tinder.com&kind=face"
    assert filters.query(page=2) == "site=tinder.com&kind=face&page=2"
    assert Filters.parse(dict([pair.split("=") for pair in filters.query().split("&")])) == filters


@pytest.mark.parametrize(
    ("value", "page"),
    [(None, 1), ("", 1), ("3", 3), ("0", 1), ("-4", 1), ("x", 1), ("99999999999", 1_000_000)],
)
def test_the_page_number_is_always_usable(value: str | None, page: int) -> None:
    assert parse_page(value) == page
