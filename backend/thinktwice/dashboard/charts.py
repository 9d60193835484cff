"""Charts as inline SVG, drawn in Python: nothing to load, nothing fetched, works offline.

- `timeline()` groups the history's per-day counts into days, weeks or months
  (by how long the period is) and `stacked_bars()` draws them, stacked by
  severity. The SVG has no viewBox: bar positions and widths are percentages of
  its width and heights are pixels, so it fills any width while its text keeps
  its size (a scaled viewBox would shrink the labels to nothing at phone width).
  It is one image to assistive technology (role="img", a <title> and a <desc>
  that say what it shows); the page gives the same numbers as a table.
- `meter()` is the small bar beside a count in the lists (kinds, sites, choices).

Colours come from CSS classes (`sev-high`...), so light and dark themes and the
Content-Security-Policy (no inline styles) both hold. Every piece of text is escaped.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup, escape

from ..i18n import N_, _
from ..i18n.formats import day_month, decimal, month_year, short_date, short_month_year
from .labels import WARNING_SEVERITIES, warnings

# Periods up to this many days are drawn per day, up to the next per week, then per month.
DAYS_UP_TO = 62
WEEKS_UP_TO = 730
HEIGHT = 220  # pixels
PLOT_TOP, PLOT_BOTTOM = 18.0, 188.0
TICK_BASELINE = 210.0
GUTTER = 4.0  # percent of the width left of the first bar, for the value labels
BAR_SHARE = 0.72  # of each slot; the rest is the gap between bars
MAX_BAR = 4.0  # percent: a few bars on a wide screen stay bars, not blocks
MAX_TICKS = 7
CHART_TITLES = {
    "day": N_("Warnings per day, {first} to {last}"),
    "week": N_("Warnings per week, {first} to {last}"),
    "month": N_("Warnings per month, {first} to {last}"),
}
BUSIEST = {
    "day": N_("The busiest day was {when}, with {n}."),
    "week": N_("The busiest week was the week of {when}, with {n}."),
    "month": N_("The busiest month was {when}, with {n}."),
}
# Severities inside a sentence ("1 critical, 4 high").
SEVERITY_WORDS = {
    "info": N_("info"), "low": N_("low"), "medium": N_("medium"), "high": N_("high"),
    "critical": N_("critical"),
}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Bucket:
    """One bar: a day, a week (from Monday) or a month, and its counts per severity."""

    start: date
    unit: str  # "day", "week" or "month"
    counts: Mapping[str, int]

    @property
    def total(self) -> int:
        """Warnings in this bucket, every severity together."""
        return sum(self.counts.get(s, 0) for s in WARNING_SEVERITIES)

    @property
    def tick(self) -> str:
        """The short label under the bar: "3 Mar", or "Mar 2026" for a month."""
        if self.unit == "month":
            return short_month_year(self.start)
        return day_month(self.start)

    @property
    def label(self) -> str:
        """The bucket in words: "3 Mar 2026", "week of 3 Mar 2026", "March 2026"."""
        if self.unit == "month":
            return month_year(self.start)
        day = short_date(self.start)
        return _("week of {date}").format(date=day) if self.unit == "week" else day

    @property
    def span_label(self) -> str:
        """The bucket's first day, or its month: "3 Mar 2026", "March 2026"."""
        return month_year(self.start) if self.unit == "month" else short_date(self.start)

    def describe(self) -> str:
        """The bar's tooltip: "3 Mar 2026: 5 warnings (1 critical, 4 high)"."""
        parts = [_severities(s, self.counts[s]) for s in WARNING_SEVERITIES if self.counts.get(s)]
        detail = f" ({_(', ').join(parts)})" if parts else ""
        return f"{self.label}: {warnings(self.total)}{detail}"


def unit_for(first: date, last: date) -> str:
    """How finely a period this long is drawn: "day", "week" or "month"."""
    days = (last - first).days + 1
    if days <= DAYS_UP_TO:
        return "day"
    return "week" if days <= WEEKS_UP_TO else "month"


def _start_of(day: date, unit: str) -> date:
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return day


def _next(start: date, unit: str) -> date:
    if unit == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start + timedelta(days=7 if unit == "week" else 1)


def timeline(
    per_day: Sequence[tuple[str, Mapping[str, int]]], first: date, last: date
) -> list[Bucket]:
    """Buckets covering `first`..`last` (every one, empty ones too) from the history's
    per-day counts ("YYYY-MM-DD" -> counts per verdict); days outside are left out."""
    if last < first:
        raise ValueError(f"the period ends ({last}) before it starts ({first})")
    unit = unit_for(first, last)
    sums: dict[date, dict[str, int]] = {}
    for text, counts in per_day:
        day = date.fromisoformat(text)
        if first <= day <= last:
            into = sums.setdefault(_start_of(day, unit), {})
            for severity in WARNING_SEVERITIES:
                into[severity] = into.get(severity, 0) + counts.get(severity, 0)
    buckets = []
    start = _start_of(first, unit)
    while start <= last:
        counts = sums.get(start, {})
        buckets.append(Bucket(start, unit, {s: counts.get(s, 0) for s in WARNING_SEVERITIES}))
        start = _next(start, unit)
    return buckets


