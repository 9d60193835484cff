"""GPS positions out of tags, whatever way the file writes them.

EXIF keeps degrees, minutes and seconds as three numbers with the hemisphere in
a separate "Ref" tag; XMP writes one string, "48,49.314N" or "48,49,18.84N";
others write signed decimal degrees or rationals as text ("48/1, 49/1, 1884/100").
A position is only usable when both halves parse and are in range; (0, 0) is
what many devices write when they had no fix, so it counts as no position.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..records import Tag
from .rule import NUMBER, number, rational, text
from .tables import COORDINATE_PAIRS, PRECISION_NAMES

_WORDS = r"(?:orth|outh|ast|est)?"
_HEMISPHERE = re.compile(rf"(?i)^\s*([NSEW]){_WORDS}\b|([NSEW]){_WORDS}\s*$")
NEGATIVE_HEMISPHERES = frozenset("SW")
MAX_DIGITS = 7  # about 1 cm: more than any receiver knows
LIMITS = (90.0, 180.0)  # latitude, longitude


@dataclass(frozen=True, slots=True)
class Coordinate:
    """One half of a position in signed decimal degrees, with the digits the file justifies."""

    degrees: float
    digits: int

    def __str__(self) -> str:
        shown = f"{self.degrees:.{self.digits}f}"
        return shown.rstrip("0").rstrip(".") if "." in shown else shown


@dataclass(frozen=True, slots=True)
class Fix:
    """A position found in one group of tags, and the tags that say it."""

    group: str
    latitude: Coordinate | None
    longitude: Coordinate | None
    precision_m: float | None
    tags: tuple[Tag, ...]
    names: tuple[str, str]  # the latitude and longitude tag names

    def shown(self, tag: Tag) -> str | None:
        """A coordinate tag's value as decimal degrees; None for the other tags."""
        halves = dict(zip(self.names, (self.latitude, self.longitude), strict=True))
        half = halves.get(tag.name)
        return str(half) if half is not None else None

    @property
    def usable(self) -> bool:
        """Both halves valid and not the (0, 0) "no fix" placeholder."""
        if self.latitude is None or self.longitude is None:
            return False
        return (self.latitude.degrees, self.longitude.degrees) != (0.0, 0.0)


def fixes(tags: list[Tag]) -> list[Fix]:
    """Every position written in `tags`, usable or not, in table then tag order."""
    by_group: dict[str, dict[str, Tag]] = {}
    for tag in tags:
        by_group.setdefault(tag.group, {}).setdefault(tag.name, tag)
    found = []
    for lat_name, lon_name in COORDINATE_PAIRS:
        for group, named in by_group.items():
            if lat_name in named and lon_name in named:
                found.append(_fix(group, named, lat_name, lon_name))
    return found


def _fix(group: str, named: dict[str, Tag], lat_name: str, lon_name: str) -> Fix:
    latitude = coordinate(named[lat_name].value, _value(named, lat_name + "Ref"), LIMITS[0])
    longitude = coordinate(named[lon_name].value, _value(named, lon_name + "Ref"), LIMITS[1])
    precision = next(
        (p for name in PRECISION_NAMES if (p := number(_value(named, name))) is not None), None
    )
    # Everything GPS-related in this group is evidence (altitude, direction, DOP...).
    related = tuple(
        tag for name, tag in named.items() if name in (lat_name, lon_name) or "GPS" in name
    )
    return Fix(
        group=group,
        latitude=latitude,
        longitude=longitude,
        precision_m=precision if precision is not None and precision > 0 else None,
        tags=related,
        names=(lat_name, lon_name),
    )


def _value(named: dict[str, Tag], name: str) -> object:
    tag = named.get(name)
    return tag.value if tag is not None else None


def coordinate(value: object, ref: object, limit: float) -> Coordinate | None:
    """Signed decimal degrees from any of the usual writings, or None when invalid."""
    parts, hemisphere = _parts(value)
    if not 1 <= len(parts) <= 3:
        return None
    numbers = [rational(p) if isinstance(p, str) else float(p) for p in parts]
    if not all(math.isfinite(n) for n in numbers) or any(not 0 <= n < 60 for n in numbers[1:]):
        return None
    magnitude = abs(numbers[0]) + sum(n / 60**i for i, n in enumerate(numbers[1:], 1))
    if magnitude > limit:
        return None
    ref_text = text(ref).strip().upper()
    negative = (
        numbers[0] < 0
        or hemisphere in NEGATIVE_HEMISPHERES
        or (ref_text[:1] in NEGATIVE_HEMISPHERES)
    )
    digits = min(MAX_DIGITS, 2 * (len(parts) - 1) + _decimals(parts[-1]))
    return Coordinate(-magnitude if negative else magnitude, digits)


def _parts(value: object) -> tuple[list[str | float], str | None]:
    if isinstance(value, bool):
        return [], None
    if isinstance(value, int | float):
        return [float(value)], None
    if isinstance(value, tuple | list):
        parts: list[str | float] = []
        for item in value:
            if isinstance(item, int | float) and not isinstance(item, bool):
                parts.append(float(item))
            elif isinstance(item, str) and NUMBER.fullmatch(item.strip()):
                parts.append(item.strip())
            else:
                return [], None
        return parts, None
    if isinstance(value, str):
        hemisphere = _HEMISPHERE.search(value)
        letter = (hemisphere.group(1) or hemisphere.group(2)).upper() if hemisphere else None
        return list(NUMBER.findall(value)), letter
    return [], None


def _decimals(part: str | float) -> int:
    # How many decimals the file wrote: "18.84" -> 2, "1884/100" -> 2, 18.0 -> 0.
    if isinstance(part, float):
        shown = repr(part)
        return 0 if shown.endswith(".0") or "e" in shown else len(shown.split(".")[1])
    num, _, den = part.partition("/")
    if den:
        return len(den) - 1 if den.startswith("1") and set(den[1:]) <= {"0"} else 4
    return len(num.split(".")[1]) if "." in num else 0
