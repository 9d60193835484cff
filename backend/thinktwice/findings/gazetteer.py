"""The nearest named place to a position, from an offline gazetteer.

`reverse_geocode` ships the GeoNames list of places with 1 000+ inhabitants and
answers with the nearest one; nothing leaves the machine. Loading its data takes
about 0.4 s and pulls in SciPy, so it happens on the first lookup (or on `load()`
when a service starts), never when this module is imported.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

EARTH_RADIUS_KM = 6371.0
# Where people name a region rather than the country ("Brooklyn, New York").
STATE_INSTEAD_OF_COUNTRY = frozenset({"US", "CA", "AU"})
# GeoNames splits some cities into numbered districts ("Lyon 01"): people say "Lyon".
_DISTRICT_NUMBER = re.compile(r"\s+\d{1,2}(?:e|er)?$")


@dataclass(frozen=True, slots=True)
class Place:
    """A named place near a position and how far the position is from it."""

    city: str
    region: str
    distance_km: float

    @property
    def name(self) -> str:
        """The coarse name the dialog and the history show, e.g. "Vanves, France"."""
        return f"{self.city}, {self.region}" if self.region else self.city


def load() -> None:
    """Load the gazetteer now rather than on the first lookup."""
    nearest(0.0, 0.0)


def nearest(latitude: float, longitude: float) -> Place | None:
    """The nearest known place, or None when the gazetteer cannot be used."""
    try:
        found: dict[str, Any] = dict(_geocoder().get((latitude, longitude)))
    except Exception:  # a broken install must cost the place name, not the finding
        return None
    city = _DISTRICT_NUMBER.sub("", str(found.get("city") or ""))
    if not city:
        return None
    if found.get("country_code") in STATE_INSTEAD_OF_COUNTRY and found.get("state"):
        region = str(found["state"])
    else:
        region = str(found.get("country") or "")
    distance = _distance_km(latitude, longitude, found["latitude"], found["longitude"])
    return Place(city=city, region=region, distance_km=distance)


@cache
def _geocoder() -> Any:
    import reverse_geocode  # heavy (SciPy + 0.4 s of data): only on first use

    return reverse_geocode


def _distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    # Haversine: good to a fraction of a percent, plenty for "about 40 km from".
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))
