"""An embedded thumbnail "differs" when it shows a crop, an edit or another picture;
the comparison's answers make the thumbnail finding HIGH."""

from __future__ import annotations

from typing import Any

import pytest
from PIL import Image, ImageDraw

from tests.findings.build import IMAGE, MAIN, exif_thumbnail, metadata, only, small
from tests.support.images import encode, photo, with_thumbnail
from thinktwice.findings import analyse
from thinktwice.findings.pictures import thumbnail
from thinktwice.formats import jpeg as jpeg_format
from thinktwice.metadata.decode import decode
from thinktwice.models import Finding, Kind, Severity
from thinktwice.records import Picture
from thinktwice.vision.decode import Decoded, for_analysis
from thinktwice.vision.thumbnails import compare, compare_with, differs

from .build import jpeg


def thumb(image: Image.Image, size: tuple[int, int] = (160, 160), quality: int = 75) -> bytes:
    copy = image.copy()
    copy.thumbnail(size)
    return jpeg(copy, quality)


def test_a_thumbnail_of_the_same_image_does_not_differ() -> None:
    assert differs(thumb(MAIN), jpeg(MAIN, quality=90)) is False


def test_a_heavily_compressed_thumbnail_of_the_same_image_does_not_differ() -> None:
    assert differs(thumb(MAIN, quality=20), jpeg(MAIN, quality=50)) is False


