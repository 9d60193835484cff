"""Location: a GPS position is named as the nearest town; place fields are quoted."""

from __future__ import annotations

import pytest

from thinktwice.findings.location import location
from thinktwice.models import Kind, Severity

from .build import metadata, only, run

VANVES_EXIF = (
    ("GPS", "GPSLatitudeRef", "N"),
    ("GPS", "GPSLatitude", (48.0, 49.0, 18.84)),
    ("GPS", "GPSLongitudeRef", "E"),
    ("GPS", "GPSLongitude", (2.0, 17.0, 20.4)),
)


def test_exif_gps_names_the_nearest_town_at_high_severity() -> None:
    finding = only(location, metadata(*VANVES_EXIF))
    assert finding.kind is Kind.LOCATION
    assert finding.severity is Severity.HIGH
    assert finding.message == "It shows where it was taken: in Vanves, Île-de-France, France (GPS)."


def test_the_positioning_error_gives_the_precision() -> None:
    meta = metadata(*VANVES_EXIF, ("GPS", "GPSHPositioningError", 5.0))
    assert only(location, meta).message.endswith("in Vanves, Île-de-France, France (GPS, ±5 m).")


@pytest.mark.parametrize(
    ("lat", "lon"),
    [("48,49.314N", "2,17.34E"), ("48,49,18.84N", "2,17,20.4E")],
)
def test_xmp_gps_strings_name_the_town(lat: str, lon: str) -> None:
    meta = metadata(("XMP-exif", "GPSLatitude", lat), ("XMP-exif", "GPSLongitude", lon))
    assert "in Vanves, Île-de-France, France" in only(location, meta).message


def test_evidence_shows_the_coordinates_as_decimal_degrees() -> None:
    evidence = only(location, metadata(*VANVES_EXIF)).evidence
    assert evidence["GPS:GPSLatitude"] == "48.8219"
    assert evidence["GPS:GPSLongitude"] == "2.289"
    assert evidence["GPS:GPSLatitudeRef"] == "N"


@pytest.mark.parametrize(
    "tags",
    [
        [("GPS", "GPSLatitude", (0.0, 0.0, 0.0)), ("GPS", "GPSLongitude", (0.0, 0.0, 0.0))],
        [("GPS", "GPSLatitude", (91.0, 0.0, 0.0)), ("GPS", "GPSLongitude", (2.0, 0.0, 0.0))],
        [("GPS", "GPSLatitude", "nonsense"), ("GPS", "GPSLongitude", "nonsense")],
    ],
)
def test_gps_fields_without_a_usable_position_are_medium_and_name_no_place(
    tags: list[tuple[str, str, object]],
) -> None:
    finding = only(location, metadata(*tags))
    assert finding.severity is Severity.MEDIUM
    assert finding.message == "It has GPS location fields, but they hold no usable position."


@pytest.mark.parametrize(
    ("tags", "message"),
    [
        (
            [("IPTC", "City", "Vanves"), ("IPTC", "Country-PrimaryLocationName", "France")],
            "It names a place: Vanves, France (IPTC location fields).",
        ),
        (
            [("XMP-photoshop", "City", "Vanves"), ("IPTC", "City", "Vanves"),
             ("XMP-photoshop", "Country", "France")],
            "It names a place: Vanves, France (XMP/IPTC location fields).",
        ),
        (
            [("IPTC", "Sub-location", "12 Rue Example"), ("IPTC", "City", "Vanves")],
            "It names a place: 12 Rue Example, Vanves (IPTC location fields).",
        ),
        (
            [("XMP-iptcExt", "LocationShownCity", ("Vanves",))],
            "It names a place: Vanves (XMP location fields).",
        ),
        (
            [("XMP-iptcCore", "CreatorContactInfoCiAdrCity", "Vanves")],
            "It names a place: Vanves (XMP location fields).",
        ),
    ],
)  # fmt: skip
def test_place_fields_alone_are_quoted_at_high_severity(
    tags: list[tuple[str, str, object]], message: str
) -> None:
    finding = only(location, metadata(*tags))
    assert finding.severity is Severity.HIGH
    assert finding.message == message


def test_a_country_alone_is_medium() -> None:
    finding = only(location, metadata(("XMP-photoshop", "Country", "France")))
    assert finding.severity is Severity.MEDIUM
    assert finding.message == "It names a place: France (XMP location fields)."


def test_gps_and_place_fields_make_one_finding_with_all_the_evidence() -> None:
    meta = metadata(
        *VANVES_EXIF,
        ("XMP-exif", "GPSLatitude", "48,49.314N"),
        ("XMP-exif", "GPSLongitude", "2,17.34E"),
        ("IPTC", "City", "Vanves"),
        ("IPTC", "Country-PrimaryLocationCode", "FRA"),
    )
    finding = only(location, meta)
    assert finding.message.startswith(
        "It shows where it was taken: in Vanves, Île-de-France, France"
    )
    assert {"GPS:GPSLatitude", "XMP-exif:GPSLatitude", "IPTC:City",
            "IPTC:Country-PrimaryLocationCode"} <= set(finding.evidence)  # fmt: skip


def test_a_position_far_from_towns_says_the_distance() -> None:
    meta = metadata(("XMP-exif", "GPSLatitude", "0,0.0N"), ("XMP-exif", "GPSLongitude", "30,0.0W"))
    assert "km from" in only(location, meta).message


def test_blank_place_fields_and_no_gps_find_nothing() -> None:
    assert run(location, metadata(("IPTC", "City", "  "), ("IFD0", "Make", "Canon"))) == []


def test_a_position_in_a_city_district_names_the_district_and_the_city() -> None:
    meta = metadata(
        ("XMP-exif", "GPSLatitude", "40,23.4N"), ("XMP-exif", "GPSLongitude", "3,42.9W")
    )
    message = only(location, meta).message
    assert message == "It shows where it was taken: in Comillas, Madrid, Spain (GPS)."


def test_a_position_outside_a_town_reads_near_it() -> None:
    meta = metadata(("XMP-exif", "GPSLatitude", "48,48.0N"), ("XMP-exif", "GPSLongitude", "2,6.0E"))
    message = only(location, meta).message
    assert (
        message
        == "It shows where it was taken: near Saint-Cyr-l'École, Île-de-France, France (GPS)."
    )
