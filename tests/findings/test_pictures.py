"""Hidden pictures: thumbnails (HIGH when they show something else), extra images, maps."""

from __future__ import annotations

import pytest

from thinktwice.findings.pictures import hidden_image, thumbnail
from thinktwice.findings.rule import Context
from thinktwice.models import Kind, Severity
from thinktwice.records import Picture, TrailerContent

from .build import MAIN, exif_thumbnail, metadata, only, run, small


@pytest.mark.parametrize("source", ["EXIF", "EXIF IFD1"])
def test_a_thumbnail_is_medium_and_names_where_it_is(source: str) -> None:
    picture = Picture("thumbnail", source, small(MAIN), "image/jpeg")
    finding = only(thumbnail, metadata(pictures=(picture,)))
    assert (finding.kind, finding.severity) == (Kind.THUMBNAIL, Severity.MEDIUM)
    assert finding.message == "It carries a hidden thumbnail of the photo (EXIF)."


def test_a_thumbnail_of_the_same_picture_stays_medium_when_compared() -> None:
    finding = only(thumbnail, metadata(pictures=(exif_thumbnail(small(MAIN)),)), (False,))
    assert finding.severity is Severity.MEDIUM
    assert "same picture" in finding.evidence["EXIF:thumbnail"]


def test_a_thumbnail_showing_something_else_is_high() -> None:
    finding = only(thumbnail, metadata(pictures=(exif_thumbnail(small(MAIN)),)), (True,))
    assert finding.severity is Severity.HIGH
    assert finding.message == (
        "Its hidden thumbnail shows a different picture — likely the uncropped "
        "or unedited original."
    )
    assert "shows a different picture" in finding.evidence["EXIF:thumbnail"]


def test_each_thumbnail_reads_its_own_comparison() -> None:
    pictures = (
        Picture("extra_image", "MPF", b"\xff\xd8"),
        exif_thumbnail(small(MAIN)),
        Picture("preview", "MPF", b"\xff\xd8", "image/jpeg"),
    )
    finding = only(thumbnail, metadata(pictures=pictures), (None, False, True))
    assert finding.severity is Severity.HIGH
    assert finding.evidence["EXIF:thumbnail"].endswith(", same picture")
    assert finding.evidence["MPF:preview"].endswith(", shows a different picture")


def test_comparisons_must_match_the_pictures() -> None:
    with pytest.raises(ValueError, match="2 picture comparisons given for 1 embedded pictures"):
        run(thumbnail, metadata(pictures=(exif_thumbnail(None),)), (False, True))


def test_thumbnails_and_previews_are_counted_with_their_sources() -> None:
    pictures = (
        exif_thumbnail(None),
        Picture("thumbnail", "Photoshop", None),
        Picture("preview", "MPF", None),
    )
    assert only(thumbnail, metadata(pictures=pictures)).message == (
        "It carries 2 hidden thumbnails and a hidden preview of the photo (EXIF, Photoshop, MPF)."
    )


def test_a_thumbnail_not_compared_is_still_reported() -> None:
    finding = only(thumbnail, metadata(pictures=(exif_thumbnail(b"garbage"),)), (None,))
    assert finding.severity is Severity.MEDIUM


def test_thumbnail_tags_without_the_picture_are_reported() -> None:
    meta = metadata(("IFD1", "ThumbnailOffset", 2018), ("IFD1", "ThumbnailLength", 15628))
    assert only(thumbnail, meta).message == "It carries a hidden thumbnail of the photo (EXIF)."


def test_an_empty_thumbnail_is_no_thumbnail() -> None:
    meta = metadata(("IFD1", "ThumbnailOffset", 892), ("IFD1", "ThumbnailLength", 0))
    assert run(thumbnail, meta) == []


def test_no_thumbnail_no_finding() -> None:
    assert run(thumbnail, metadata(("IFD0", "Make", "Canon"))) == []


