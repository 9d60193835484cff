"""A GeoTIFF's map coordinates are a location: said as the place the image maps,
written by exiftool, and gone after cleaning."""

from __future__ import annotations

import struct
import tempfile
from pathlib import Path

import pytest

from tests.findings.build import IMAGE
from tests.metadata.utm import to_utm
from tests.support.exiftool import assert_clean, read_tags, write_tags
from tests.support.images import encode, photo
from thinktwice.models import Kind, Severity
from thinktwice.pipeline import inspect

TIFF = encode(photo(100, 80), "TIFF")  # little endian, as Pillow writes it


def geotiff(tie: str, scale: str, *keys: int, image: bytes = TIFF, order: str = "<") -> bytes:
    """`image` with exiftool-written tie point, pixel scale and GeoKeys (key, value pairs);
    `order` is the byte order of the image's TIFF structure, which the keys are copied in."""
    shorts = [1, 1, 0, len(keys) // 2]
    for key, value in zip(keys[::2], keys[1::2], strict=True):
        shorts += [key, 0, 1, value]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "keys.bin"
        path.write_bytes(struct.pack(f"{order}{len(shorts)}H", *shorts))
        key_args = (f"-GeoTiffDirectory<={path}",) if keys else ()
        suffix = ".tif" if image is TIFF else ".jpg"
        return write_tags(image, suffix, f"-ModelTiePoint={tie}", f"-PixelScale={scale}", *key_args)


def utm(latitude: float, longitude: float) -> bytes:
    """A 100x80 UTM GeoTIFF of 10 m pixels centred on (latitude, longitude)."""
    zone, north, easting, northing = to_utm(latitude, longitude)
    tie = f"0 0 0 {easting - 50 * 10:.3f} {northing + 40 * 10:.3f} 0"
    return geotiff(tie, "10 10 0", 1024, 1, 3072, (32600 if north else 32700) + zone)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            geotiff("0 0 0 2.2445 48.8782 0", "0.001 0.001 0", 1024, 2, 2048, 4326),
            "It shows the place it maps: in Vanves, Paris, France (GeoTIFF map coordinates).",
        ),
        (
            utm(48.853, 2.3499),  # Notre-Dame de Paris
            "It shows the place it maps: in Paris, Île-de-France, France "
            "(GeoTIFF map coordinates).",
        ),
        (
            utm(-33.8568, 151.2153),  # Sydney Opera House
            "It shows the place it maps: in The Rocks, Sydney, New South Wales "
            "(GeoTIFF map coordinates).",
        ),
    ],
    ids=["wgs84", "utm-north", "utm-south"],
)
def test_map_coordinates_name_the_place_and_cleaning_removes_them(
    data: bytes, message: str
) -> None:
    assert any(group == "GeoTiff" for group, _, _ in read_tags(data, ".tif"))
    report = inspect(data, pixels=False)
    found = {f.kind: f for f in report.findings}
    assert (found[Kind.LOCATION].severity, found[Kind.LOCATION].message) == (Severity.HIGH, message)
    assert_clean(report.cleaned, ".tif")


def test_coordinates_without_a_coordinate_system_are_still_said() -> None:
    report = inspect(geotiff("0 0 0 652000 6862000 0", "1 1 0"), pixels=False)
    found = {f.kind: f for f in report.findings}
    assert (found[Kind.LOCATION].severity, found[Kind.LOCATION].message) == (
        Severity.MEDIUM, "It holds map coordinates (GeoTIFF) in a system this could not place.",
    )  # fmt: skip
    assert found[Kind.LOCATION].evidence["GeoTIFF:CoordinateSystem"] == "not named"
    assert_clean(report.cleaned, ".tif")


def test_map_coordinates_in_a_jpegs_exif_are_placed_by_its_exif_image_size() -> None:
    jpeg = write_tags(IMAGE, ".jpg", "-ExifImageWidth=600", "-ExifImageHeight=400")
    # exiftool writes a JPEG's EXIF big endian: the keys go in that order.
    data = geotiff(
        "0 0 0 2.2445 48.8782 0", "0.001 0.001 0", 1024, 2, 2048, 4326, image=jpeg, order=">"
    )
    assert ("GeoTiff", "GeographicType", "WGS 84") in read_tags(data, ".jpg")
    report = inspect(data, pixels=False)
    location = {f.kind: f for f in report.findings}[Kind.LOCATION]
    assert location.severity is Severity.HIGH
    assert location.evidence["GeoTIFF:GPSLatitude"] == "48.6782"  # 200 rows of 0.001 down
    assert location.evidence["GeoTIFF:GPSLongitude"] == "2.5445"  # 300 columns across
    assert_clean(report.cleaned, ".jpg")