def test_a_letterboxed_thumbnail_does_not_differ() -> None:
    # Cameras fit a 3:2 photo into a 4:3 thumbnail between black bars.
    small = MAIN.copy()
    small.thumbnail((160, 120))
    boxed = Image.new("RGB", (160, 120))
    boxed.paste(small, (0, (120 - small.height) // 2))
    assert differs(jpeg(boxed, quality=90), jpeg(MAIN, quality=90)) is False


def test_a_thumbnail_stored_unrotated_matches_a_rotated_image() -> None:
    # The main image says "rotate 90° to display"; its thumbnail is stored the same way.
    assert differs(thumb(MAIN), jpeg(MAIN, quality=90, orientation=6)) is False


@pytest.mark.parametrize(
    ("name", "original"),
    [
        ("left half (a crop changes the shape)", MAIN.crop((0, 0, 300, 400))),
        ("centre, same shape (a zoom)", MAIN.crop((150, 100, 450, 300)).resize((600, 400))),
        ("another picture", MAIN.transpose(Image.Transpose.FLIP_TOP_BOTTOM)),
        ("mirrored", MAIN.transpose(Image.Transpose.FLIP_LEFT_RIGHT)),
    ],
)
def test_a_thumbnail_of_the_original_differs_from_a_cropped_or_other_image(
    name: str, original: Image.Image
) -> None:
    # The file's main image is MAIN; its forgotten thumbnail shows `original`.
    assert differs(thumb(original), jpeg(MAIN, quality=90)) is True, name


def test_a_thumbnail_of_the_unedited_original_differs_from_a_retouched_image() -> None:
    edited = MAIN.copy()
    ImageDraw.Draw(edited).rectangle((225, 150, 375, 250), fill=(0, 0, 0))  # a hidden face
    assert differs(thumb(MAIN), jpeg(edited, quality=90)) is True


def test_png_main_images_are_compared_too() -> None:
    assert differs(thumb(MAIN), encode(MAIN, "PNG")) is False


@pytest.mark.parametrize(
    ("thumbnail", "image"),
    [
        (b"", jpeg(MAIN, quality=90)),
        (b"not an image", jpeg(MAIN, quality=90)),
        (thumb(MAIN)[:200], jpeg(MAIN, quality=90)),  # truncated
        (thumb(MAIN), b"\xff\xd8\xff\xe0garbage"),
        (thumb(MAIN), b""),
    ],
)
def test_undecodable_pictures_give_none_and_never_raise(thumbnail: bytes, image: bytes) -> None:
    assert differs(thumbnail, image) is None


def test_a_twelve_megapixel_image_is_decoded_at_reduced_scale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    big = jpeg(photo(400, 300).resize((4000, 3000)), quality=90)
    converted: list[tuple[int, int]] = []
    convert = Image.Image.convert

    def watched(self: Image.Image, *args: Any, **kwargs: Any) -> Image.Image:
        converted.append(self.size)
        return convert(self, *args, **kwargs)

    monkeypatch.setattr(Image.Image, "convert", watched)
    assert differs(thumb(photo(400, 300)), big) is False
    # JPEG's draft decodes at 1/8 scale: the 4000x3000 photo is never decoded whole.
    assert converted and max(w * h for w, h in converted) <= 500 * 375, converted


# ---- compare(): one answer per embedded picture, read by the findings ------------


def test_compare_answers_for_thumbnails_and_previews_only() -> None:
    pictures = (
        exif_thumbnail(small(MAIN)),
        Picture("extra_image", "MPF", small(MAIN)),
        Picture("preview", "MPF", small(MAIN.rotate(180))),
        exif_thumbnail(None),
        exif_thumbnail(b"garbage"),
    )
    assert compare(pictures, IMAGE) == (False, None, True, None, None)


def test_compare_without_thumbnails_decodes_nothing() -> None:
    assert compare([Picture("depth_map", "MPF", b"x")], b"not an image") == (None,)
    assert compare([], IMAGE) == ()


def test_a_thumbnail_of_the_same_picture_stays_medium_when_compared() -> None:
    meta = metadata(pictures=(exif_thumbnail(small(MAIN)),))
    finding = only(thumbnail, meta, compare(meta.pictures, IMAGE))
    assert finding.severity is Severity.MEDIUM
    assert "same picture" in finding.evidence["EXIF:thumbnail"]


@pytest.mark.parametrize(
    "original",
    [MAIN.crop((0, 0, 300, 400)), MAIN.transpose(Image.Transpose.FLIP_TOP_BOTTOM)],
    ids=["uncropped original", "another picture"],
)
def test_a_thumbnail_showing_something_else_is_high(original: Image.Image) -> None:
    meta = metadata(pictures=(exif_thumbnail(small(original)),))
    finding = only(thumbnail, meta, compare(meta.pictures, IMAGE))
    assert finding.severity is Severity.HIGH
    assert finding.message == (
        "Its hidden thumbnail shows a different picture — likely the uncropped "
        "or unedited original."
    )


def test_an_undecodable_thumbnail_is_still_reported() -> None:
    meta = metadata(pictures=(exif_thumbnail(b"garbage"),))
    finding = only(thumbnail, meta, compare(meta.pictures, IMAGE))
    assert finding.severity is Severity.MEDIUM


def test_the_image_is_used_to_compare_the_thumbnail() -> None:
    main = photo(600, 400)
    image = encode(main, "JPEG")
    other = main.rotate(180).resize((160, 107))
    meta = metadata(pictures=(Picture("thumbnail", "EXIF", encode(other, "JPEG")),))
    assert analyse(meta)[0].severity is Severity.MEDIUM  # not compared without the image
    assert analyse(meta, compare(meta.pictures, image))[0].severity is Severity.HIGH


# ---- from a real JPEG: exiftool writes the thumbnail, the engine reads and compares --


def thumbnail_finding(data: bytes) -> Finding:
    meta = decode(jpeg_format.read(data))
    found = {f.kind: f for f in analyse(meta, compare(meta.pictures, data))}
    return found[Kind.THUMBNAIL]


def test_a_thumbnail_of_the_same_picture_is_medium() -> None:
    finding = thumbnail_finding(with_thumbnail(IMAGE, small(MAIN)))
    assert finding.severity is Severity.MEDIUM


def test_a_thumbnail_of_the_uncropped_original_is_high() -> None:
    uncropped = photo(900, 400)  # the main image is a crop of this wider picture
    finding = thumbnail_finding(with_thumbnail(IMAGE, small(uncropped)))
    assert finding.severity is Severity.HIGH
    assert "different picture" in finding.message


# ---- compare_with(): against the picture pixel analysis already decoded ---------


@pytest.mark.parametrize("orientation", [None, 6, 3])
def test_the_analysed_picture_gives_the_answers_the_file_gives(orientation: int | None) -> None:
    # The thumbnail is stored the way the main image is, unrotated; both are turned.
    image = jpeg(MAIN, quality=90, orientation=orientation)
    pictures = (
        exif_thumbnail(thumb(MAIN)),
        exif_thumbnail(thumb(MAIN.crop((0, 0, 300, 400)))),
        exif_thumbnail(thumb(MAIN.transpose(Image.Transpose.FLIP_TOP_BOTTOM))),
    )
    decoded = for_analysis(image, 1000)
    assert compare_with(pictures, lambda: decoded) == compare(pictures, image)
    assert compare_with(pictures, lambda: decoded) == (False, True, True)


def test_an_undecodable_analysed_picture_gives_none() -> None:
    assert compare_with([exif_thumbnail(thumb(MAIN))], lambda: None) == (None,)


def test_without_thumbnails_the_analysed_picture_is_not_asked_for() -> None:
    def never() -> Decoded:
        raise AssertionError("asked for the picture without a thumbnail to compare")

    assert compare_with([Picture("depth_map", "MPF", b"x")], never) == (None,)
