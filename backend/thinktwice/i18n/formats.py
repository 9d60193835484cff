"""Numbers and dates the way the current language writes them (Babel's CLDR data).

English keeps the writing the sentences always had ("14 March 2024", "1,204"):
British order, which reads unambiguously everywhere. The findings' English is
written by Python itself: loading Babel and its CLDR data costs a one-photo
`thinktwice scan` about 40 ms of its 150 ms goal, so other languages load it.
"""

from __future__ import annotations

import functools
from datetime import date, time
from typing import TYPE_CHECKING

from . import SOURCE, current

if TYPE_CHECKING:
    from babel import Locale

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip

_LOCALES = {"en": "en_GB", "es": "es_ES", "fr": "fr_FR", "de": "de_DE"}


def locale() -> Locale:
    """The Babel locale of the current language."""
    return _parsed(_LOCALES.get(current(), "en_GB"))


@functools.cache
def _parsed(name: str) -> Locale:
    from babel import Locale

    return Locale.parse(name)


def territory(code: str, english: str) -> str:
    """The country `code` (ISO 3166) names, in the current language: `english` (the
    gazetteer's own name) in English, CLDR's elsewhere ("Corea del Sur")."""
    if current() == SOURCE:
        return english
    return str(locale().territories.get(code, english))


def decimal(value: float, digits: int = 0) -> str:
    """`value` with the language's grouping and decimal mark: "1,204", "1.204", "1 204"."""
    if current() == SOURCE:
        return f"{value:,.{digits}f}"
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=locale())


def long_date(day: date) -> str:
    """ "14 March 2024", "14 de marzo de 2024", "14 mars 2024", "14. März 2024"."""
    if current() == SOURCE:
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    from babel.dates import format_date

    return format_date(day, "long", locale=locale())


def month_year(day: date) -> str:
    """ "March 2024", "marzo de 2024", "mars 2024", "März 2024"."""
    if current() == SOURCE:
        return f"{MONTHS[day.month - 1]} {day.year}"
    from babel.dates import format_skeleton

    return format_skeleton("yMMMM", day, locale=locale())


def short_date(day: date) -> str:
    """ "14 Mar 2024", "14 mar 2024"...: dates in tables and charts."""
    from babel.dates import format_skeleton

    return format_skeleton("yMMMd", day, locale=locale())


def day_month(day: date) -> str:
    """ "3 Mar": a chart's bar label."""
    from babel.dates import format_skeleton

    return format_skeleton("MMMd", day, locale=locale())


def short_month_year(day: date) -> str:
    """ "Mar 2026": a month's bar label."""
    from babel.dates import format_skeleton

    return format_skeleton("yMMM", day, locale=locale())


def clock(moment: time) -> str:
    """A time of day on the 24-hour clock: "18:02"."""
    if current() == SOURCE:
        return f"{moment.hour:02d}:{moment.minute:02d}"
    from babel.dates import format_time

    return format_time(moment, "HH:mm", locale=locale())
