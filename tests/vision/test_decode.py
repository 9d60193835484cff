"""Pictures are decoded small, the right way up, and never past the pixel limit."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from tests.support.images import encode, photo
from thinktwice.errors import ImageTooLarge
from thinktwice.limits import Limits
from thinktwice.vision.decode import for_analysis, full

from .build import jpeg, large_photo

SIZE = 1000
QUALITY: dict[str, dict[str, object]] = {"JPEG": {"quality": 90}, "HEIF": {"quality": 90},
                                         "AVIF": {"quality": 90}}  # fmt: skip


@pytest.mark.parametrize(
    ("width", "height"), [(4000, 3000), (4032, 3024), (3000, 4000), (6000, 4000), (1200, 300)]
)
def test_a_large_jpeg_is_decoded_at_most_at_the_analysis_size(width, height):
    decoded = for_analysis(jpeg(large_photo(width, height), quality=80), SIZE)
    assert max(decoded.image.size) <= SIZE
    assert (decoded.width, decoded.height) == (width, height)


def test_jpeg_draft_mode_decodes_a_reduced_picture_directly():
    # libjpeg's scaled decoding: a 4000x3000 JPEG decodes straight to 1000x750.
    with Image.open(io.BytesIO(jpeg(large_photo(4000, 3000), quality=80))) as im:
        im.draft("RGB", (SIZE, 750))
        assert im.size == (1000, 750)
    assert for_analysis(jpeg(large_photo(4000, 3000), quality=80), SIZE).image.size == (1000, 750)


@pytest.mark.parametrize("fmt", ["PNG", "WEBP", "TIFF", "GIF"])
def test_other_formats_are_reduced_to_the_analysis_size(fmt):
    decoded = for_analysis(encode(large_photo(2600, 1300), fmt), SIZE)
    assert max(decoded.image.size) <= SIZE
    assert decoded.image.mode == "RGB"
    assert (decoded.width, decoded.height) == (2600, 1300)


def test_a_small_picture_is_not_enlarged():
    decoded = for_analysis(jpeg(photo(300, 200)), SIZE)
    assert decoded.image.size == (300, 200)


@pytest.mark.parametrize(
    ("orientation", "upright_size"),
    [(1, (400, 200)), (3, (400, 200)), (6, (200, 400)), (8, (200, 400))],
)
def test_exif_orientation_is_applied(orientation, upright_size):
    decoded = for_analysis(jpeg(photo(400, 200), orientation=orientation), SIZE)
    assert decoded.image.size == upright_size
    assert (decoded.width, decoded.height) == upright_size
    assert full(jpeg(photo(400, 200), orientation=orientation)).size == upright_size


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "TIFF", "HEIF", "AVIF"])
def test_a_marked_corner_lands_where_a_viewer_shows_it_in_every_format(fmt):
    # A white block in the stored top-left corner; orientation 6 turns it to the top-right.
    # (Pillow's TIFF decoder applies the orientation itself: it must not be applied twice.)
    stored = Image.new("RGB", (400, 200), "black")
    stored.paste((255, 255, 255), (0, 0, 40, 40))
    exif = Image.Exif()
    exif[0x0112] = 6
    data = encode(stored, fmt, exif=exif.tobytes(), **QUALITY.get(fmt, {}))
    for picture in (for_analysis(data, SIZE).image, full(data).convert("RGB")):
        assert picture.size == (200, 400)
        assert picture.getpixel((180, 20))[0] > 200
        assert picture.getpixel((20, 20))[0] < 50


def test_boxes_scale_back_to_original_pixels():
    decoded = for_analysis(jpeg(large_photo(4000, 3000), quality=80), SIZE)
    box = decoded.box(100, 50, 200, 150)
    assert (box.x, box.y, box.width, box.height) == (400, 200, 400, 400)
    clipped = decoded.box(-10, -10, 2000, 2000)
    assert (clipped.x, clipped.y, clipped.width, clipped.height) == (0, 0, 4000, 3000)


def test_transparent_pixels_are_analysed_on_white():
    clear = Image.new("RGBA", (50, 50), (0, 0, 0, 0))
    assert for_analysis(encode(clear, "PNG"), SIZE).image.getpixel((25, 25)) == (255, 255, 255)


def test_a_declared_size_over_the_pixel_limit_is_refused_before_decoding():
    with pytest.raises(ImageTooLarge, match="declares 400x300"):
        for_analysis(jpeg(photo(400, 300)), SIZE, Limits(max_pixels=100_000))
    with pytest.raises(ImageTooLarge):
        full(jpeg(photo(400, 300)), Limits(max_pixels=100_000))


@pytest.mark.parametrize("fmt", ["PNG", "TIFF"])
def test_16_bit_grey_is_analysed_at_its_real_levels(fmt):
    levels = np.arange(0, 65536, 256, dtype=np.uint16).reshape(16, 16)
    decoded = for_analysis(encode(Image.fromarray(levels), fmt), SIZE)
    assert decoded.image.getpixel((5, 3)) == (53, 53, 53)  # level 53 * 256, not clipped white
