"""Charts: the right buckets, bars in proportion, and a text alternative for each."""

from __future__ import annotations

import re
from datetime import date
from xml.etree import ElementTree

import pytest

from thinktwice.dashboard.charts import (
    Bucket,
    axis_ticks,
    chart_summary,
    chart_title,
    meter,
    stacked_bars,
    tick_indexes,
    timeline,
    unit_for,
)

SVG = "{http://www.w3.org/2000/svg}"


def day(counts: dict[str, int]) -> dict[str, int]:
    """A per-day entry as History.stats gives it (quiet verdicts included)."""
    return {"total": sum(counts.values()) + 2, "none": 2, "info": 0, **counts}


@pytest.mark.parametrize(
    ("first", "last", "unit", "buckets"),
    [
        (date(2026, 3, 1), date(2026, 3, 1), "day", 1),
        (date(2026, 3, 1), date(2026, 3, 31), "day", 31),
        (date(2026, 1, 1), date(2026, 3, 3), "day", 62),
        (date(2026, 1, 1), date(2026, 3, 4), "week", 10),  # 63 days, Monday-started weeks
        (date(2024, 1, 1), date(2026, 12, 31), "month", 36),
    ],
)
def test_the_period_decides_between_days_weeks_and_months(
    first: date, last: date, unit: str, buckets: int
) -> None:
    assert unit_for(first, last) == unit
    made = timeline([], first, last)
    assert len(made) == buckets
    assert {b.unit for b in made} == {unit}


def test_every_day_of_the_period_gets_a_bucket_empty_ones_too() -> None:
    per_day = [("2026-03-02", day({"high": 2})), ("2026-03-05", day({"low": 1}))]
    made = timeline(per_day, date(2026, 3, 1), date(2026, 3, 7))
    assert [b.start.day for b in made] == [1, 2, 3, 4, 5, 6, 7]
    assert [b.total for b in made] == [0, 2, 0, 0, 1, 0, 0]


def test_weeks_add_up_their_days_from_monday() -> None:
    per_day = [
        ("2026-03-02", day({"high": 2})),  # a Monday
        ("2026-03-08", day({"high": 1, "critical": 1})),  # the Sunday after
        ("2026-03-09", day({"medium": 4})),  # the next Monday
    ]
    made = timeline(per_day, date(2026, 1, 1), date(2026, 3, 20))
    weeks = {b.start: dict(b.counts) for b in made if b.total}
    assert weeks == {
        date(2026, 3, 2): {"critical": 1, "high": 3, "medium": 0, "low": 0},
        date(2026, 3, 9): {"critical": 0, "high": 0, "medium": 4, "low": 0},
    }


def test_quiet_verdicts_are_not_warnings_and_days_outside_are_left_out() -> None:
    per_day = [("2026-02-28", day({"high": 9})), ("2026-03-01", day({"info": 5, "low": 1}))]
    (only,) = timeline(per_day, date(2026, 3, 1), date(2026, 3, 1))
    assert only.total == 1


def test_a_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(ValueError, match="ends"):
        timeline([], date(2026, 3, 2), date(2026, 3, 1))


@pytest.mark.parametrize(
    ("largest", "ticks"),
    [
        (0, [0, 1]),
        (1, [0, 1]),
        (3, [0, 1, 2, 3]),
        (4, [0, 1, 2, 3, 4]),
        (7, [0, 2, 4, 6, 8]),
        (73, [0, 20, 40, 60, 80]),
        (100, [0, 50, 100]),
        (1234, [0, 500, 1000, 1500]),
    ],
)
def test_gridlines_use_round_steps_and_reach_the_largest_bar(
    largest: int, ticks: list[int]
) -> None:
    assert axis_ticks(largest) == ticks


