"""What videos reveal, in the same kinds and words as photos (through the whole pipeline)."""

from __future__ import annotations

from tests.support.videos import videos  # noqa: F401 (a fixture)
from thinktwice import inspect
from thinktwice.models import Kind, Severity


def findings(path):
    report = inspect(path.read_bytes(), path.name, pixels=False)
    return {f.kind: f for f in report.findings}, report


def test_an_iphone_video_says_where_what_when_and_its_live_photo_id(videos):  # noqa: F811
    found, report = findings(videos["apple"])
    assert report.format == "mov" and report.verdict == "high"
    assert (
        found[Kind.LOCATION].message
        == "It shows where it was filmed: in Paris, Île-de-France, France (GPS, ±4 m)."
    )
    assert found[Kind.DEVICE_MODEL].message == "It names your camera: Apple iPhone 15 Pro."
    assert found[Kind.CAPTURE_TIME].message == (
        "It shows when it was filmed: 14 March 2024, 18:02 (UTC+01:00)."
    )
    assert found[Kind.DEVICE_SERIAL].severity == Severity.HIGH
    assert "5F4E2A1B-LIVE-PHOTO" in found[Kind.DEVICE_SERIAL].evidence.values()
    assert found[Kind.EDITING_HISTORY].evidence["Keys:Software"] == "17.2"
    assert Kind.COMMENT not in found  # every atom is claimed by its rule


def test_the_header_times_are_a_utc_capture_time(videos):  # noqa: F811
    found, _ = findings(videos["faststart"])
    assert (
        found[Kind.CAPTURE_TIME].message
        == "It shows when it was filmed: 14 March 2024, 17:02 (UTC)."
    )


def test_a_telemetry_route_leads_the_location(videos):  # noqa: F811
    found, _ = findings(videos["camm"])
    # A 700 m walk inside Paris: one place at the gazetteer's scale.
    assert found[Kind.LOCATION].message == (
        "It records the route it was filmed along (6 points, in Paris, Île-de-France, France)."
    )
    assert found[Kind.LOCATION].severity == Severity.HIGH
    assert found[Kind.EDITING_HISTORY].message == "It records the editing software: Lavf59.27.100."


def test_exiftool_written_tags_name_the_person_and_the_phone(videos):  # noqa: F811
    found, _ = findings(videos["exiftool"])
    assert found[Kind.PERSON_NAME].message == "It names a person: Jane Doe."
    assert found[Kind.DEVICE_MODEL].message == "It names your camera: samsung SM-G991B."


def test_cover_art_is_a_hidden_image(videos):  # noqa: F811
    found, _ = findings(videos["cover"])
    assert found[Kind.HIDDEN_IMAGE].severity == Severity.HIGH


def test_the_report_carries_the_verified_clean_copy_or_none(videos):  # noqa: F811
    data = videos["apple"].read_bytes()
    kept = inspect(data, "IMG_0001.MOV", pixels=False)
    assert kept.cleaned and len(kept.cleaned) < len(data)
    assert inspect(kept.cleaned, pixels=False).findings == ()
    assert inspect(data, pixels=False, keep_cleaned=False).cleaned == b""
