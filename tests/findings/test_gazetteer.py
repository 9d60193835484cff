"""The offline gazetteer names the nearest place, and loads only when asked."""

from __future__ import annotations

import subprocess
import sys

import pytest

from thinktwice.findings.gazetteer import nearest


@pytest.mark.parametrize(
    ("lat", "lon", "name"),
    [
        (48.8219, 2.2890, "Vanves, France"),
        (45.7640, 4.8357, "Lyon, France"),  # GeoNames says "Lyon 01": the district goes
        (40.6501, -73.9496, "Brooklyn, New York"),  # a region instead of the country
        (-33.8688, 151.2093, "Sydney, New South Wales"),
    ],
)
def test_nearest_names_the_town_and_its_country_or_region(
    lat: float, lon: float, name: str
) -> None:
    place = nearest(lat, lon)
    assert place is not None
    assert place.name == name
    assert place.distance_km < 10


def test_a_position_far_from_any_town_says_how_far() -> None:
    place = nearest(0.0, -30.0)  # the middle of the Atlantic
    assert place is not None
    assert place.distance_km > 500


def test_importing_the_findings_does_not_load_the_gazetteer() -> None:
    code = (
        "import sys, thinktwice.findings;"
        "assert 'reverse_geocode' not in sys.modules;"
        "assert 'scipy' not in sys.modules;"
        "assert 'PIL' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