def axis_ticks(largest: int) -> list[int]:
    """Gridline values from 0: a step of 1, 2 or 5 times a power of ten, 2 to 5 lines."""
    if largest <= 0:
        return [0, 1]
    rough = largest / 4
    power = 10 ** math.floor(math.log10(rough)) if rough >= 1 else 1
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= rough)
    top = step * math.ceil(largest / step)
    return list(range(0, top + 1, step))


def tick_indexes(count: int) -> tuple[list[int], set[int]]:
    """Which bars get a label, and which of those stay on narrow screens.

    Evenly spaced, counted back from the latest bar (the one people look for),
    at most MAX_TICKS of them; on narrow screens every other one, latest kept.
    """
    if count <= 0:
        return [], set()
    step = math.ceil(count / MAX_TICKS)
    picked = list(range(count - 1, -1, -step))[::-1]
    return picked, set(picked[::-2])


def _pct(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") + "%"


def _px(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".")


def stacked_bars(buckets: Sequence[Bucket], *, ident: str, title: str, summary: str) -> Markup:
    """An SVG bar per bucket, its severities stacked (critical at the bottom).

    `ident` makes the element ids unique on the page; `title` and `summary` are
    what assistive technology reads for the whole chart.
    """
    ticks = axis_ticks(max((b.total for b in buckets), default=0))
    top = ticks[-1]
    height = PLOT_BOTTOM - PLOT_TOP
    slot = (100 - GUTTER) / max(len(buckets), 1)
    width = min(slot * BAR_SHARE, MAX_BAR)
    out = [
        f'<svg class="chart" width="100%" height="{HEIGHT}" role="img" '
        f'aria-labelledby="{ident}-title {ident}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{ident}-title">{escape(title)}</title>',
        f'<desc id="{ident}-desc">{escape(summary)}</desc>',
    ]
    for value in ticks:
        y = _px(PLOT_BOTTOM - value / top * height)
        line = "axis" if value == 0 else "grid"
        out.append(f'<line class="{line}" x1="0" x2="100%" y1="{y}" y2="{y}"/>')
        if value:
            out.append(f'<text class="value" x="0" y="{_px(float(y) - 4)}">{value:,}</text>')
    for i, bucket in enumerate(buckets):
        if not bucket.total:
            continue
        x = _pct(GUTTER + i * slot + (slot - width) / 2)
        out.append(f'<g class="bar"><title>{escape(bucket.describe())}</title>')
        base = PLOT_BOTTOM
        for severity in WARNING_SEVERITIES:
            n = bucket.counts.get(severity, 0)
            if not n:
                continue
            h = n / top * height
            base -= h
            out.append(
                f'<rect class="sev-{severity}" x="{x}" y="{_px(base)}" '
                f'width="{_pct(width)}" height="{_px(h)}"/>'
            )
        out.append("</g>")
    picked, kept = tick_indexes(len(buckets))
    for i in picked:
        center = GUTTER + (i + 0.5) * slot
        anchor = "start" if i == 0 else "end" if i == len(buckets) - 1 else "middle"
        x = _pct(GUTTER if anchor == "start" else 100 if anchor == "end" else center)
        minor = "" if i in kept else " tick-minor"
        out.append(
            f'<text class="tick{minor}" x="{x}" y="{TICK_BASELINE:g}" '
            f'text-anchor="{anchor}">{escape(buckets[i].tick)}</text>'
        )
    out.append("</svg>")
    return Markup("".join(out))


def chart_title(buckets: Sequence[Bucket]) -> str:
    """The chart's name: "Warnings per day, 1 Mar 2026 to 30 Mar 2026"."""
    if not buckets:
        return _("Warnings")
    unit = buckets[0].unit
    first, last = buckets[0].span_label, buckets[-1].span_label
    return _(CHART_TITLES[unit]).format(first=first, last=last)


def chart_summary(buckets: Sequence[Bucket]) -> str:
    """What the chart shows in a sentence or two, for people who cannot see it."""
    total = sum(b.total for b in buckets)
    if not total:
        return _("No warnings in this period.")
    busiest = max(buckets, key=lambda b: b.total)
    per = {s: sum(b.counts.get(s, 0) for b in buckets) for s in WARNING_SEVERITIES}
    parts = _(", ").join(_severities(s, n) for s, n in per.items() if n)
    overall = _("{warnings} in total ({severities}).").format(
        warnings=warnings(total), severities=parts
    )
    busy = _(BUSIEST[busiest.unit]).format(when=busiest.span_label, n=decimal(busiest.total))
    return f"{overall} {busy}"


def _severities(severity: str, n: int) -> str:
    """ "4 high": a count of one severity inside a sentence."""
    return f"{decimal(n)} {_(SEVERITY_WORDS[severity])}"


def meter(value: int, largest: int) -> Markup:
    """A small horizontal bar, `value` out of `largest`; decorative (the number is beside it)."""
    share = 0.0 if largest <= 0 else max(0.0, min(1.0, value / largest))
    return Markup(
        '<svg class="meter" viewBox="0 0 100 8" preserveAspectRatio="none" '
        'aria-hidden="true" focusable="false">'
        '<rect class="meter-track" width="100" height="8"/>'
        f'<rect class="meter-fill" width="{share * 100:.2f}" height="8"/></svg>'
    )
