"""GPS coordinates are read from every usual writing, and nonsense is refused."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thinktwice.findings.gps import coordinate, fixes
from thinktwice.records import Tag


@pytest.mark.parametrize(
    ("value", "ref", "degrees", "shown"),
    [
        ((48.0, 49.0, 18.84), "N", 48.8219, "48.8219"),  # EXIF: three rationals + Ref
        ((2.0, 17.0, 20.4), "E", 2.289, "2.289"),
        ((33.0, 51.0, 54.0), "S", -33.865, "-33.865"),  # southern hemisphere from Ref
        ((3.0, 43.0, 29.11), "West", -3.724753, "-3.724753"),  # Ref spelled out
        ((48, 49, 18), "N", 48.821667, "48.8217"),  # whole seconds: 4 decimals
        ("48,49.314N", None, 48.8219, "48.8219"),  # XMP "DD,MM.mmmmK"
        ("48,49,18.84N", None, 48.8219, "48.8219"),  # XMP "DD,MM,SSK"
        ("2,17.34W", None, -2.289, "-2.289"),
        ("48.8219", None, 48.8219, "48.8219"),  # decimal degrees as text
        ("-33.865", None, -33.865, "-33.865"),
        (48.8219, "N", 48.8219, "48.8219"),  # one float
        ("48/1, 49/1, 1884/100", "N", 48.8219, "48.8219"),  # ImageMagick's rationals
        ("48 deg 49' 18.84\" N", None, 48.8219, "48.8219"),  # exiftool's print form
    ],
)
def test_coordinates_are_read_in_every_usual_writing(
    value: object, ref: object, degrees: float, shown: str
) -> None:
    parsed = coordinate(value, ref, 180.0)
    assert parsed is not None
    assert parsed.degrees == pytest.approx(degrees, abs=1e-6)
    assert str(parsed) == shown


@pytest.mark.parametrize(
    ("value", "limit"),
    [
        ((91.0, 0.0, 0.0), 90.0),  # beyond the pole
        ((181.0, 0.0, 0.0), 180.0),
        ((48.0, 61.0, 0.0), 90.0),  # minutes past 59
        ((48.0, 10.0, 75.0), 90.0),
        ((math.nan, 0.0, 0.0), 90.0),
        ((math.inf, 0.0, 0.0), 90.0),
        ("48/0, 49/1, 0/1", 90.0),  # a zero denominator
        ("north", 90.0),
        ("", 90.0),
        ((), 90.0),
        ((1.0, 2.0, 3.0, 4.0), 90.0),
        (b"\x00\x01", 90.0),
        (None, 90.0),
        (True, 90.0),
    ],
)
def test_invalid_coordinates_are_refused(value: object, limit: float) -> None:
    assert coordinate(value, "N", limit) is None


def test_a_fix_pairs_latitude_and_longitude_of_one_group_with_its_precision() -> None:
    tags = [
        Tag("GPS", "GPSLatitude", (48.0, 49.0, 18.84)),
        Tag("GPS", "GPSLatitudeRef", "N"),
        Tag("GPS", "GPSLongitude", (2.0, 17.0, 20.4)),
        Tag("GPS", "GPSLongitudeRef", "E"),
        Tag("GPS", "GPSHPositioningError", 5.0),
        Tag("XMP-exif", "GPSLatitude", "48,49.314N"),  # no longitude in this group
    ]
    (fix,) = fixes(tags)
    assert fix.group == "GPS"
    assert fix.usable
    assert fix.precision_m == 5.0


@pytest.mark.parametrize(
    ("lat", "lon"),
    [((0.0, 0.0, 0.0), (0.0, 0.0, 0.0)), ("0,0.0N", "0,0.0E"), ((95.0, 0.0, 0.0), (2.0, 1.0, 0.0))],
)
def test_zero_or_invalid_positions_are_not_usable(lat: object, lon: object) -> None:
    (fix,) = fixes([Tag("GPS", "GPSLatitude", lat), Tag("GPS", "GPSLongitude", lon)])
    assert not fix.usable


@given(
    st.floats(min_value=-90, max_value=90, allow_nan=False),
    st.floats(min_value=-180, max_value=180, allow_nan=False),
)
def test_decimal_positions_round_trip_through_exif_degrees_minutes_seconds(
    lat: float, lon: float
) -> None:
    def dms(value: float) -> tuple[float, float, float]:
        a = abs(value)
        d = math.floor(a)
        m = math.floor((a - d) * 60)
        return float(d), float(m), min((a - d - m / 60) * 3600, 59.999999)

    parsed_lat = coordinate(dms(lat), "S" if lat < 0 else "N", 90.0)
    parsed_lon = coordinate(dms(lon), "W" if lon < 0 else "E", 180.0)
    assert parsed_lat is not None and parsed_lon is not None
    assert parsed_lat.degrees == pytest.approx(lat, abs=1e-6)
    assert parsed_lon.degrees == pytest.approx(lon, abs=1e-6)


@given(st.one_of(st.text(max_size=40), st.tuples(st.floats(), st.floats(), st.floats())))
def test_any_value_gives_a_coordinate_or_none_and_never_raises(value: object) -> None:
    parsed = coordinate(value, "N", 90.0)
    assert parsed is None or -90.0 <= parsed.degrees <= 90.0
