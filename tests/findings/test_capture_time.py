"""Time: when the photo was taken, in words, with its UTC offset when the file has one."""

from __future__ import annotations

from datetime import timedelta

import pytest

from thinktwice.findings.capture_time import capture_time, parse, parse_offset, utc_offset
from thinktwice.models import Kind, Severity

from .build import metadata, only, run


@pytest.mark.parametrize(
    ("tags", "when"),
    [
        ([("ExifIFD", "DateTimeOriginal", "2024:03:14 18:02:11"),
          ("ExifIFD", "OffsetTimeOriginal", "+01:00"),
          ("ExifIFD", "SubSecTimeOriginal", "550")],
         "taken: 14 March 2024, 18:02 (UTC+01:00)"),
        ([("ExifIFD", "DateTimeOriginal", "2024:03:14 18:02:11")],
         "taken: 14 March 2024, 18:02"),
        ([("ExifIFD", "CreateDate", "2024:03:14 18:02:11"),
          ("ExifIFD", "OffsetTimeDigitized", "-05:30")],
         "taken: 14 March 2024, 18:02 (UTC-05:30)"),
        ([("XMP-exif", "DateTimeOriginal", "2024-03-14T18:02:11.123+01:00")],
         "taken: 14 March 2024, 18:02 (UTC+01:00)"),
        ([("XMP-xmp", "CreateDate", "2024-03-14T18:02:11Z")],
         "taken: 14 March 2024, 18:02 (UTC)"),
        ([("XMP-photoshop", "DateCreated", "2024-03")], "taken: March 2024"),
        ([("XMP-photoshop", "DateCreated", "2024")], "taken: 2024"),
        ([("IPTC", "DateCreated", "2024:03:14"), ("IPTC", "TimeCreated", "18:02:11+01:00")],
         "taken: 14 March 2024, 18:02 (UTC+01:00)"),
        ([("IPTC", "DateCreated", "20240314"), ("IPTC", "TimeCreated", "180211+0100")],
         "taken: 14 March 2024, 18:02 (UTC+01:00)"),
        ([("GPS", "GPSDateStamp", "2024:03:14"), ("GPS", "GPSTimeStamp", (17.0, 2.0, 11.0))],
         "taken: 14 March 2024, 17:02 (UTC)"),
        ([("PNG tEXt", "Creation Time", "Thu, 14 Mar 2024 18:02:11 +0100")],
         "created: 14 March 2024, 18:02 (UTC+01:00)"),
        ([("PNG tEXt", "date:create", "2024-03-14T18:02:11+00:00")],
         "created: 14 March 2024, 18:02 (UTC)"),
        ([("IFD0", "ModifyDate", "2024:03:14 18:02:11"), ("ExifIFD", "OffsetTime", "+01:00")],
         "last saved: 14 March 2024, 18:02 (UTC+01:00)"),
        ([("PNG tIME", "tIME", "2024-03-14T18:02:11")],
         "last saved: 14 March 2024, 18:02"),
    ],
)  # fmt: skip
def test_times_are_said_in_words_with_their_offset(
    tags: list[tuple[str, str, object]], when: str
) -> None:
    finding = only(capture_time, metadata(*tags))
    assert (finding.kind, finding.severity) == (Kind.CAPTURE_TIME, Severity.MEDIUM)
    assert finding.message == f"It shows when it was {when}."


def test_the_capture_time_leads_and_every_time_is_evidence() -> None:
    meta = metadata(
        ("IFD0", "ModifyDate", "2024:05:01 09:00:00"),
        ("GPS", "GPSDateStamp", "2024:03:14"),
        ("GPS", "GPSTimeStamp", (17.0, 2.0, 11.0)),
        ("ExifIFD", "DateTimeOriginal", "2024:03:14 18:02:11"),
        ("ExifIFD", "SubSecTimeOriginal", "550"),
    )
    finding = only(capture_time, meta)
    assert finding.message == "It shows when it was taken: 14 March 2024, 18:02."
    assert set(finding.evidence) == {
        "IFD0:ModifyDate", "GPS:GPSDateStamp", "GPS:GPSTimeStamp", "ExifIFD:DateTimeOriginal",
        "ExifIFD:SubSecTimeOriginal",
    }  # fmt: skip


