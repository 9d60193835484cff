"""What the pages show agrees with the history, in people's words, and never more."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from tests.dashboard.history_data import generate
from thinktwice.dashboard import views
from thinktwice.dashboard.filters import Filters, local_midnight
from thinktwice.history import FindingRecord, History, HistoryFilter, Inspection

NOW = datetime.now(UTC)
ROWS = 230


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Iterator[History]:
    """A history holding ROWS generated entries (read only in this module)."""
    with History(tmp_path_factory.mktemp("views") / "history.sqlite3") as opened:
        for row in generate(ROWS, now=NOW):
            opened.add(row)
        yield opened


def inspection(**changes: object) -> Inspection:
    values: dict[str, object] = {
        "id": "a1",
        "created_at": datetime(2026, 3, 14, 20, 4, tzinfo=UTC),
        "site": "web.whatsapp.com",
        "format": "jpeg",
        "size": 2_400_000,
        "verdict": "high",
        "findings": (
            FindingRecord("location", "high"),
            FindingRecord("device_model", "low"),
        ),
        "latency_ms": 12.0,
        "decision": "sent_cleaned",
        "decided_at": datetime(2026, 3, 14, 20, 5, tzinfo=UTC),
    }
    values.update(changes)
    return Inspection(**values)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("changes", "field", "shown"),
    [
        ({}, "found", "Location, Camera model"),
        ({"findings": ()}, "found", "Nothing"),
        ({"findings": (FindingRecord("future_kind", "low"),)}, "found", "Future kind"),
        ({}, "verdict_label", "High"),
        ({"verdict": "none"}, "verdict_label", "Nothing found"),
        ({}, "decision_label", "Sent cleaned copy"),
        ({"decision": "sent_faces_hidden"}, "decision_label", "Sent with face hidden"),
        ({"decision": None, "decided_at": None}, "decision_label", "No decision"),
        ({"decision": None, "decided_at": None}, "decided", ""),
        ({}, "site", "web.whatsapp.com"),
        ({"site": None}, "site", "No site recorded"),
        ({}, "file_type", "JPEG"),
        ({"format": "heic"}, "file_type", "HEIC"),
        ({}, "size", "2.4 MB"),
        ({"size": 512}, "size", "512 bytes"),
        ({}, "when_iso", "2026-03-14T20:04:00+00:00"),
    ],
)
def test_a_row_says_the_entry_in_words(changes: dict[str, object], field: str, shown: str) -> None:
    assert getattr(views.Row.of(inspection(**changes)), field) == shown


def test_a_row_shows_the_local_time() -> None:
    moment = datetime(2026, 3, 14, 20, 4, tzinfo=UTC)
    local = moment.astimezone()
    assert views.Row.of(inspection()).when == f"{local.day} {local:%b %Y, %H:%M}"


def test_a_row_carries_each_finding_with_its_severity_and_sentence() -> None:
    (first, second) = views.Row.of(inspection()).findings
    assert (first.kind, first.severity, first.severity_label) == ("Location", "high", "High")
    assert second.message == "It names your camera or phone."


@pytest.mark.parametrize("range_key", ["7", "30", "90", "all"])
def test_the_overview_counts_what_the_history_holds_in_the_period(
    history: History, range_key: str
) -> None:
    shown = views.overview(history, range_key, NOW)
    days = {"7": 7, "30": 30, "90": 90, "all": None}[range_key]
    since = None
    if days is not None:
        since = local_midnight(NOW.astimezone().date() - timedelta(days=days - 1))
    stats = history.stats(HistoryFilter(since=since))
    cards = {card.title: card.value for card in shown.cards}
    assert cards["Images checked"] == f"{stats.total:,}"
    assert cards["Warnings"] == f"{stats.warnings:,}"
    assert cards["Sent cleaned"] == f"{stats.per_decision.get('sent_cleaned', 0):,}"
    assert sum(b.total for b in shown.buckets) == stats.warnings
    assert {c.count for c in shown.kinds} == set(stats.per_kind.values())
    assert shown.everything == ROWS
    assert shown.chart is not None and 'role="img"' in shown.chart


def test_an_unknown_period_shows_everything(history: History) -> None:
    assert views.overview(history, "forever", NOW).range_key == "all"


def test_the_overview_lists_link_to_the_history_filtered_the_same_way(history: History) -> None:
    shown = views.overview(history, "30", NOW)
    since = local_midnight(NOW.astimezone().date() - timedelta(days=29)).date()
    location = next(c for c in shown.kinds if c.label == "Location")
    assert location.href == f"/history?kind=location&date_from={since:%Y-%m-%d}"
    undecided = next(c for c in shown.choices if c.label == "No decision")
    assert undecided.href.startswith("/history?decision=none&")
    filters = Filters.parse(dict(p.split("=") for p in location.href[9:].split("&")))
    wanted = filters.history_filter()
    assert history.query(wanted).total == location.count


def test_the_latest_warnings_are_warnings_newest_first(history: History) -> None:
    recent = views.overview(history, "all", NOW).recent
    assert len(recent) == views.RECENT
    assert all(row.verdict in ("low", "medium", "high", "critical") for row in recent)
    assert [r.when_iso for r in recent] == sorted((r.when_iso for r in recent), reverse=True)


def test_an_empty_history_shows_the_empty_state(tmp_path: Path) -> None:
    with History(tmp_path / "history.sqlite3") as empty:
        shown = views.overview(empty, "30", NOW)
        page = views.history_page(empty, Filters(), 1)
    assert (shown.everything, shown.total, shown.chart, shown.kinds) == (0, 0, None, ())
    assert (page.everything, page.rows, page.pages) == (0, (), 1)


@pytest.mark.parametrize(
    ("page", "first", "last", "rows"),
    [(1, 1, 50, 50), (2, 51, 100, 50), (5, 201, 230, 30), (6, 251, 250, 0)],
)
def test_the_history_pages_through_every_entry(
    history: History, page: int, first: int, last: int, rows: int
) -> None:
    shown = views.history_page(history, Filters(), page)
    assert (shown.first, shown.last, len(shown.rows), shown.total, shown.pages) == (
        first,
        last,
        rows,
        ROWS,
        5,
    )
    expected = history.query(HistoryFilter(), page, views.PER_PAGE).items
    assert [r.id for r in shown.rows] == [i.id for i in expected]


def test_the_site_choices_are_the_sites_in_the_history(history: History) -> None:
    shown = views.history_page(history, Filters.parse({"site": "unknown.example"}), 1)
    assert shown.sites[0] == "unknown.example"  # the filter in use stays selectable
    assert set(shown.sites[1:]) == set(history.stats().per_site) - {"(none)"}
    assert shown.total == 0
