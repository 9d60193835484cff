"""The offline gazetteer names the nearest place at a useful scale, and loads fast."""

from __future__ import annotations

import math
import random
import subprocess
import sys

import numpy as np
import pytest

from thinktwice.findings.gazetteer import INDEX_FILE, nearest
from thinktwice.findings.places.index import EARTH_RADIUS_KM, Index
from thinktwice.i18n import using


@pytest.mark.parametrize(
    ("lat", "lon", "name"),
    [
        (48.8219, 2.2890, "Vanves, Île-de-France, France"),  # a town: its region
        (45.7640, 4.8357, "Lyon, Auvergne-Rhône-Alpes, France"),  # "Lyon 01": the number goes
        (40.3900, -3.7150, "Comillas, Madrid, Spain"),  # a district: the city it is in
        (51.5390, -0.1426, "Camden Town, London, United Kingdom"),
        (40.6501, -73.9496, "Brooklyn, New York City, New York"),  # a state, not the country
        (-33.8688, 151.2093, "Sydney, New South Wales"),  # the state is the city's region
    ],
)
def test_nearest_names_the_place_with_its_city_or_region_and_country(
    lat: float, lon: float, name: str
) -> None:
    place = nearest(lat, lon)
    assert place is not None
    assert place.name == name
    assert place.inside
    assert place.distance_km < 2


def test_a_town_just_outside_a_big_city_is_not_named_as_inside_it() -> None:
    place = nearest(48.8219, 2.2890)  # Vanves borders Paris, but is its own town
    assert place is not None
    assert "Paris" not in place.name


def test_a_position_away_from_the_town_is_not_inside_it() -> None:
    place = nearest(48.80, 2.10)  # fields 2 km from Saint-Cyr-l'École
    assert place is not None
    assert not place.inside
    assert 1 < place.distance_km < 5


def test_a_position_far_from_any_town_says_how_far() -> None:
    place = nearest(0.0, -30.0)  # the middle of the Atlantic
    assert place is not None
    assert place.distance_km > 500
    assert not place.inside


@pytest.fixture(scope="module")
def index() -> Index:
    return Index(INDEX_FILE.read_bytes())


@pytest.fixture(scope="module")
def positions(index: Index) -> np.ndarray:
    return np.radians(np.array([index.position(i) for i in range(len(index))]))


def _brute_force_km(positions: np.ndarray, lat: float, lon: float) -> float:
    phi, lam = math.radians(lat), math.radians(lon)
    h = (
        np.sin((positions[:, 0] - phi) / 2) ** 2
        + math.cos(phi) * np.cos(positions[:, 0]) * np.sin((positions[:, 1] - lam) / 2) ** 2
    )
    return float(2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.minimum(1.0, h.min()))))


EDGES = [
    (90.0, 0.0), (-90.0, 0.0), (89.99, 179.99), (-89.5, -179.5),  # the poles
    (64.1, 179.999), (64.1, -179.999), (-16.5, 180.0), (-16.5, -180.0),  # the antimeridian
    (0.0, 0.0), (-48.9, -123.4), (78.2, 15.6), (-0.5, 0.5), (12.0, 12.0),
]  # fmt: skip


def test_the_search_is_exact_against_brute_force(index: Index, positions: np.ndarray) -> None:
    rng = random.Random(14)
    points = [
        (math.degrees(math.asin(rng.uniform(-1, 1))), rng.uniform(-180, 180)) for _ in range(150)
    ]
    points += [(rng.uniform(35, 60), rng.uniform(-10, 30)) for _ in range(50)]  # dense Europe
    for lat, lon in points + EDGES:
        hit = index.nearest(lat, lon)
        assert hit is not None
        assert hit.distance_km == pytest.approx(_brute_force_km(positions, lat, lon), abs=1e-6), (
            lat,
            lon,
        )


def test_within_finds_every_place_in_the_radius(index: Index, positions: np.ndarray) -> None:
    lat, lon = 40.4168, -3.7038
    phi, lam = math.radians(lat), math.radians(lon)
    h = (
        np.sin((positions[:, 0] - phi) / 2) ** 2
        + math.cos(phi) * np.cos(positions[:, 0]) * np.sin((positions[:, 1] - lam) / 2) ** 2
    )
    km = 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(h))
    expected = set(np.flatnonzero(km <= 25.0).tolist())
    assert {hit.index for hit in index.within(lat, lon, 25.0)} == expected
    assert len(expected) > 20


def test_the_index_is_small_and_answers_from_its_bytes() -> None:
    # How fast it loads is part of the single-scan figure in scripts/bench.
    assert INDEX_FILE.stat().st_size < 4_000_000
    index = Index(INDEX_FILE.read_bytes())
    assert index.nearest(40.4168, -3.7038) is not None


def test_a_damaged_index_is_refused() -> None:
    data = INDEX_FILE.read_bytes()
    with pytest.raises(ValueError, match="truncated"):
        Index(data[:-1])
    with pytest.raises(ValueError, match="place index"):
        Index(b"XXXX" + data[4:])


def test_importing_the_findings_does_not_load_the_gazetteer() -> None:
    code = (
        "import sys, thinktwice.findings;"
        "from thinktwice.findings.gazetteer import _index;"
        "assert _index.cache_info().currsize == 0;"
        "assert 'scipy' not in sys.modules;"
        "assert 'numpy' not in sys.modules;"
        "assert 'PIL' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    ("language", "name"),
    [
        ("en", "Yongsan-dong, Seoul, South Korea"),  # not GeoNames' "Korea, Republic of"
        ("es", "Yongsan-dong, Seoul, Corea del Sur"),
        ("fr", "Yongsan-dong, Seoul, Corée du Sud"),
        ("de", "Yongsan-dong, Seoul, Südkorea"),
    ],
)
def test_the_country_is_named_as_people_say_it_in_their_language(language: str, name: str) -> None:
    with using(language):
        place = nearest(37.5002, 127.0362)
    assert place is not None
    assert place.name == name