def test_an_unparseable_time_is_still_reported_as_written() -> None:
    finding = only(capture_time, metadata(("ExifIFD", "DateTimeOriginal", "Spring 2024")))
    assert finding.message == "It shows when it was taken: “Spring 2024”."


def test_a_later_parseable_source_wins_over_an_unparseable_one() -> None:
    meta = metadata(
        ("ExifIFD", "DateTimeOriginal", "2024:13:45 99:99:99"),
        ("IFD0", "ModifyDate", "2024:03:14 18:02:11"),
    )
    assert only(capture_time, meta).message == (
        "It shows when it was last saved: 14 March 2024, 18:02."
    )


@pytest.mark.parametrize(
    "value", ["0000:00:00 00:00:00", "    :  :     :  :  ", "", "\x00\x00", "0000-00-00"]
)
def test_blank_camera_clocks_are_ignored(value: str) -> None:
    assert run(capture_time, metadata(("ExifIFD", "DateTimeOriginal", value))) == []


@pytest.mark.parametrize(
    "value", ["2024:02:30 10:00:00", "2024:03:14 24:00:00", "2024-3-14", "yesterday", "14/03/2024"]
)
def test_impossible_or_foreign_dates_do_not_parse(value: str) -> None:
    assert parse(value) is None


@pytest.mark.parametrize(
    ("value", "moment", "offset"),
    [
        ("Thu, 14 Mar 2024 18:02:11 +0100", (2024, 3, 14, 18, 2, 11), timedelta(hours=1)),
        ("14 Mar 2024 18:02 GMT", (2024, 3, 14, 18, 2, 0), timedelta(0)),
        ("Thu, 14 March 24 18:02:11 EST", (2024, 3, 14, 18, 2, 11), timedelta(hours=-5)),
        ("Mon, 1 Feb 99 9:05:00 -0530", (1999, 2, 1, 9, 5, 0), timedelta(hours=-5, minutes=-30)),
        # RFC 5322: -0000 and zone names it does not know leave the offset unknown.
        ("Thu, 14 Mar 2024 18:02:11 -0000", (2024, 3, 14, 18, 2, 11), None),
        ("Thu, 14 Mar 2024 18:02:11 CET", (2024, 3, 14, 18, 2, 11), None),
    ],
)
def test_e_mail_style_dates_parse_with_their_zone(
    value: str, moment: tuple[int, ...], offset: timedelta | None
) -> None:
    when = parse(value)
    assert when is not None and when.clock is not None and when.precision == "day"
    day, clock = when.day, when.clock
    assert (day.year, day.month, day.day, clock.hour, clock.minute, clock.second) == moment
    assert when.offset == offset


@pytest.mark.parametrize(
    "value",
    ["Thu, 30 Feb 2024 18:02:11 +0100", "Thu, 14 Foo 2024 18:02:11", "14 Mar 2024 25:00 GMT"],
)
def test_impossible_e_mail_style_dates_do_not_parse(value: str) -> None:
    assert parse(value) is None


@pytest.mark.parametrize(
    ("text", "offset", "shown"),
    [
        ("+01:00", timedelta(hours=1), "UTC+01:00"),
        ("-0530", timedelta(hours=-5, minutes=-30), "UTC-05:30"),
        ("Z", timedelta(0), "UTC"),
        ("+00:00", timedelta(0), "UTC"),
        ("+15:00", None, None),
        ("+1:00", None, None),
    ],
)
def test_offsets_parse_and_read_as_people_write_them(
    text: str, offset: timedelta | None, shown: str | None
) -> None:
    assert parse_offset(text) == offset
    if offset is not None:
        assert utc_offset(offset) == shown
