"""What each page shows, computed from the history: plain records for the templates.

The builders take an open History and run on the history's own thread; they
never render. Their words are in the request's language. Times are shown in this
machine's time zone (the dashboard runs on the machine it describes). Nothing
here can show a position: the history keeps place names only, and these records
carry nothing but what it keeps.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlencode

from babel.numbers import format_percent
from markupsafe import Markup

from ..history import NO_SITE, UNDECIDED, Decision, History, HistoryFilter, Inspection
from ..i18n import N_, _, ngettext
from ..i18n.formats import clock, decimal, locale, short_date
from ..units import size_label
from .charts import Bucket, chart_summary, chart_title, meter, stacked_bars, timeline
from .filters import Filters, local_midnight
from .labels import (
    DECISIONS,
    DEFAULT_RANGE,
    FORMATS,
    KINDS,
    RANGES,
    VERDICTS,
    VIDEO_FORMATS,
    label,
    site_label,
)

PER_PAGE = 50
RECENT = 5
TOP_SITES = 8
MAX_SITE_CHOICES = 200
# The overview's cards of what people chose: decision -> card title.
CHOICE_CARDS = {
    Decision.SENT_CLEANED: N_("Sent cleaned"),
    Decision.SENT_ORIGINAL: N_("Sent original"),
}
# A table's first column heading for the chart's unit.
UNIT_HEADINGS = {"day": N_("Day"), "week": N_("Week"), "month": N_("Month")}
TABLE_CAPTIONS = {
    "day": N_("Warnings per day, by severity"),
    "week": N_("Warnings per week, by severity"),
    "month": N_("Warnings per month, by severity"),
}


def when(moment: datetime) -> str:
    """A time as people read it, in local time: "3 Mar 2026, 14:02"."""
    local = moment.astimezone()
    return _("{date}, {time}").format(date=short_date(local.date()), time=clock(local.time()))


@dataclass(frozen=True, slots=True)
class FindingView:
    """One finding as listed: its kind and severity in words, and its sentence."""

    kind: str
    severity: str
    severity_label: str
    message: str


@dataclass(frozen=True, slots=True)
class Row:
    """One past inspection, ready to show."""

    id: str
    when: str
    when_iso: str
    site: str
    has_site: bool  # False when `site` is the phrase saying none was recorded
    file_type: str
    medium: str  # "photo" or "video"
    title: str  # "Photo checked 3 Mar 2026, 14:02"
    described: str  # "A JPEG image", "An MP4 video"
    size: str
    verdict: str
    verdict_label: str
    found: str  # the kinds found, in words
    findings: tuple[FindingView, ...]
    decision: str
    decision_label: str
    decided: str

    @classmethod
    def of(cls, row: Inspection) -> Row:
        """The inspection in words."""
        kinds = [label(KINDS, f.kind) for f in row.findings]
        file_type = label(FORMATS, row.format)
        video = row.format in VIDEO_FORMATS
        moment = when(row.created_at)
        if video:
            title = _("Video checked {when}").format(when=moment)
        else:
            title = _("Photo checked {when}").format(when=moment)
        return cls(
            id=row.id,
            when=moment,
            when_iso=row.created_at.astimezone(UTC).isoformat(timespec="seconds"),
            site=site_label(row.site),
            has_site=bool(row.site) and row.site != NO_SITE,
            file_type=file_type,
            medium="video" if video else "photo",
            title=title,
            described=_described(file_type, video),
            size=size_label(row.size),
            verdict=row.verdict,
            verdict_label=label(VERDICTS, row.verdict),
            found=_(", ").join(dict.fromkeys(kinds)) or _("Nothing"),
            findings=tuple(
                FindingView(
                    label(KINDS, f.kind), f.severity, label(VERDICTS, f.severity), f.message
                )
                for f in row.findings
            ),
            decision=row.decision or "none",
            decision_label=label(DECISIONS, row.decision),
            decided=when(row.decided_at) if row.decided_at is not None else "",
        )


@dataclass(frozen=True, slots=True)
class Count:
    """One line of a list with bars: what, how many, its bar, and a link to those rows."""

    label: str
    count: int
    bar: Markup
    href: str


@dataclass(frozen=True, slots=True)
class HistoryView:
    """The history page: one page of rows, the filters, and what the form offers."""

    filters: Filters
    rows: tuple[Row, ...]
    total: int
    page: int
    pages: int
    first: int
    last: int
    sites: tuple[str, ...]
    everything: int  # rows in the whole history: 0 shows the empty state
    retention_days: int


def history_page(history: History, filters: Filters, page: int) -> HistoryView:
    """The rows of `page` under `filters`, newest first."""
    found = history.query(filters.history_filter(), page, PER_PAGE)
    known = history.stats()
    sites = tuple(s for s in known.per_site if s != NO_SITE)[:MAX_SITE_CHOICES]
    if filters.site and filters.site not in sites:
        sites = (filters.site, *sites)
    first = (page - 1) * PER_PAGE + 1
    return HistoryView(
        filters=filters,
        rows=tuple(Row.of(r) for r in found.items),
        total=found.total,
        page=page,
        pages=max(1, math.ceil(found.total / PER_PAGE)),
        first=first,
        last=first + len(found.items) - 1,
        sites=sites,
        everything=known.total,
        retention_days=history.retention_days,
    )


@dataclass(frozen=True, slots=True)
class Card:
    """A figure at the top of the overview."""

    title: str
    value: str
    note: str


@dataclass(frozen=True, slots=True)
class Overview:
    """The overview page for one period."""

    range_key: str
    cards: tuple[Card, ...]
    chart: Markup | None
    buckets: tuple[Bucket, ...]  # the chart's numbers, for its table
    unit_heading: str  # the table's first heading: "Day", "Week" or "Month"
    table_caption: str
    kinds: tuple[Count, ...]
    sites: tuple[Count, ...]
    choices: tuple[Count, ...]
    recent: tuple[Row, ...]
    total: int
    everything: int  # rows in the whole history: 0 shows the empty state
    retention_days: int


def overview(history: History, range_key: str, now: datetime) -> Overview:
    """Totals, the chart, kinds, sites and choices over the period `range_key`."""
    range_key = range_key if range_key in RANGES else DEFAULT_RANGE
    days = RANGES[range_key][0]
    today = now.astimezone().date()
    since = None if days is None else local_midnight(today - timedelta(days=days - 1))
    wanted = HistoryFilter(since=since)
    stats = history.stats(wanted)
    everything = stats.total if since is None else history.count()
    buckets: list[Bucket] = []
    if stats.per_day:
        first = since.astimezone(UTC).date() if since else date.fromisoformat(stats.per_day[0][0])
        last = max(now.astimezone(UTC).date(), date.fromisoformat(stats.per_day[-1][0]))
        buckets = timeline(stats.per_day, first, last)
    unit = buckets[0].unit if buckets else "day"
    chart = None
    if stats.warnings:
        title, summary = chart_title(buckets), chart_summary(buckets)
        chart = stacked_bars(buckets, ident="timeline", title=title, summary=summary)
    recent = history.query(HistoryFilter(since=since, severity="low"), 1, RECENT).items
    period = {} if since is None else {"date_from": f"{since.date():%Y-%m-%d}"}
    return Overview(
        range_key=range_key,
        cards=_cards(
            stats.total,
            stats.warnings,
            stats.per_decision,
            sum(n for format, n in stats.per_format.items() if format in VIDEO_FORMATS),
        ),
        chart=chart,
        buckets=tuple(b for b in buckets if b.total),
        unit_heading=_(UNIT_HEADINGS[unit]),
        table_caption=_(TABLE_CAPTIONS[unit]),
        kinds=_counts(stats.per_kind, KINDS, "kind", period),
        sites=_counts(dict(list(stats.per_site.items())[:TOP_SITES]), {}, "site", period),
        choices=_counts(stats.per_decision, DECISIONS, "decision", period),
        recent=tuple(Row.of(r) for r in recent),
        total=stats.total,
        everything=everything,
        retention_days=history.retention_days,
    )


def _described(file_type: str, video: bool) -> str:
    """ "A JPEG image", "An MP4 video" ('An' before a letter said with a vowel sound)."""
    if file_type[:1] in "AEFILMNORSX":
        sentence = _("An {format} video") if video else _("An {format} image")
    else:
        sentence = _("A {format} video") if video else _("A {format} image")
    return sentence.format(format=file_type)


def _cards(
    total: int, warnings: int, decisions: Mapping[str, int], videos: int = 0
) -> tuple[Card, ...]:
    share = (
        _("{share} of the images checked").format(share=_percent(warnings / total))
        if total
        else _("none yet")
    )
    decided = sum(n for d, n in decisions.items() if d != UNDECIDED)
    if videos:
        sent = ngettext(
            "before they were sent ({n} video)", "before they were sent ({n} videos)", videos
        ).format(n=decimal(videos))
    else:
        sent = _("before they were sent")
    cards = [
        Card(_("Images checked"), decimal(total), sent),
        Card(_("Warnings"), decimal(warnings), share),
    ]
    for decision, title in CHOICE_CARDS.items():
        n = decisions.get(decision, 0)
        note = (
            _("{share} of the choices made").format(share=_percent(n / decided))
            if decided
            else _("no choices yet")
        )
        cards.append(Card(_(title), decimal(n), note))
    return tuple(cards)


def _percent(share: float) -> str:
    """ "42%", "42 %" (French), in the current language."""
    return format_percent(share, locale=locale())


def _counts(
    counts: Mapping[str, int], words: Mapping[str, str], name: str, period: Mapping[str, str]
) -> tuple[Count, ...]:
    """Lines with bars, each linking to the history filtered on it (in the same period)."""
    largest = max(counts.values(), default=0)
    out = []
    for key, n in counts.items():
        if name == "site":
            text, value = site_label(key), ("" if key == NO_SITE else key)
        elif name == "decision":
            value = "none" if key == UNDECIDED else key
            text = label(words, value)
        else:
            text, value = label(words, key), key
        href = "/history?" + urlencode({name: value, **period}) if value else ""
        out.append(Count(text, n, meter(n, largest), href))
    return tuple(out)
