"""The history page's filters: from the query string, to the history's HistoryFilter.

The form sends plain text (a GET form, so a filtered view is a link one can
keep). Values that do not fit are left out and the page says so in a sentence;
a filter is never refused with an error page, and a bad value is never echoed.
Dates are the person's own calendar days (this machine's time zone): "from" is
inclusive, "to" includes the whole day.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime, time, timedelta
from urllib.parse import urlencode

from ..history import HistoryFilter, normalise_site
from ..i18n import N_, _
from .labels import DECISIONS, KINDS, SEVERITY_FILTER

MAX_PAGE = 1_000_000


@dataclass(frozen=True, slots=True)
class Filters:
    """The filters as the form holds them ("" is "any"), already checked."""

    site: str = ""
    severity: str = ""
    kind: str = ""
    decision: str = ""
    date_from: str = ""  # YYYY-MM-DD
    date_to: str = ""
    ignored: tuple[str, ...] = ()  # sentences about values left out

    @classmethod
    def parse(cls, params: Mapping[str, str]) -> Filters:
        """The filters in `params` (a query string's values); what does not fit is
        left out, with a sentence in `ignored`."""
        ignored: list[str] = []
        values = {name: params.get(name, "").strip() for name in _FIELDS}
        site = values["site"]
        if site:
            try:
                values["site"] = normalise_site(site)
            except ValueError:
                values["site"] = ""
                ignored.append(_("The site filter is not a host name, so it was left out."))
        for name, allowed in _CHOICES.items():
            if values[name] and values[name] not in allowed:
                values[name] = ""
                ignored.append(_(_LEFT_OUT[name]))
        days = {}
        for name in ("date_from", "date_to"):
            try:
                days[name] = date.fromisoformat(values[name]) if values[name] else None
            except ValueError:
                values[name] = ""
                days[name] = None
                ignored.append(_(_LEFT_OUT[name]))
        start, end = days["date_from"], days["date_to"]
        if start is not None and end is not None and start > end:
            values["date_from"], values["date_to"] = values["date_to"], values["date_from"]
            ignored.append(_("The “from” date was after the “to” date, so they were swapped."))
        return cls(**values, ignored=tuple(ignored))

    @property
    def active(self) -> bool:
        """Whether any filter narrows the history."""
        return any(getattr(self, name) for name in _FIELDS)

    def history_filter(self) -> HistoryFilter:
        """The history's filter for these values (dates as local midnights)."""
        until = None
        if self.date_to:
            until = local_midnight(date.fromisoformat(self.date_to) + timedelta(days=1))
        return HistoryFilter(
            site=self.site or None,
            severity=self.severity or None,
            kind=self.kind or None,
            decision=self.decision or None,
            since=local_midnight(date.fromisoformat(self.date_from)) if self.date_from else None,
            until=until,
        )

    def query(self, **extra: object) -> str:
        """The query string for these filters (and `extra`, e.g. page=2), for links."""
        pairs = [(name, getattr(self, name)) for name in _FIELDS if getattr(self, name)]
        pairs += [(name, str(value)) for name, value in extra.items() if value is not None]
        return urlencode(pairs)


def parse_page(value: str | None) -> int:
    """The page number asked for; 1 when it is missing or not a positive number."""
    try:
        page = int(value or "1")
    except ValueError:
        return 1
    return min(max(page, 1), MAX_PAGE)


def local_midnight(day: date) -> datetime:
    """The start of `day` in this machine's time zone, as an aware datetime."""
    return datetime.combine(day, time()).astimezone()


_FIELDS = tuple(f.name for f in fields(Filters) if f.name != "ignored")
_CHOICES: dict[str, Mapping[str, str]] = {
    "severity": SEVERITY_FILTER,
    "kind": KINDS,
    "decision": DECISIONS,
}
# What the page says about a value it left out, per field.
_LEFT_OUT = {
    "severity": N_("The severity filter has an unknown value; it was left out."),
    "kind": N_("The kind of finding filter has an unknown value; it was left out."),
    "decision": N_("The decision filter has an unknown value; it was left out."),
    "date_from": N_("The “from” date is not a date, so it was left out."),
    "date_to": N_("The “to” date is not a date, so it was left out."),
}
