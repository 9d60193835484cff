"""Location: where the photo was taken, or the video filmed (GPS), or which place it
names (IPTC/XMP).

One finding combines every source: a GPS position leads the sentence, named as
the nearest place in the offline gazetteer (a GeoTIFF's map coordinates give
the centre of the place it maps); place-name fields lead only when
there is no usable position. GPS fields that hold no usable position (all
zeros, the usual "no fix" value, or out-of-range numbers) are still reported, at
MEDIUM and without a place: the device did record location, and the next photo
may well hold a real one.
"""

from __future__ import annotations

from ..i18n import _
from ..i18n.formats import decimal
from ..models import Finding, Kind, Metadata, Severity
from ..records import Tag
from . import gazetteer
from .gps import Fix, fixes
from .rule import Context, evidence, key, put, show, table, texts, unique
from .tables import (
    ITEM_LIST,
    KEYS,
    LOCATION_EVIDENCE,
    MATROSKA,
    PLACE_LEVELS,
    PRECISE_PLACE_LEVELS,
    USER_DATA,
)

NEAR_KM = 20.0  # closer than this to the gazetteer's place reads "near X"
MAP_GROUP = "GeoTIFF"  # a map's centre (metadata/geotiff.py), not where a camera stood
MAP_SYSTEMS = table((MAP_GROUP, "CoordinateSystem"))


def location(metadata: Metadata, context: Context) -> list[Finding]:
    """Where the photo was taken, from GPS and place-name fields."""
    found = fixes(context.tags)
    usable = [fix for fix in found if fix.usable]
    named = _named_places(context.tags)
    maps = MAP_SYSTEMS.select(context.tags)
    if not found and not named and not maps:
        return []
    details: dict[str, str] = {}
    for fix in found:
        for tag in fix.tags:
            put(details, key(tag), fix.shown(tag) or show(tag.value))
    for _level, tags in named:
        evidence(tags, details)
    evidence([*maps, *LOCATION_EVIDENCE.select(context.tags)], details)
    if usable:
        # A position from a movie's own atoms was recorded while it was filmed.
        movie = any(tag.group in (KEYS, USER_DATA, ITEM_LIST, MATROSKA) for tag in usable[0].tags)
        if usable[0].group == MAP_GROUP:
            message = _map_sentence(usable[0])
        else:
            message = _gps_sentence(usable[0], movie)
        severity = Severity.HIGH
    elif named:
        message, severity = _names_sentence(named)
    elif maps and not found:
        message = _("It holds map coordinates (GeoTIFF) in a system this could not place.")
        severity = Severity.MEDIUM
    else:
        message = _("It has GPS location fields, but they hold no usable position.")
        severity = Severity.MEDIUM
    return [Finding(Kind.LOCATION, severity, message, details)]


def _nearest(fix: Fix) -> gazetteer.Place | None:
    if fix.latitude is None or fix.longitude is None:
        return None
    return gazetteer.nearest(fix.latitude.degrees, fix.longitude.degrees)


def where(place: gazetteer.Place) -> str:
    """ "in Vanves, Île-de-France, France", "near …" or "about 40 km from …"."""
    if place.inside:
        return _("in {place}").format(place=place.name)
    if place.distance_km < NEAR_KM:
        return _("near {place}").format(place=place.name)
    return _("about {km} km from {place}").format(
        km=decimal(round(place.distance_km)), place=place.name
    )


def _gps_sentence(fix: Fix, movie: bool) -> str:
    source = "GPS" + (f", ±{_metres(fix.precision_m)}" if fix.precision_m else "")
    place = _nearest(fix)
    if place is None:
        if movie:
            return _("It shows where it was filmed ({source}).").format(source=source)
        return _("It shows where it was taken ({source}).").format(source=source)
    if movie:
        sentence = _("It shows where it was filmed: {where} ({source}).")
    else:
        sentence = _("It shows where it was taken: {where} ({source}).")
    return sentence.format(where=where(place), source=source)


def _map_sentence(fix: Fix) -> str:
    """A GeoTIFF's centre: the place the image is a map or an aerial view of."""
    place = _nearest(fix)
    if place is None:
        return _("It shows the place it maps (GeoTIFF map coordinates).")
    return _("It shows the place it maps: {where} (GeoTIFF map coordinates).").format(
        where=where(place)
    )


def _names_sentence(named: list[tuple[str, list[Tag]]]) -> tuple[str, Severity]:
    place = ", ".join(unique(v for _, tags in named for v in _values(tags)))
    sources = unique(
        "XMP" if tag.group.startswith("XMP") else tag.group for _, tags in named for tag in tags
    )
    precise = any(level in PRECISE_PLACE_LEVELS for level, _ in named)
    message = _("It names a place: {place} ({sources} location fields).").format(
        place=place, sources="/".join(sources)
    )
    return message, Severity.HIGH if precise else Severity.MEDIUM


def _named_places(tags: list[Tag]) -> list[tuple[str, list[Tag]]]:
    """Per level (address, city, region, country), the tags naming a place at it."""
    out = []
    for level, level_table in PLACE_LEVELS:
        at_level = [tag for tag in level_table.select(tags) if texts(tag.value)]
        if at_level:
            out.append((level, at_level))
    return out


def _values(tags: list[Tag]) -> list[str]:
    return unique(piece for tag in tags for piece in texts(tag.value))


def _metres(metres: float) -> str:
    if metres >= 1000:
        return f"{decimal(metres / 1000, 1)} km"
    return f"{decimal(max(1, round(metres)))} m"
