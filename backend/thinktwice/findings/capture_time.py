"""Time: when the photo was taken (or created, or last saved), with its UTC offset.

Files write times many ways: EXIF "2024:03:14 18:02:11" with the offset in a
separate tag, XMP "2024-03-14T18:02:11+01:00" (or just "2024-03"), IPTC a date
and a time apart ("20240314", "180211+0100"), GPS a UTC date and three numbers,
PNG an e-mail style date ("Thu, 14 Mar 2024 18:02:11 +0100"). A value that does
not parse is still reported, quoted as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time, timedelta

from ..i18n import N_, _
from ..i18n.formats import clock, long_date, month_year
from ..models import Finding, Kind, Metadata, Severity
from ..records import Tag
from .rule import Context, TagTable, evidence, number, quote, text
from .tables import TIME_EVIDENCE, TIME_SOURCES, TimeSource

# The sentence for each TimeSource verb (tables.py).
SENTENCES = {
    "taken": N_("It shows when it was taken: {when}."),
    "filmed": N_("It shows when it was filmed: {when}."),
    "created": N_("It shows when it was created: {when}."),
    "last saved": N_("It shows when it was last saved: {when}."),
}
_DATE = re.compile(
    r"^(?P<y>\d{4})(?:[:/.-]?(?P<m>\d\d)(?:[:/.-]?(?P<d>\d\d))?)?"
    r"(?:[ T](?P<time>\d\d:?\d\d(?::?\d\d(?:[.,]\d+)?)?)?\s*(?P<tz>Z|[+-]\d\d:?\d\d)?)?$"
)
_TIME = re.compile(
    r"^(?P<h>\d\d):?(?P<m>\d\d)(?::?(?P<s>\d\d)(?:[.,]\d+)?)?\s*(?P<tz>Z|[+-]\d\d:?\d\d)?$"
)
_OFFSET = re.compile(r"^(?:Z|(?P<sign>[+-])(?P<h>\d\d):?(?P<m>\d\d))$")


@dataclass(frozen=True, slots=True)
class When:
    """A point in time as precise as the file says: maybe no day, no time, no offset."""

    day: date
    precision: str  # "year", "month" or "day"
    clock: time | None = None
    offset: timedelta | None = None

    def __str__(self) -> str:
        # In the current language: "14 March 2024, 18:02 (UTC+01:00)", "14 de marzo de 2024"...
        if self.precision == "year":
            return str(self.day.year)
        if self.precision == "month":
            return month_year(self.day)
        if self.clock is None:
            return long_date(self.day)
        moment = clock(self.clock)
        if self.offset is not None:
            moment = f"{moment} ({utc_offset(self.offset)})"
        return _("{date}, {time}").format(date=long_date(self.day), time=moment)


def capture_time(metadata: Metadata, context: Context) -> list[Finding]:
    """When the photo was taken, from the most telling time the file records."""
    shown: list[Tag] = []
    sentence = raw = None
    for source in TIME_SOURCES:
        dates = _filled(source.date, context)
        if not dates:
            continue
        times, offsets = _filled(source.time, context), _filled(source.offset, context)
        tags = [*dates, *times, *offsets]
        shown += tags
        when = _when(source, dates, times, offsets)
        if sentence is None and when is not None:
            sentence = _(SENTENCES[source.verb]).format(when=when)
        if raw is None:
            raw = _(SENTENCES[source.verb]).format(when=quote(text(tags[0].value), 40))
    if not shown:
        return []
    extra = [t for t in TIME_EVIDENCE.select(context.tags) if not _blank(t.value)]
    message = sentence or raw or ""
    return [Finding(Kind.CAPTURE_TIME, Severity.MEDIUM, message, evidence([*shown, *extra]))]


def utc_offset(offset: timedelta) -> str:
    """The offset as people write it: "UTC", "UTC+01:00", "UTC-05:30"."""
    minutes = int(offset.total_seconds() // 60)
    if minutes == 0:
        return "UTC"
    sign = "+" if minutes > 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


def parse(value: str) -> When | None:
    """A date, or date and time, in any of the writings above; None if it does not parse."""
    match = _DATE.match(value.strip())
    if match is None:
        return _email_date(value)
    try:
        day = date(int(match["y"]), int(match["m"] or 1), int(match["d"] or 1))
    except ValueError:
        return None
    precision = "day" if match["d"] else "month" if match["m"] else "year"
    clock, offset = None, parse_offset(match["tz"]) if match["tz"] else None
    if match["time"]:
        parsed = parse_time(match["time"])
        if parsed is None:
            return None
        clock = parsed[0]
    return When(day, precision, clock, offset)


def parse_time(value: object) -> tuple[time, timedelta | None] | None:
    """A time of day and its offset, from "18:02:11+01:00", "180211" or (18, 2, 11.0)."""
    if isinstance(value, tuple | list) and len(value) == 3:
        parts = [number(v) for v in value]
        if any(p is None for p in parts):
            return None
        h, m, s = (int(p or 0) for p in parts)
        return (_clock(h, m, s), None) if _valid(h, m, s) else None
    match = _TIME.match(text(value))
    if match is None:
        return None
    h, m, s = int(match["h"]), int(match["m"]), int(match["s"] or 0)
    if not _valid(h, m, s):
        return None
    return _clock(h, m, s), parse_offset(match["tz"]) if match["tz"] else None


def parse_offset(value: str) -> timedelta | None:
    """A UTC offset from "+01:00", "-0530" or "Z"."""
    match = _OFFSET.match(value.strip())
    if match is None:
        return None
    if not match["sign"]:
        return timedelta(0)
    minutes = int(match["h"]) * 60 + int(match["m"])
    if minutes > 14 * 60:  # real offsets run from -12:00 to +14:00
        return None
    return timedelta(minutes=minutes if match["sign"] == "+" else -minutes)


def _filled(table: TagTable | None, context: Context) -> list[Tag]:
    if table is None:
        return []
    return [tag for tag in table.select(context.tags) if not _blank(tag.value)]


def _when(
    source: TimeSource, dates: list[Tag], times: list[Tag], offsets: list[Tag]
) -> When | None:
    """The time `source` gives, from its first non-blank date, time and offset tags."""
    value = text(dates[0].value)
    when = parse(value) if value else None
    if when is None:
        return None
    if times and when.clock is None:
        parsed = parse_time(times[0].value)
        if parsed is not None:
            when = When(when.day, when.precision, parsed[0], parsed[1])
    if offsets and when.clock is not None:
        offset_text = text(offsets[0].value)
        offset = parse_offset(offset_text) if offset_text else None
        if offset is not None:
            when = When(when.day, when.precision, when.clock, offset)
    if source.utc and when.clock is not None:
        when = When(when.day, when.precision, when.clock, timedelta(0))
    return when


def _email_date(value: str) -> When | None:
    # PNG's Creation Time is an RFC 5322 date: read by the standard library, imported
    # only for one (a scan of anything else does not load the e-mail package).
    from email.utils import parsedate_to_datetime

    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return When(parsed.date(), "day", parsed.time().replace(microsecond=0), parsed.utcoffset())


def _blank(value: object) -> bool:
    # Cameras with an unset clock write zeros or spaces ("0000:00:00 00:00:00").
    shown = text(value) if not isinstance(value, tuple | list) else ",".join(map(str, value))
    return not any(c in "123456789" for c in shown)


def _valid(h: int, m: int, s: int) -> bool:
    return 0 <= h < 24 and 0 <= m < 60 and 0 <= s <= 60


def _clock(h: int, m: int, s: int) -> time:
    return time(h, m, min(s, 59))
