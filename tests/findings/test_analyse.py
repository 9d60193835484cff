"""analyse(): every rule runs, one finding per kind, worst first; the verdict follows."""

from __future__ import annotations

import pytest

from thinktwice.findings import RULES, analyse, collapse
from thinktwice.metadata.trailer import read_trailer
from thinktwice.models import Finding, Kind, Report, Severity
from thinktwice.records import Picture, Trailer
from thinktwice.vision.report import KINDS as PIXEL_KINDS

from .build import metadata

EVERYTHING = metadata(
    ("GPS", "GPSLatitudeRef", "N"),
    ("GPS", "GPSLatitude", (48.0, 49.0, 18.84)),
    ("GPS", "GPSLongitudeRef", "E"),
    ("GPS", "GPSLongitude", (2.0, 17.0, 20.4)),
    ("XMP-exif", "GPSLatitude", "48,49.314N"),
    ("XMP-exif", "GPSLongitude", "2,17.34E"),
    ("IPTC", "City", "Vanves"),
    ("IFD0", "Make", "Apple"),
    ("IFD0", "Model", "iPhone 15 Pro"),
    ("ExifIFD", "SerialNumber", "SN-4815162342"),
    ("IFD0", "Artist", "Alice Example"),
    ("XMP-iptcCore", "CreatorContactInfoCiEmailWork", "alice@example.com"),
    ("ExifIFD", "DateTimeOriginal", "2024:03:14 18:02:11"),
    ("IFD0", "Software", "Adobe Photoshop 25.0"),
    ("IFD0", "ImageDescription", "Our flat, 3rd floor"),
    ("XMP-GContainer", "DirectoryItemSemantic", ("Primary", "Depth")),
    pictures=(Picture("thumbnail", "EXIF", None),),
    trailer=read_trailer(Trailer(1000, 300, b"\x01" * 300)),
)


def test_rules_cover_every_metadata_kind() -> None:
    metadata_kinds = set(Kind) - PIXEL_KINDS  # the pixel kinds come from vision/
    # One rule per kind, plus credentials.py, which words Content Credentials in several.
    assert len(RULES) == len(metadata_kinds) + 1
    assert {f.kind for f in analyse(EVERYTHING)} == metadata_kinds


def test_findings_come_worst_first_then_in_kind_order() -> None:
    findings = analyse(EVERYTHING)
    order = list(Kind)
    keys = [(-f.severity, order.index(f.kind)) for f in findings]
    assert keys == sorted(keys)
    assert findings[0].kind is Kind.LOCATION
    assert findings[-1].severity is Severity.LOW


def test_every_kind_appears_once_with_all_its_sources_as_evidence() -> None:
    findings = analyse(EVERYTHING)
    assert len(findings) == len({f.kind for f in findings})
    (location,) = [f for f in findings if f.kind is Kind.LOCATION]
    assert {"GPS:GPSLatitude", "XMP-exif:GPSLatitude", "IPTC:City"} <= set(location.evidence)


def test_every_message_is_one_plain_sentence() -> None:
    for finding in analyse(EVERYTHING):
        assert finding.message[0].isupper() and finding.message.endswith("."), finding.message
        assert "\n" not in finding.message
        assert all(isinstance(v, str) and len(v) <= 200 for v in finding.evidence.values())


def test_nothing_revealing_gives_no_findings() -> None:
    meta = metadata(("IFD0", "Orientation", 1), ("IFD0", "XResolution", 72.0))
    assert analyse(meta) == []


def test_collapse_keeps_the_worst_sentence_and_merges_evidence() -> None:
    findings = [
        Finding(Kind.COMMENT, Severity.MEDIUM, "first.", {"a": "1"}),
        Finding(Kind.COMMENT, Severity.HIGH, "worse.", {"b": "2", "a": "1"}),
        Finding(Kind.COMMENT, Severity.HIGH, "as bad, later.", {"a": "3"}),
    ]
    (merged,) = collapse(findings)
    assert (merged.severity, merged.message) == (Severity.HIGH, "worse.")
    assert merged.evidence == {"b": "2", "a": "1", "a #2": "3"}


def test_the_comparisons_decide_the_thumbnail() -> None:
    meta = metadata(pictures=(Picture("thumbnail", "EXIF", b"\xff\xd8"),))
    assert analyse(meta)[0].severity is Severity.MEDIUM  # not compared
    assert analyse(meta, (True,))[0].severity is Severity.HIGH


@pytest.mark.parametrize(
    ("tags", "verdict"),
    [
        ([], "none"),
        ([("IFD0", "Make", "Canon")], "low"),
        ([("IFD0", "Make", "Canon"), ("ExifIFD", "DateTimeOriginal", "2024:03:14 18:02:11")],
         "medium"),
        ([("IFD0", "Make", "Canon"), ("IFD0", "Artist", "Alice Example")], "high"),
    ],
)  # fmt: skip
def test_the_report_verdict_is_the_worst_finding(
    tags: list[tuple[str, str, object]], verdict: str
) -> None:
    report = Report("jpeg", "image/jpeg", tuple(analyse(metadata(*tags))), cleaned=b"")
    assert report.verdict == verdict
    assert report.to_dict()["verdict"] == verdict
