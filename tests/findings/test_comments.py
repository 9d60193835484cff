"""Comments: text a person wrote, quoted briefly; cameras' stock phrases are skipped."""

from __future__ import annotations

import pytest

from thinktwice.findings.comments import comment, meaningless
from thinktwice.models import Kind, Severity

from .build import metadata, only, run


@pytest.mark.parametrize(
    ("group", "name", "value", "message"),
    [
        ("IFD0", "ImageDescription", "Our flat, 3rd floor",
         "It contains a description: “Our flat, 3rd floor”."),
        ("ExifIFD", "UserComment", "for your eyes only",
         "It contains a comment: “for your eyes only”."),
        ("IFD0", "XPComment", "for your eyes only", "It contains a comment: “for your eyes only”."),
        ("IFD0", "XPTitle", "Home", "It contains a title: “Home”."),
        ("IFD0", "XPSubject", "Home", "It contains a subject: “Home”."),
        ("IFD0", "XPKeywords", "home;private", "It contains keywords: “home;private”."),
        ("XMP-dc", "Description", "Holiday at home",
         "It contains a description: “Holiday at home”."),
        ("XMP-dc", "Title", "Holiday", "It contains a title: “Holiday”."),
        ("XMP-dc", "Subject", ("home", "private"), "It contains keywords: “home, private”."),
        ("IPTC", "Caption-Abstract", "Our flat", "It contains a description: “Our flat”."),
        ("IPTC", "Headline", "Moving day", "It contains a title: “Moving day”."),
        ("IPTC", "Keywords", ("private",), "It contains keywords: “private”."),
        ("IPTC", "ObjectName", "IMG-home", "It contains a title: “IMG-home”."),
        ("IPTC", "SpecialInstructions", "Do not share", "It contains a note: “Do not share”."),
    ],
)  # fmt: skip
def test_written_text_is_medium_and_quoted(
    group: str, name: str, value: object, message: str
) -> None:
    finding = only(comment, metadata((group, name, value)))
    assert (finding.kind, finding.severity) == (Kind.COMMENT, Severity.MEDIUM)
    assert finding.message == message
    assert f"{group}:{name}" in finding.evidence


@pytest.mark.parametrize(
    ("source", "key", "value", "message"),
    [
        ("JPEG COM", "", "meet me at 8", "It contains a comment: “meet me at 8”."),
        ("GIF comment", "Comment", "for Bob", "It contains a comment: “for Bob”."),
        ("PNG tEXt", "Comment", "for Bob", "It contains a comment: “for Bob”."),
        ("PNG iTXt", "Description", "for Bob", "It contains a description: “for Bob”."),
        ("PNG zTXt", "Title", "for Bob", "It contains a title: “for Bob”."),
        ("PNG tEXt", "Disclaimer", "private", "It contains a note: “private”."),
        ("PNG tEXt", "Warning", "private", "It contains a note: “private”."),
        ("PNG tEXt", "parameters", "a portrait of Alice, 4k",
         "It contains a text note: “a portrait of Alice, 4k”."),
    ],
)  # fmt: skip
def test_free_text_entries_are_quoted(source: str, key: str, value: str, message: str) -> None:
    assert only(comment, metadata(text=((source, key, value),))).message == message


def test_long_text_is_cut_at_a_word_near_sixty_characters() -> None:
    long = "This is the view from our new flat on the third floor, just next to the station"
    message = only(comment, metadata(("IFD0", "ImageDescription", long))).message
    assert message == (
        "It contains a description: “This is the view from our new flat on the third floor, just…”."
    )


def test_several_texts_lead_with_the_title_and_count_the_others() -> None:
    meta = metadata(
        ("IFD0", "ImageDescription", "Our flat"),
        ("XMP-dc", "Description", "Our flat"),  # the same text twice counts once
        ("XMP-dc", "Title", "Moving day"),
        ("IPTC", "Keywords", ("home",)),
    )
    assert only(comment, meta).message == ("It contains a title: “Moving day” (and 2 more texts).")


@pytest.mark.parametrize(
    "value",
    ["OLYMPUS DIGITAL CAMERA", "SONY DSC", "", "   ", "Default", "LEAD Technologies Inc. V1.01",
     "AppleMark", "KONICA MINOLTA DIGITAL CAMERA", "KODAK Digital Still Camera",
     "EXIF_JPEG_PICTURE", "\x00\x00\x00", "oplus_8388608", "oplus_8601468928"],
)  # fmt: skip
def test_camera_stock_phrases_are_ignored(value: str) -> None:
    assert run(comment, metadata(("IFD0", "ImageDescription", value))) == []


def test_a_description_that_only_repeats_the_camera_name_is_ignored() -> None:
    meta = metadata(
        ("IFD0", "Make", "NIKON"),
        ("IFD0", "Model", "COOLPIX P1"),
        ("IFD0", "ImageDescription", "NIKON COOLPIX P1"),
    )
    assert run(comment, meta) == []


def test_an_editors_signature_is_no_comment() -> None:
    assert run(comment, metadata(text=(("JPEG COM", "", "Created with GIMP"),))) == []


@pytest.mark.parametrize(
    ("source", "key"),
    [
        ("PNG tEXt", "Author"),  # a name: person_name's
        ("PNG tEXt", "Software"),  # editing_history's
        ("PNG tEXt", "Creation Time"),  # capture_time's
        ("PNG tEXt", "date:create"),  # ImageMagick's copies
        ("PNG tEXt", "exif:Make"),
        ("PNG zTXt", "Raw profile type exif"),  # an encoded block
        ("PNG iTXt", "XML:com.adobe.xmp"),
    ],
)
def test_text_entries_other_rules_report_are_not_notes(source: str, key: str) -> None:
    assert run(comment, metadata(text=((source, key, "Alice Example 2024"),))) == []


def test_meaningless_is_case_insensitive() -> None:
    assert meaningless("olympus digital camera")
    assert not meaningless("Olympus holiday")
