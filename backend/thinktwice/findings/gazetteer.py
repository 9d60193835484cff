"""The nearest named place to a position, from an offline gazetteer.

The index in `places/` holds the GeoNames places with 1 000+ inhabitants, their
first-level region and country; nothing leaves the machine. It is read on the
first lookup (or on `load()` when a service starts): mapped, not copied, so
loading it costs well under a millisecond; no SciPy or NumPy.

A place is named with what makes it findable: "Comillas, Madrid, Spain" (the
district, the city it lies in, the country) or "Vanves, Île-de-France, France"
(the town, its region, the country).
"""

from __future__ import annotations

import mmap
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..i18n.formats import territory
from .places.index import REACH_KM, Index

INDEX_FILE = Path(__file__).with_name("places") / "places.bin"
# Where people name a region rather than the country ("Brooklyn, New York").
STATE_INSTEAD_OF_COUNTRY = frozenset({"US", "CA", "AU"})
# A place covers at least this much around its point, however few live there.
MIN_REACH_KM = 1.0
# A city big enough to name the places inside it (about 100 000 people and more).
CITY_REACH_KM = 1.1
# No place in the index reaches further than this (the reach column's maximum).
MAX_REACH_KM = 255 * REACH_KM


@dataclass(frozen=True, slots=True)
class Place:
    """A named place near a position and how far the position is from it.

    `area` is the city the position lies in when that is not the place itself,
    else the place's region (empty when the region is already `region`, or the
    same name); `inside` says the position is within the place or that city.
    """

    city: str
    area: str
    region: str
    distance_km: float
    inside: bool = False

    @property
    def name(self) -> str:
        """The coarse name the dialog and the history show, e.g. "Vanves, Île-de-France, France"."""
        parts: list[str] = []
        for part in (self.city, self.area, self.region):
            if part and part.casefold() not in (p.casefold() for p in parts):
                parts.append(part)
        return ", ".join(parts)


def load() -> None:
    """Load the gazetteer now rather than on the first lookup."""
    _index()


def nearest(latitude: float, longitude: float) -> Place | None:
    """The nearest known place, or None when the gazetteer cannot be used."""
    try:
        index = _index()
    except (OSError, ValueError):  # a broken install must cost the place name, not the finding
        return None
    hit = index.nearest(latitude, longitude)
    if hit is None or not index.names[hit.index]:
        return None
    i = hit.index
    code, country = index.countries[index.country_ids[i]].split("\t", 1)
    region = index.regions[index.region_ids[i]]
    if code in STATE_INSTEAD_OF_COUNTRY and region:
        region, country = "", region
    else:
        country = territory(code, country)
    city = _enclosing_city(index, latitude, longitude, nearest_place=i)
    inside = city is not None or hit.distance_km <= max(MIN_REACH_KM, index.reach[i] * REACH_KM)
    return Place(
        city=index.names[i],
        area=index.names[city] if city is not None else region,
        region=country,
        distance_km=hit.distance_km,
        inside=inside,
    )


def _enclosing_city(
    index: Index, latitude: float, longitude: float, nearest_place: int
) -> int | None:
    """The biggest city whose reach covers the position, other than the nearest place.

    A city of the nearest place's own name (Lyon around its district "Lyon 01")
    adds nothing, so it does not count.
    """
    covering = [
        hit.index
        for hit in index.within(latitude, longitude, MAX_REACH_KM)
        if index.names[hit.index] != index.names[nearest_place]
        and index.reach[hit.index] * REACH_KM >= CITY_REACH_KM
        and hit.distance_km <= index.reach[hit.index] * REACH_KM
    ]
    return max(covering, key=lambda i: index.reach[i], default=None)


@cache
def _index() -> Index:
    # Mapped read-only for the life of the process: the pages a lookup touches are read.
    with INDEX_FILE.open("rb") as file:
        return Index(mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ))
