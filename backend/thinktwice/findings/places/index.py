"""Exact nearest-place search over a grid of one-degree cells.

The file holds every place once, sorted by cell (row-major from 90°S, 180°W);
a table of cell starts says which places lie in which cell, so a lookup reads
only the cells that could hold something closer than the best place found so
far. Positions are kept to 1/10 000 of a degree within their cell (at most 6 m
off), which is why the whole index is a few MB. The columns are read in place
(`memoryview` casts of the file's bytes or of its mapping): loading copies nothing.

Layout (little-endian): the header `HEADER`, then the columns in `COLUMNS` order,
then three string tables (place names, admin regions, countries), each as
`count + 1` uint32 offsets followed by the UTF-8 bytes.
"""

from __future__ import annotations

import math
import mmap
import struct
import sys
from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Final, Literal

MAGIC: Final = b"TTPL"
VERSION: Final = 1
HEADER: Final = struct.Struct("<4sHHIII")  # magic, version, reserved, places, regions, countries
ROWS, COLUMNS_PER_ROW = 180, 360  # one-degree cells
CELLS: Final = ROWS * COLUMNS_PER_ROW
STEPS: Final = 10_000  # a cell side in quantisation steps
REACH_KM: Final = 0.1  # the unit of `reach`
EARTH_RADIUS_KM: Final = 6371.0
Code = Literal["I", "H", "B"]  # uint32, uint16, uint8
# Column name, array type code: the order they follow each other in the file.
COLUMNS: Final[tuple[tuple[str, Code], ...]] = (
    ("cell_start", "I"),  # CELLS + 1 entries
    ("lat", "H"),  # steps north of the cell's south edge
    ("lon", "H"),  # steps east of the cell's west edge
    ("region", "H"),  # index into the region names
    ("country", "B"),  # index into the countries
    ("reach", "B"),  # how far the place extends, in REACH_KM units (from its population)
)


@dataclass(frozen=True, slots=True)
class Hit:
    """One place of the index and its great-circle distance from the position asked."""

    index: int
    distance_km: float


@dataclass(frozen=True, slots=True)
class Strings:
    """A table of strings stored as offsets into one UTF-8 blob."""

    offsets: Sequence[int]
    blob: memoryview

    def __getitem__(self, i: int) -> str:
        return str(self.blob[self.offsets[i] : self.offsets[i + 1]], "utf-8")


class Index:
    """The places of one index file, searchable by position.

    `data` is the file's bytes or its read-only mapping; the index reads it in place.
    """

    def __init__(self, buffer: bytes | mmap.mmap) -> None:
        data = memoryview(buffer)
        magic, version, _, places, regions, countries = HEADER.unpack_from(data)
        if magic != MAGIC or version != VERSION:
            raise ValueError(f"not a version {VERSION} place index")
        pos = HEADER.size
        columns: dict[str, Sequence[int]] = {}
        for name, code in COLUMNS:
            count = CELLS + 1 if name == "cell_start" else places
            columns[name], pos = _column(data, pos, code, count)
        self._cell_start = columns["cell_start"]
        self.lat_steps, self.lon_steps = columns["lat"], columns["lon"]
        self.region_ids, self.country_ids = columns["region"], columns["country"]
        self.reach = columns["reach"]
        self.names, pos = _strings(data, pos, places)
        self.regions, pos = _strings(data, pos, regions)
        self.countries, pos = _strings(data, pos, countries)
        if pos != len(data) or self._cell_start[-1] != places:
            raise ValueError("the place index is truncated or padded")

    def __len__(self) -> int:
        return len(self.lat_steps)

    def position(self, i: int) -> tuple[float, float]:
        """Latitude and longitude of place `i`, in degrees."""
        cell = bisect_right(self._cell_start, i) - 1
        south, west = _corner(cell)
        return south + self.lat_steps[i] / STEPS, west + self.lon_steps[i] / STEPS

    def nearest(self, latitude: float, longitude: float) -> Hit | None:
        """The place closest to the position on the sphere (None for an empty index)."""
        best_h, best = math.inf, -1
        for ring_bound, cells in _rings(latitude, longitude):
            if ring_bound >= best_h:
                break
            for cell, cell_bound in cells:
                if cell_bound < best_h:
                    for i, h in self._in_cell(cell, latitude, longitude):
                        if h < best_h:
                            best_h, best = h, i
        return Hit(best, _km(best_h)) if best >= 0 else None

    def within(self, latitude: float, longitude: float, km: float) -> list[Hit]:
        """Every place at most `km` from the position, nearest first."""
        limit = _haversine_of(km)
        hits = []
        for ring_bound, cells in _rings(latitude, longitude):
            if ring_bound > limit:
                break
            for cell, cell_bound in cells:
                if cell_bound <= limit:
                    hits += [Hit(i, _km(h)) for i, h in self._in_cell(cell, latitude, longitude)
                             if h <= limit]  # fmt: skip
        return sorted(hits, key=lambda hit: hit.distance_km)

    def _in_cell(self, cell: int, latitude: float, longitude: float) -> list[tuple[int, float]]:
        south, west = _corner(cell)
        phi = math.radians(latitude)
        cos_phi = math.cos(phi)
        out = []
        for i in range(self._cell_start[cell], self._cell_start[cell + 1]):
            lat2 = math.radians(south + self.lat_steps[i] / STEPS)
            lon2 = west + self.lon_steps[i] / STEPS
            out.append((i, _haversine(phi, cos_phi, lat2, math.radians(lon2 - longitude))))
        return out