@pytest.mark.parametrize(
    ("count", "picked", "narrow"),
    [
        (0, [], set()),
        (1, [0], {0}),
        (7, [0, 1, 2, 3, 4, 5, 6], {0, 2, 4, 6}),
        (12, [1, 3, 5, 7, 9, 11], {3, 7, 11}),
        (31, [0, 5, 10, 15, 20, 25, 30], {0, 10, 20, 30}),
    ],
)
def test_labels_are_evenly_spaced_and_the_latest_bar_always_has_one(
    count: int, picked: list[int], narrow: set[int]
) -> None:
    assert tick_indexes(count) == (picked, narrow)


def parse(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)


def bars_of(root: ElementTree.Element) -> list[list[ElementTree.Element]]:
    return [list(g.iter(f"{SVG}rect")) for g in root.iter(f"{SVG}g")]


def sample() -> list[Bucket]:
    per_day = [
        ("2026-03-01", day({"critical": 1, "high": 3})),
        ("2026-03-03", day({"medium": 2, "low": 6})),
    ]
    return timeline(per_day, date(2026, 3, 1), date(2026, 3, 4))


def test_the_chart_is_one_image_with_a_title_and_a_description() -> None:
    buckets = sample()
    root = parse(stacked_bars(buckets, ident="t", title=chart_title(buckets), summary="S"))
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "t-title t-desc"
    assert root.findtext(f"{SVG}title") == "Warnings per day, 1 Mar 2026 to 4 Mar 2026"
    assert root.findtext(f"{SVG}desc") == "S"


def test_bars_stack_severities_in_proportion_critical_at_the_bottom() -> None:
    root = parse(stacked_bars(sample(), ident="t", title="T", summary="S"))
    first, second = bars_of(root)  # empty days draw nothing
    assert [r.get("class") for r in first] == ["sev-critical", "sev-high"]
    assert [r.get("class") for r in second] == ["sev-medium", "sev-low"]
    height = {r.get("class"): float(r.get("height", "0")) for r in first + second}
    assert height["sev-high"] == pytest.approx(3 * height["sev-critical"])
    assert height["sev-low"] == pytest.approx(3 * height["sev-medium"])
    # the highest bar (8) reaches the top gridline (8) exactly
    assert height["sev-medium"] + height["sev-low"] == pytest.approx(188 - 18)
    critical, high = first
    assert float(high.get("y", "0")) + height["sev-high"] == pytest.approx(
        float(critical.get("y", "0"))
    )


def test_each_bar_says_its_numbers_in_a_tooltip() -> None:
    root = parse(stacked_bars(sample(), ident="t", title="T", summary="S"))
    tips = [g.findtext(f"{SVG}title") for g in root.iter(f"{SVG}g")]
    assert tips == [
        "1 Mar 2026: 4 warnings (1 critical, 3 high)",
        "3 Mar 2026: 8 warnings (2 medium, 6 low)",
    ]


def test_the_chart_escapes_its_text() -> None:
    svg = stacked_bars(sample(), ident="t", title="<script>", summary="a & b")
    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg and "a &amp; b" in svg


def test_no_inline_styles_so_the_content_security_policy_holds() -> None:
    assert "style=" not in stacked_bars(sample(), ident="t", title="T", summary="S")
    assert "style=" not in meter(3, 7)


def test_the_summary_says_the_total_and_the_busiest_bucket() -> None:
    assert chart_summary(sample()) == (
        "12 warnings in total (1 critical, 3 high, 2 medium, 6 low). "
        "The busiest day was 3 Mar 2026, with 8."
    )
    assert chart_summary([]) == "No warnings in this period."


@pytest.mark.parametrize(
    ("value", "largest", "width"), [(3, 6, "50.00"), (0, 0, "0.00"), (9, 6, "100.00")]
)
def test_a_meter_is_a_share_of_the_largest(value: int, largest: int, width: str) -> None:
    fill = re.search(r'class="meter-fill" width="([\d.]+)"', meter(value, largest))
    assert fill is not None and fill.group(1) == width
    assert 'aria-hidden="true"' in meter(value, largest)
