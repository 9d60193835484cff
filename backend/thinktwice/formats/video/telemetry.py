"""Routes recorded in timed-metadata tracks: Google's 'camm', GoPro's GPMF ('gpmd'),
and subtitle or text tracks whose lines are GPS positions (DJI drones write those).

`route(entry, samples)` decodes the positions a track holds, from its samples'
bytes. camm messages are little-endian: a reserved uint16, the type, then the
fields (type 5: latitude, longitude, altitude as doubles; type 6: a GPS time, a
fix type, then latitude and longitude as doubles...). GPMF is big-endian KLV:
a 4-byte key, a type byte, a size byte, a 2-byte repeat count; GPS5 holds
(latitude, longitude, altitude, speed 2D, speed 3D) as int32s divided by SCAL.
Newer cameras and the Karma drone write structures instead (GPS9, GPRI, GLPI: type
'?'), laid out by the stream's TYPE string; their UNIT (or SIUN) names which
fields are the degrees of latitude and longitude.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterable, Iterator

Point = tuple[float, float]

CAMM_POSITION = {5: 0, 6: 12}  # message type -> where its latitude starts, after the type
TEXT_ENTRIES = frozenset({b"tx3g", b"text", b"wvtt", b"stpp", b"c608"})
_TEXT_POSITION = re.compile(
    r"(?i)(?:gps|lat|lon|\()[^\d+-]{0,12}([+-]?\d{1,3}\.\d{4,})[^\d+-]{1,12}([+-]?\d{1,3}\.\d{4,})"
)
MAX_GPMF_DEPTH = 8
# GPMF type letters as struct codes: the fields of a '?' structure.
GPMF_TYPES = {"b": "b", "B": "B", "c": "c", "d": "d", "f": "f", "F": "4s", "G": "16s",
              "j": "q", "J": "Q", "l": "i", "L": "I", "q": "i", "Q": "q", "s": "h",
              "S": "H", "U": "16s"}  # fmt: skip
# Structures whose fields hold a position, and where it is when no UNIT says (the
# Karma drone's GLPI repeats its GPRI route, filtered: one of the two is counted).
GPMF_STRUCTURES = {b"GPS9": (0, 1), b"GPRI": (1, 2)}


def route(entry: bytes, samples: Iterable[bytes]) -> list[Point] | None:
    """The positions a track of sample entry `entry` records; None if it records no route.

    An empty list means a telemetry track whose positions could not be decoded.
    """
    if entry == b"camm":
        return [p for sample in samples if (p := _camm(sample)) is not None]
    if entry == b"gpmd":
        return [p for sample in samples for p in _gpmf(sample, 0)]
    if entry in TEXT_ENTRIES:
        points = [p for sample in samples for p in _text(sample)]
        return points or None
    return None


def _camm(sample: bytes) -> Point | None:
    if len(sample) < 4:
        return None
    (kind,) = struct.unpack_from("<H", sample, 2)
    if kind not in CAMM_POSITION:
        return None
    offset = 4 + CAMM_POSITION[kind]
    if len(sample) < offset + 16:
        return None
    lat, lon = struct.unpack_from("<dd", sample, offset)
    return (lat, lon) if abs(lat) <= 90 and abs(lon) <= 180 else None


def _gpmf(data: bytes, depth: int) -> list[Point]:
    """GPS positions in a GPMF payload, scaled by the SCAL before them in their stream."""
    points: list[Point] = []
    scale: tuple[int, ...] = (1, 1)
    layout, units = "", list[bytes]()
    for key, kind, size, body in _records(data, depth):
        repeat = len(body) // size if size else 0
        if kind == b"\0":
            points += _gpmf(body, depth + 1)
        elif key == b"SCAL" and kind in b"lL" and size == 4:
            scale = struct.unpack(f">{repeat}{kind.decode()}", body[: 4 * repeat])
        elif key == b"TYPE" and kind == b"c":
            layout = body.decode("latin-1").rstrip("\0")
        elif key in (b"UNIT", b"SIUN") and kind == b"c":
            units = [body[i : i + size].rstrip(b"\0") for i in range(0, len(body), size)]
        elif key == b"GPS5" and kind == b"l" and size == 20:
            lat_scale, lon_scale = (scale * 2)[:2] if len(scale) == 1 else scale[:2]
            for i in range(len(body) // 20):
                lat, lon = struct.unpack_from(">ii", body, 20 * i)
                points.append(_scaled(lat, lon, lat_scale, lon_scale))
        elif key in GPMF_STRUCTURES and kind == b"?":
            points += _structures(body, size, layout, units, scale, GPMF_STRUCTURES[key])
    return points


def _records(data: bytes, depth: int) -> Iterator[tuple[bytes, bytes, int, bytes]]:
    """(key, type, item size, values) of the GPMF records filling `data`, none past
    MAX_GPMF_DEPTH levels of nesting."""
    pos = 0
    while pos + 8 <= len(data) and depth <= MAX_GPMF_DEPTH:
        key, kind, size, repeat = struct.unpack_from(">4scBH", data, pos)
        length = size * repeat
        yield key, kind, size, data[pos + 8 : pos + 8 + length]
        pos += 8 + (length + 3) // 4 * 4


def _structures(
    body: bytes,
    size: int,
    layout: str,
    units: list[bytes],
    scale: tuple[int, ...],
    default: tuple[int, int],
) -> list[Point]:
    """The positions in `body`, structures of `size` bytes laid out as `layout`."""
    try:
        shape = struct.Struct(">" + "".join(GPMF_TYPES[letter] for letter in layout))
    except KeyError:
        return []
    if shape.size != size:
        return []
    degrees = [i for i, unit in enumerate(units) if unit == b"deg"]
    lat_at, lon_at = degrees[:2] if len(degrees) >= 2 else default
    if len(scale) == 1:
        scale = scale * len(layout)
    if max(lat_at, lon_at) >= min(len(layout), len(scale)):
        return []
    points = []
    for fields in shape.iter_unpack(body[: len(body) // size * size]):
        point = _scaled(fields[lat_at], fields[lon_at], scale[lat_at], scale[lon_at])
        if point != (0.0, 0.0):  # a structure written before the first fix
            points.append(point)
    return points


def _scaled(lat: object, lon: object, lat_scale: int, lon_scale: int) -> Point:
    if not isinstance(lat, int | float) or not isinstance(lon, int | float):
        return (0.0, 0.0)
    return (lat / (lat_scale or 1), lon / (lon_scale or 1))


def gpmf_texts(data: bytes, keys: frozenset[bytes], depth: int = 0) -> dict[bytes, str]:
    """The first text value of each of `keys` in a GPMF payload (GoPro's 'udta' 'GPMF'
    settings name the camera model in MINF and its serial in CASN)."""
    found: dict[bytes, str] = {}
    for key, kind, _, body in _records(data, depth):
        if kind == b"\0":
            found = gpmf_texts(body, keys, depth + 1) | found
        elif kind == b"c" and key in keys and key not in found:
            found[key] = body.split(b"\0", 1)[0].decode("utf-8", "replace")
    return found


def _text(sample: bytes) -> list[Point]:
    # A tx3g sample is a 16-bit length, then the text.
    text = sample[2:].decode("utf-8", "replace") if len(sample) >= 2 else ""
    points = []
    for match in _TEXT_POSITION.finditer(text):
        first, second = float(match[1]), float(match[2])
        if abs(first) <= 90 and abs(second) <= 180:
            points.append((first, second))
    return points