def _column(data: memoryview, pos: int, code: Code, count: int) -> tuple[Sequence[int], int]:
    end = pos + array(code).itemsize * count
    if end > len(data):
        raise ValueError("the place index is truncated")
    if sys.byteorder == "little":
        return data[pos:end].cast(code), end
    column = array(code, data[pos:end].tobytes())  # the file is little-endian: swap a copy
    column.byteswap()
    return column, end


def _strings(data: memoryview, pos: int, count: int) -> tuple[Strings, int]:
    offsets, pos = _column(data, pos, "I", count + 1)
    end = pos + offsets[-1]
    return Strings(offsets, data[pos:end]), end


def _corner(cell: int) -> tuple[int, int]:
    """The south-west corner of a cell, in whole degrees."""
    row, column = divmod(cell, COLUMNS_PER_ROW)
    return row - 90, column - 180


def _haversine(phi1: float, cos_phi1: float, phi2: float, dlambda: float) -> float:
    """The haversine of the angle between two points (monotonic in distance)."""
    return math.sin((phi2 - phi1) / 2) ** 2 + cos_phi1 * math.cos(phi2) * math.sin(dlambda / 2) ** 2


def _km(h: float) -> float:
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))


def _haversine_of(km: float) -> float:
    return math.sin(min(math.pi, km / EARTH_RADIUS_KM) / 2) ** 2


class _Bounds:
    """Lower bounds on the haversine from one position to cells and to rings of cells.

    The haversine is sin²(Δφ/2) + cos φ₁ cos φ₂ sin²(Δλ/2); each term is bounded on
    its own: the latitude gap to a row's nearest edge, and the longitude gap times
    the smallest cosine inside the row (both terms are never negative).
    """

    def __init__(self, latitude: float, longitude: float) -> None:
        self.latitude, self.longitude = latitude, longitude
        self.row0 = min(math.floor(latitude) + 90, ROWS - 1)
        self.col0 = math.floor(longitude + 180) % COLUMNS_PER_ROW
        cos_phi = math.cos(math.radians(latitude))
        self.row_term: list[float] = []
        self.lon_coef: list[float] = []
        for row in range(ROWS):
            south = row - 90
            dlat = max(south - latitude, latitude - (south + 1), 0.0)
            self.row_term.append(_sin2_half(dlat))
            cos_min = min(math.cos(math.radians(south)), math.cos(math.radians(south + 1)))
            self.lon_coef.append(cos_phi * max(0.0, cos_min))

    def cell(self, row: int, column: int) -> float:
        """A lower bound for any point of the cell."""
        gap = (self.longitude - (column - 180)) % 360  # degrees east of its west edge
        dlon = 0.0 if gap <= 1 else min(gap - 1, 360 - gap)
        return self.row_term[row] + self.lon_coef[row] * _sin2_half(dlon)

    def ring(self, k: int) -> float:
        """A lower bound for any point of any cell k or more cells away."""
        # The latitude gap only grows away from the position's row.
        far_rows = min(
            (self.row_term[row] for row in (self.row0 - k, self.row0 + k) if 0 <= row < ROWS),
            default=math.inf,
        )
        if k > COLUMNS_PER_ROW // 2:  # no column is that far round the globe
            return far_rows
        lon = _sin2_half(max(0, k - 1))
        far_columns = min(t + c * lon for t, c in zip(self.row_term, self.lon_coef, strict=True))
        return min(far_rows, far_columns)


def _sin2_half(degrees: float) -> float:
    return math.sin(math.radians(degrees) / 2) ** 2


def _rings(
    latitude: float, longitude: float
) -> Iterator[tuple[float, Iterator[tuple[int, float]]]]:
    """Rings of cells of growing size around the position, each with lower bounds.

    Yields, for k = 0, 1, 2..., a bound for every cell k or more cells away and the
    cells exactly k away each with its own bound: a search stops at the first
    ring whose bound cannot beat what it has, and skips cells the same way.
    """
    bounds = _Bounds(min(max(latitude, -90.0), 90.0), longitude)
    for k in range(ROWS + COLUMNS_PER_ROW):
        cells = (  # a generator: made only if the search goes on
            (row * COLUMNS_PER_ROW + column, bounds.cell(row, column))
            for row, column in _ring(bounds.row0, bounds.col0, k)
        )
        yield bounds.ring(k), cells


def _ring(row0: int, col0: int, k: int) -> list[tuple[int, int]]:
    """The cells at Chebyshev distance k (columns wrap around the globe, once)."""
    dcols = range(max(-k, -179), min(k, 180) + 1)
    out = []
    for drow in range(-k, k + 1):
        row = row0 + drow
        if not 0 <= row < ROWS:
            continue
        edge = abs(drow) == k
        for dcol in dcols if edge else (d for d in (-k, k) if d in dcols):
            out.append((row, (col0 + dcol) % COLUMNS_PER_ROW))
    return out
