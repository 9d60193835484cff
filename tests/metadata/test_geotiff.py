"""GeoTIFF tags give the centre of the image on a map, in degrees (UTM converted)."""

from __future__ import annotations

import math

import pytest

from thinktwice.metadata.geotiff import tags, utm_to_degrees
from thinktwice.records import Tag

from .utm import meridian_arc, to_utm

# WGS 84's meridian arc from the equator to 45 degrees, in metres (a published constant).
ARC_TO_45 = 4984944.378


@pytest.mark.parametrize(
    ("zone", "north", "easting", "northing", "expected"),
    [
        (31, True, 500000.0, 0.0, (0.0, 3.0)),  # the equator on zone 31's central meridian
        (31, False, 500000.0, 10000000.0, (0.0, 3.0)),  # the same from the south
        (31, True, 500000.0, 0.9996 * ARC_TO_45, (45.0, 3.0)),
        (56, False, 500000.0, 10000000.0 - 0.9996 * ARC_TO_45, (-45.0, 153.0)),
    ],
)
def test_utm_metres_become_degrees(
    zone: int, north: bool, easting: float, northing: float, expected: tuple[float, float]
) -> None:
    latitude, longitude = utm_to_degrees(zone, north, easting, northing)
    assert (latitude, longitude) == (pytest.approx(expected[0], abs=1e-4),
                                     pytest.approx(expected[1], abs=1e-4))  # fmt: skip


def test_the_forward_formula_the_tests_use_agrees_with_the_published_arc() -> None:
    assert meridian_arc(math.radians(45)) == pytest.approx(ARC_TO_45, abs=0.01)


@pytest.mark.parametrize(
    ("latitude", "longitude"),
    [(48.853, 2.3499), (-33.8568, 151.2153), (64.1466, -21.9426), (-54.8019, -68.303),
     (0.5, 32.58), (71.0, 25.8)],
)  # fmt: skip
def test_a_round_trip_through_the_forward_projection_comes_back_within_a_millimetre(
    latitude: float, longitude: float
) -> None:
    zone, north, easting, northing = to_utm(latitude, longitude)
    back = utm_to_degrees(zone, north, easting, northing)
    assert back == (pytest.approx(latitude, abs=1e-8), pytest.approx(longitude, abs=1e-8))


def geotiff(tie: tuple[float, ...], scale: tuple[float, ...], *keys: int) -> list[Tag]:
    pairs = zip(keys[::2], keys[1::2], strict=True)
    directory = (1, 1, 0, len(keys) // 2, *(p for k, v in pairs for p in (k, 0, 1, v)))
    return [
        Tag("IFD0", "ImageWidth", 200), Tag("IFD0", "ImageHeight", 100),
        Tag("IFD0", "ModelTiePoint", tie), Tag("IFD0", "PixelScale", scale),
        *([Tag("IFD0", "GeoTiffDirectory", directory)] if keys else []),
    ]  # fmt: skip


def position(found: list[Tag]) -> dict[str, object]:
    return {tag.name: tag.value for tag in found}


def test_a_geographic_image_centre_is_the_tie_point_moved_half_the_image() -> None:
    found = position(tags(geotiff((0, 0, 0, 2.0, 49.0, 0), (0.01, 0.01, 0), 1024, 2, 2048, 4326)))
    assert found == {"GPSLatitude": 48.5, "GPSLongitude": 3.0, "CoordinateSystem": "EPSG:4326"}


def test_a_utm_image_is_converted() -> None:
    zone, _, easting, northing = to_utm(48.853, 2.3499)  # Notre-Dame de Paris
    tie = (0, 0, 0, easting - 100 * 10, northing + 50 * 10, 0)
    found = position(tags(geotiff(tie, (10, 10, 0), 3072, 32600 + zone)))
    assert found["CoordinateSystem"] == "EPSG:32631"
    assert found["GPSLatitude"] == pytest.approx(48.853, abs=1e-6)
    assert found["GPSLongitude"] == pytest.approx(2.3499, abs=1e-6)


@pytest.mark.parametrize(
    ("keys", "system"),
    [((3072, 2154), "EPSG:2154"), ((), "not named")],  # Lambert-93: not converted
)
def test_other_systems_are_named_not_placed(keys: tuple[int, ...], system: str) -> None:
    found = tags(geotiff((0, 0, 0, 652000.0, 6862000.0, 0), (1, 1, 0), *keys))
    assert found == [Tag("GeoTIFF", "CoordinateSystem", system)]


@pytest.mark.parametrize(
    "broken",
    [
        [Tag("IFD0", "ModelTiePoint", (0, 0, 0)), Tag("IFD0", "PixelScale", (1, 1, 0))],
        [Tag("IFD0", "ModelTiePoint", "junk"), Tag("IFD0", "PixelScale", (1, 1, 0))],
        geotiff((0, 0, 0, float("nan"), 1.0, 0), (1, 1, 0), 2048, 4326),
        geotiff((0, 0, 0, 2.0, 95.0, 0), (0.01, 0.01, 0), 2048, 4326)[2:],  # no image size
    ],
)
def test_incomplete_or_broken_tags_give_no_position(broken: list[Tag]) -> None:
    assert all(tag.name == "CoordinateSystem" for tag in tags(broken))
