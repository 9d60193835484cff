"""GeoTIFF: map coordinates of a TIFF's pixels, as the position of the image's centre.

Three TIFF tags place an image on a map: ModelTiePoint (0x8482) ties pixel (I, J) to
model point (X, Y), ModelPixelScale (0x830E) gives one pixel's size in model units,
and GeoKeyDirectory (0x87AF: a header of four shorts, then (key, location, count,
value) quadruples) says what the model space is. Key 1024 (GTModelType) is 1 for a
projected system, 2 for a geographic one; key 2048 names a geographic system (4326:
WGS 84, X and Y in degrees), key 3072 a projected one (326zz / 327zz: WGS 84 UTM
zone zz north / south, X and Y in metres). Other systems are named, not converted.

The centre is given as tags in group "GeoTIFF" named GPSLatitude and GPSLongitude
(signed decimal degrees), so the location findings read it like any GPS position;
CoordinateSystem names the system ("EPSG:32631", "not named" without GeoKeys), and
alone says the image is placed on a map this could not convert.
"""

from __future__ import annotations

import math

from ..records import Tag

GROUP = "GeoTIFF"
GEOGRAPHIC_KEY, PROJECTED_KEY = 2048, 3072
WGS84 = 4326
UTM_NORTH, UTM_SOUTH = range(32601, 32661), range(32701, 32761)
# WGS 84 ellipsoid, and UTM's scale on the central meridian and false origin.
A, F = 6378137.0, 1 / 298.257223563
K0, FALSE_EASTING, FALSE_NORTHING = 0.9996, 500000.0, 10000000.0


def tags(exif: list[Tag]) -> list[Tag]:
    """The image centre's position from GeoTIFF tags among `exif`, or [] without them."""
    named = {tag.name: tag.value for tag in exif if tag.group in ("IFD0", "ExifIFD")}
    tie, scale = _floats(named.get("ModelTiePoint")), _floats(named.get("PixelScale"))
    keys = _keys(named.get("GeoTiffDirectory"))
    # A TIFF's size is in IFD0; a JPEG's EXIF gives it in the ExifIFD, if at all.
    width = named.get("ImageWidth", named.get("ExifImageWidth"))
    height = named.get("ImageHeight", named.get("ExifImageHeight"))
    if len(tie) < 6 or len(scale) < 2:
        return []
    if not isinstance(width, int) or not isinstance(height, int):
        return []
    x = tie[3] + (width / 2 - tie[0]) * scale[0]
    y = tie[4] - (height / 2 - tie[1]) * scale[1]
    code = keys.get(PROJECTED_KEY) or keys.get(GEOGRAPHIC_KEY)
    system = Tag(GROUP, "CoordinateSystem", f"EPSG:{code}" if code else "not named")
    if code == WGS84 or (code is None and keys.get(1024) == 2):
        position = (y, x)
    elif code is not None and (code in UTM_NORTH or code in UTM_SOUTH):
        position = utm_to_degrees(code % 100, code in UTM_NORTH, x, y)
    else:
        return [system]
    latitude, longitude = position
    if not (abs(latitude) <= 90 and abs(longitude) <= 180):
        return [system]
    return [
        Tag(GROUP, "GPSLatitude", round(latitude, 6)),
        Tag(GROUP, "GPSLongitude", round(longitude, 6)),
        system,
    ]


def utm_to_degrees(zone: int, north: bool, easting: float, northing: float) -> tuple[float, float]:
    """WGS 84 UTM metres to (latitude, longitude) in degrees (Snyder, "Map Projections:
    A Working Manual", USGS 1987, equations 8-18 to 8-25: millimetre accuracy in a zone)."""
    e2 = F * (2 - F)
    ep2 = e2 / (1 - e2)
    x = easting - FALSE_EASTING
    y = northing if north else northing - FALSE_NORTHING
    mu = y / K0 / (A * (1 - e2 / 4 - 3 * e2**2 / 64 - 5 * e2**3 / 256))
    e1 = (1 - math.sqrt(1 - e2)) / (1 + math.sqrt(1 - e2))
    phi1 = (
        mu
        + (3 * e1 / 2 - 27 * e1**3 / 32) * math.sin(2 * mu)
        + (21 * e1**2 / 16 - 55 * e1**4 / 32) * math.sin(4 * mu)
        + (151 * e1**3 / 96) * math.sin(6 * mu)
        + (1097 * e1**4 / 512) * math.sin(8 * mu)
    )
    sin1, cos1, tan1 = math.sin(phi1), math.cos(phi1), math.tan(phi1)
    c1, t1 = ep2 * cos1**2, tan1**2
    n1 = A / math.sqrt(1 - e2 * sin1**2)
    r1 = A * (1 - e2) / (1 - e2 * sin1**2) ** 1.5
    d = x / (n1 * K0)
    latitude = phi1 - (n1 * tan1 / r1) * (
        d**2 / 2
        - (5 + 3 * t1 + 10 * c1 - 4 * c1**2 - 9 * ep2) * d**4 / 24
        + (61 + 90 * t1 + 298 * c1 + 45 * t1**2 - 252 * ep2 - 3 * c1**2) * d**6 / 720
    )
    longitude = (
        d
        - (1 + 2 * t1 + c1) * d**3 / 6
        + (5 - 2 * c1 + 28 * t1 - 3 * c1**2 + 8 * ep2 + 24 * t1**2) * d**5 / 120
    ) / cos1
    central = math.radians(zone * 6 - 183)
    return math.degrees(latitude), math.degrees(central + longitude)


def _floats(value: object) -> list[float]:
    items = value if isinstance(value, tuple | list) else ()
    out = [float(v) for v in items if isinstance(v, int | float) and not isinstance(v, bool)]
    return out if len(out) == len(items) and all(math.isfinite(v) for v in out) else []


def _keys(value: object) -> dict[int, int]:
    """Key id -> value of the directory's keys stored in the directory itself (location 0)."""
    shorts = value if isinstance(value, tuple | list) else ()
    if len(shorts) < 4 or not all(isinstance(v, int) for v in shorts):
        return {}
    count = min(shorts[3], (len(shorts) - 4) // 4)
    keys = {}
    for index in range(count):
        key, location, _, entry = shorts[4 + 4 * index : 8 + 4 * index]
        if location == 0:
            keys[key] = entry
    return keys