@pytest.mark.parametrize(
    ("pictures", "message", "severity"),
    [
        ([Picture("extra_image", "MPF", b"\xff\xd8"), Picture("extra_image", "MPF", None)],
         "It hides 2 more images (MPF).", Severity.HIGH),
        ([Picture("depth_map", "HEIF auxiliary image", None)],
         "It hides a depth map (HEIF).", Severity.HIGH),
        # A gain map stays in the cleaned copy: said, but revealing nothing more.
        ([Picture("gain_map", "MPF", None)], "It keeps its HDR look (a gain map).", Severity.INFO),
        ([Picture("gain_map", "MPF", None), Picture("extra_image", "MPF", None)],
         "It hides 1 more image (MPF). It keeps its HDR look (a gain map).", Severity.HIGH),
        ([Picture("depth_map", "HEIF item 2 (auxl)", None),
          Picture("portrait_matte", "HEIF item 3 (auxl)", None),
          Picture("hair_matte", "HEIF item 4 (auxl)", None)],
         "It hides a depth map, a portrait matte and a hair matte (HEIF).", Severity.HIGH),
        ([Picture("sky_matte", "HEIF item 2 (auxl)", None)],
         "It hides a sky matte (HEIF).", Severity.MEDIUM),
    ],
)  # fmt: skip
def test_extra_pictures_are_counted_by_kind(
    pictures: list[Picture], message: str, severity: Severity
) -> None:
    finding = only(hidden_image, metadata(pictures=tuple(pictures)))
    assert finding.kind is Kind.HIDDEN_IMAGE
    assert (finding.message, finding.severity) == (message, severity)


@pytest.mark.parametrize(
    ("tags", "message"),
    [
        ([("XMP-GContainer", "DirectoryItemSemantic", ("Primary", "Depth"))],
         "It hides a depth map (XMP)."),
        ([("XMP-GDepth", "Data", "iVBORw0KGgo=")], "It hides a depth map (XMP)."),
        ([("XMP-GImage", "Data", "/9j/4AAQ")], "It hides 1 more image (XMP)."),
        ([("XMP-Device", "ContainerDirectoryItemSemantic", ("Primary", "Depth"))],
         "It hides a depth map (XMP)."),
    ],
)  # fmt: skip
def test_xmp_announced_pictures_are_reported(
    tags: list[tuple[str, str, object]], message: str
) -> None:
    assert only(hidden_image, metadata(*tags)).message == message


# What follows an Ultra HDR JPEG's EOI: the gain map, a JPEG of its own.
GAIN_MAP_TRAILER = TrailerContent(
    offset=40_000, length=9_000, start="ffd8ffe1", kind=None, motion=False, seconds=None,
    padding=False,
)  # fmt: skip
GAIN_MAP_XMP = [
    [("XMP-Container", "DirectoryItemSemantic", ("Primary", "GainMap"))],
    [("XMP-hdrgm", "Version", "1.0")],
]


@pytest.mark.parametrize("tags", GAIN_MAP_XMP)
def test_a_gain_map_announced_in_xmp_is_reported_when_the_file_holds_it(
    tags: list[tuple[str, str, object]],
) -> None:
    meta = metadata(*tags, trailer=GAIN_MAP_TRAILER)
    assert only(hidden_image, meta).message == "It keeps its HDR look (a gain map)."


@pytest.mark.parametrize("tags", GAIN_MAP_XMP)
def test_gain_map_xmp_left_behind_without_the_map_is_no_hidden_image(
    tags: list[tuple[str, str, object]],
) -> None:
    assert run(hidden_image, metadata(*tags)) == []
    thumbnail_only = metadata(*tags, pictures=(Picture("thumbnail", "IFD1", None),))
    assert run(hidden_image, thumbnail_only) == []


def test_xmp_does_not_double_count_a_picture_the_container_listed() -> None:
    meta = metadata(
        ("XMP-GContainer", "DirectoryItemSemantic", ("Primary", "Depth")),
        pictures=(Picture("depth_map", "MPF", None),),
    )
    assert only(hidden_image, meta).message == "It hides a depth map (MPF)."


def test_a_motion_photo_item_alone_is_no_hidden_image() -> None:
    meta = metadata(("XMP-GContainer", "DirectoryItemSemantic", ("Primary", "MotionPhoto")))
    assert run(hidden_image, meta) == []


def test_a_gain_map_the_clean_copy_drops_is_said_removed() -> None:
    meta = metadata(pictures=(Picture("gain_map", "MPF", None), Picture("depth_map", "MPF", None)))
    (finding,) = hidden_image(meta, Context.of(meta, keeps_hdr=False))
    assert finding.message == (
        "It hides a depth map (MPF). "
        "Its HDR gain map is removed: HDR screens will show it less bright."
    )
    assert finding.severity is Severity.HIGH
