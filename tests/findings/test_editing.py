"""The editing trail: software names, XMP history, document IDs, content credentials."""

from __future__ import annotations

import pytest

from thinktwice.findings.editing import editing_history, editor_names
from thinktwice.models import Kind, Severity
from thinktwice.records import Tag

from .build import metadata, only, run

PHOTOSHOP = "Adobe Photoshop 25.0 (Windows)"


@pytest.mark.parametrize(
    ("tags", "text", "message"),
    [
        ([("IFD0", "Software", PHOTOSHOP)], (),
         f"It records the editing software: {PHOTOSHOP}."),
        ([("XMP-xmp", "CreatorTool", PHOTOSHOP), ("IFD0", "Software", PHOTOSHOP)], (),
         f"It records the editing software: {PHOTOSHOP}."),
        ([("IFD0", "Software", "GIMP 2.10.36"), ("XMP-xmp", "CreatorTool", PHOTOSHOP)], (),
         f"It records the editing software: GIMP 2.10.36 and {PHOTOSHOP}."),
        ([("IPTC", "OriginatingProgram", "Lightroom")], (),
         "It records the editing software: Lightroom."),
        ([], (("PNG tEXt", "Software", "Paint.NET 5.0"),),
         "It records the editing software: Paint.NET 5.0."),
        ([], (("JPEG COM", "", "Created with GIMP"),),
         "It records the editing software: GIMP."),
        ([("XMP-xmpMM", "HistorySoftwareAgent", (PHOTOSHOP, PHOTOSHOP, PHOTOSHOP)),
          ("XMP-xmpMM", "HistoryAction", ("created", "converted", "saved"))], (),
         f"It records the editing software: {PHOTOSHOP}, with an editing history (3 steps)."),
        ([("XMP-xmpMM", "HistoryAction", ("saved",))], (),
         "It records an editing history (1 step)."),
        ([("XMP-xmpMM", "DocumentID", "xmp.did:7f1e2d3c"),
          ("XMP-xmpMM", "OriginalDocumentID", "xmp.did:0a1b2c3d")], (),
         "It carries document IDs that can link it to other copies of the file."),
        ([("XMP-photoshop", "DocumentAncestors", ("xmp.did:1", "xmp.did:2"))], (),
         "It carries document IDs that can link it to other copies of the file."),
        ([("XMP-crs", "Exposure2012", "+0.50")], (),
         "It records settings from the software that edited it."),
        ([("IFD0", "Software", "17.4.1")], (),
         "It records the device's software version: 17.4.1."),
        ([], (("Keys", "AndroidVersion", "12"),),  # an Android phone's video: a bare number
         "It records the device's software version: Android 12."),
        ([("IFD0", "Software", "Ver.1.00"), ("XMP-xmp", "CreatorTool", "Lightroom 6.2")], (),
         "It records the editing software: Lightroom 6.2."),
    ],
)  # fmt: skip
def test_the_editing_trail_is_low_and_names_the_software(
    tags: list[tuple[str, str, object]], text: tuple[tuple[str, str, str], ...], message: str
) -> None:
    finding = only(editing_history, metadata(*tags, text=text))
    assert (finding.kind, finding.severity) == (Kind.EDITING_HISTORY, Severity.LOW)
    assert finding.message == message


def test_a_content_credentials_block_is_reported() -> None:
    finding = only(editing_history, metadata(extra=("APP11 JUMBF (C2PA)",)))
    assert finding.message == "It carries a content credentials record (C2PA) of how it was made."
    assert finding.evidence == {"Extra:block": "APP11 JUMBF (C2PA)"}


def test_every_part_of_the_trail_is_evidence() -> None:
    meta = metadata(
        ("IFD0", "Software", PHOTOSHOP),
        ("XMP-xmpMM", "HistoryWhen", ("2024-03-14T18:02:11+01:00",)),
        ("XMP-xmpMM", "InstanceID", "xmp.iid:1"),
    )
    assert set(only(editing_history, meta).evidence) == {
        "IFD0:Software", "XMP-xmpMM:HistoryWhen", "XMP-xmpMM:InstanceID",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("comment", "names"),
    [
        ("Created with GIMP", ["GIMP"]),
        ("CREATOR: gd-jpeg v1.0 (using IJG JPEG v62), quality = 90",
         ["gd-jpeg v1.0 (using IJG JPEG v62)"]),
        ("File written by Adobe Photoshop® 4.0", ["Adobe Photoshop® 4.0"]),
        ("Optimized by JPEGmini 3.18.2.2", ["JPEGmini 3.18.2.2"]),
        ("Our flat, 3rd floor", []),
    ],
)  # fmt: skip
def test_editors_that_sign_a_comment_are_named(comment: str, names: list[str]) -> None:
    assert editor_names(Tag("JPEG COM", "", comment)) == names


def test_nothing_edited_nothing_found() -> None:
    assert run(editing_history, metadata(("IFD0", "Make", "Canon"))) == []
