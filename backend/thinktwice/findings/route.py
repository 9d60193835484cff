"""A video's route: the GPS positions a telemetry track recorded while it was filmed.

Action cameras, drones and some phones write a position every second or more often
into a timed-metadata track (formats/video/telemetry.py counts and decodes them):
the whole way the person went, not one place. Reported as a location, HIGH.
"""

from __future__ import annotations

from ..i18n import _, ngettext
from ..i18n.formats import decimal
from ..models import Finding, Kind, Metadata, Severity
from . import gazetteer
from .location import location, where
from .network import network_country
from .rule import Context, evidence, put, text
from .tables import ROUTE_ENDS, ROUTE_POINTS


def location_and_route(metadata: Metadata, context: Context) -> list[Finding]:
    """The location rules (places, and the mobile network's country), their sentence
    led by the route when a video records one."""
    places = [*location(metadata, context), *network_country(metadata, context)]
    path = route(metadata, context)
    if not path:
        return places
    details = dict(path[0].evidence)
    for finding in places:
        for name, value in finding.evidence.items():
            put(details, name, value)
    return [Finding(Kind.LOCATION, Severity.HIGH, path[0].message, details)]


def route(metadata: Metadata, context: Context) -> list[Finding]:
    """The route a video's telemetry track records, from where to where."""
    counts = ROUTE_POINTS.select(context.tags)
    if not counts:
        return []
    ends = ROUTE_ENDS.select(context.tags)
    points = sum(int(text(tag.value)) for tag in counts if text(tag.value).isdigit())
    details = evidence([*counts, *ends])
    if not points:
        message = _(
            "It has a GPS telemetry track (the route it was filmed along) this could not read."
        )
        return [Finding(Kind.LOCATION, Severity.HIGH, message, details)]
    starts = [t for t in ends if t.name == "RouteStart"]
    finishes = [t for t in ends if t.name == "RouteEnd"]
    start = _place(text(starts[0].value)) if starts else None
    finish = _place(text(finishes[-1].value)) if finishes else None
    noun = ngettext("{n} point", "{n} points", points).format(n=decimal(points))
    if start and finish and start != finish:
        message = _("It records the route it was filmed along ({points}, from {start} to {end}).")
    elif start:
        message = _("It records the route it was filmed along ({points}, {start}).")
    else:
        message = _("It records the route it was filmed along ({points}).")
    message = message.format(points=noun, start=start, end=finish)
    return [Finding(Kind.LOCATION, Severity.HIGH, message, details)]


def _place(position: str) -> str | None:
    """ "in Paris, Île-de-France, France" (as photos say it) for "latitude, longitude"."""
    try:
        latitude, longitude = (float(part) for part in position.split(","))
    except ValueError:
        return None
    place = gazetteer.nearest(latitude, longitude)
    if place is None:
        return f"{latitude:.4f}, {longitude:.4f}"
    return where(place)
