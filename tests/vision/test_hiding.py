"""Hiding faces: opaque boxes over the faces, every other pixel kept, metadata gone."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

import thinktwice
from tests.support.exiftool import assert_clean
from tests.support.images import FULL_METADATA, encode, photo, with_metadata
from thinktwice import cleaning, formats
from thinktwice.errors import AnalysisUnavailable, CorruptImage, UnsupportedFormat
from thinktwice.models import Box
from thinktwice.pipeline import inspect
from thinktwice.vision.hiding import enlarge, hide_faces
from thinktwice.vision.options import VisionOptions

from .build import (
    ASTRONAUT_FACE,
    astronaut,
    broken_png,
    decoded,
    group_photo,
    inside,
    jpeg,
    png,
    psnr_outside,
)

BLACK = {(0, 0, 0)}


def outside_equal(before: Image.Image, after: Image.Image, boxes: tuple[Box, ...]) -> bool:
    a, b = np.asarray(before), np.asarray(after)
    same = (a == b).all(axis=-1) if a.ndim == 3 else a == b
    for box in boxes:
        same[box.y : box.y + box.height, box.x : box.x + box.width] = True
    return bool(same.all())


def test_a_png_gets_its_face_covered_and_every_other_pixel_kept(detector):
    original = astronaut()
    covered = hide_faces(png(original))
    (box,) = covered.boxes
    result = decoded(covered.data)
    assert inside(result, box) == BLACK
    assert outside_equal(original, result.convert("RGB"), covered.boxes)
    assert covered.media_type == "image/png"
    assert covered.lossless is False
    assert covered.reason == "faces were covered; the image was re-encoded"


def test_every_face_of_a_group_photo_is_covered_with_a_margin_and_nothing_else():
    original, faces = group_photo()
    covered = hide_faces(png(original))
    result = decoded(covered.data).convert("RGB")
    assert len(covered.boxes) == len(faces) == 5
    for face in faces:  # each face, as boxed by hand when the photo was made, is covered
        cx, cy = face.x + face.width // 2, face.y + face.height // 2
        (cover,) = [b for b in covered.boxes
                    if b.x <= cx < b.x + b.width and b.y <= cy < b.y + b.height]  # fmt: skip
        assert cover.x <= face.x and cover.y <= face.y
        assert cover.x + cover.width >= face.x + face.width
        assert cover.y + cover.height >= face.y + face.height
        assert inside(result, face) == BLACK
    assert outside_equal(original, result, covered.boxes)
    assert not outside_equal(original, result, ())


def test_the_covered_box_encloses_the_detected_face_with_a_margin(detector):
    covered = hide_faces(png(astronaut()))
    (box,) = covered.boxes
    x, y, w, h = ASTRONAUT_FACE
    assert box.x < x and box.y < y
    assert box.x + box.width > x + w and box.y + box.height > y + h


def test_a_jpeg_gets_its_face_covered_and_the_rest_stays_close(detector):
    original = astronaut()
    source = jpeg(original, quality=95)
    covered = hide_faces(source)
    (box,) = covered.boxes
    result = decoded(covered.data)
    assert covered.media_type == "image/jpeg"
    # JPEG blocks blur a box's edge by a pixel or two: judge its inside.
    core = Box(box.x + 4, box.y + 4, box.width - 8, box.height - 8)
    assert max(max(c) for c in inside(result, core)) <= 8
    assert psnr_outside(decoded(source), result, covered.boxes) > 40


def test_the_boxes_a_report_gives_are_the_ones_covered():
    # No model needed when the boxes are given (the service passes Report.faces).
    report_faces = (Box(20, 10, 30, 20), Box(60, 40, 10, 10))
    original = photo(120, 80)
    covered = hide_faces(png(original), report_faces)
    result = decoded(covered.data)
    assert covered.boxes == tuple(enlarge(b, 120, 80) for b in report_faces)
    for box in covered.boxes:
        assert inside(result, box) == BLACK
    assert outside_equal(original, result, covered.boxes)


def test_given_boxes_need_no_model(tmp_path):
    missing = VisionOptions(model_path=tmp_path / "missing.onnx")
    covered = hide_faces(png(photo(120, 80)), [Box(10, 10, 20, 20)], vision=missing)
    assert len(covered.boxes) == 1


def test_finding_faces_without_the_model_is_a_clear_error(tmp_path):
    missing = VisionOptions(face_model_path=tmp_path / "missing.onnx")
    with pytest.raises(AnalysisUnavailable, match="model was not found"):
        hide_faces(png(astronaut()), vision=missing)


def test_the_covered_copy_is_cleaned_and_verified(detector):
    source = with_metadata(jpeg(astronaut(), quality=95), ".jpg", *FULL_METADATA)
    covered = hide_faces(source)
    assert covered.boxes
    assert_clean(covered.data, ".jpg")


def test_the_covered_copy_keeps_the_icc_profile(detector):
    from tests.support.images import srgb_icc

    icc = srgb_icc()
    covered = hide_faces(encode(astronaut(), "JPEG", quality=95, icc_profile=icc))
    assert decoded(covered.data).info.get("icc_profile") == icc


def test_orientation_is_applied_to_the_pixels_of_the_covered_copy(detector):
    stored = astronaut().transpose(Image.Transpose.ROTATE_90)
    covered = hide_faces(png_with_orientation(stored, 6))
    result = decoded(covered.data)
    assert result.size == (512, 512)
    assert result.getexif().get(0x0112) in (None, 1)
    (box,) = covered.boxes
    assert inside(result, box) == BLACK
    # The upright face region is what was covered.
    x, y, w, h = ASTRONAUT_FACE
    assert box.x < x + w / 2 < box.x + box.width and box.y < y + h / 2 < box.y + box.height


def png_with_orientation(image: Image.Image, orientation: int) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = orientation
    return encode(image, "PNG", exif=exif.tobytes())


@pytest.mark.parametrize(
    ("fmt", "params", "media_type", "exact"),
    [
        ("PNG", {}, "image/png", True),
        ("WEBP", {"lossless": True}, "image/webp", True),
        ("WEBP", {"quality": 95}, "image/webp", False),
        ("TIFF", {}, "image/tiff", True),
        ("HEIF", {"quality": 95}, "image/heic", False),
        ("AVIF", {"quality": 95}, "image/avif", False),
    ],
)
def test_each_format_is_re_encoded_in_kind(fmt, params, media_type, exact):
    original = photo(160, 120)
    source = encode(original, fmt, **params)
    box = Box(50, 40, 40, 30)
    covered = hide_faces(source, [box])
    assert covered.media_type == media_type
    result = decoded(covered.data).convert("RGB")
    (cover,) = covered.boxes
    core = Box(cover.x + 4, cover.y + 4, cover.width - 8, cover.height - 8)
    assert max(max(c) for c in inside(result, core)) <= 12
    if exact:
        assert outside_equal(original, result, covered.boxes)
    else:
        assert psnr_outside(decoded(source), result, covered.boxes) > 35


def test_a_palette_gif_keeps_every_other_pixel_index():
    original = photo(120, 80).convert("P", palette=Image.Palette.ADAPTIVE, colors=64)
    covered = hide_faces(encode(original, "GIF"), [Box(10, 10, 30, 20)])
    result = decoded(covered.data)
    assert result.mode == "P"
    assert outside_equal(original.convert("RGB"), result.convert("RGB"), covered.boxes)
    (box,) = covered.boxes
    (colour,) = inside(result, box)
    assert sum(colour) == min(sum(c) for c in inside(original, Box(0, 0, 120, 80)))


def test_a_transparent_png_gets_an_opaque_cover():
    clear = Image.new("RGBA", (100, 100), (255, 255, 255, 0))
    covered = hide_faces(png(clear), [Box(20, 20, 40, 40)])
    result = decoded(covered.data)
    (box,) = covered.boxes
    assert result.getpixel((box.x + 5, box.y + 5)) == (0, 0, 0, 255)
    assert result.getpixel((5, 5)) == (255, 255, 255, 0)


def test_no_face_gives_the_ordinary_lossless_clean(detector):
    source = with_metadata(png(photo(200, 150)), ".png", *FULL_METADATA)
    covered = hide_faces(source)
    assert covered.boxes == ()
    assert covered.lossless is True and covered.reason is None
    assert covered.data == inspect(source, pixels=False).cleaned


def test_an_animation_is_refused():
    frames = [photo(60, 40, seed=i) for i in range(3)]
    animation = encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100)
    with pytest.raises(UnsupportedFormat, match="animation"):
        hide_faces(animation, [Box(0, 0, 10, 10)])


@pytest.mark.parametrize(
    ("box", "expected"),
    [
        (Box(100, 100, 50, 50), Box(85, 85, 80, 80)),
        (Box(0, 0, 50, 50), Box(0, 0, 65, 65)),
        (Box(180, 180, 50, 50), Box(165, 165, 35, 35)),
    ],
)
def test_boxes_grow_by_three_tenths_on_each_side_inside_the_picture(box, expected):
    assert enlarge(box, 200, 200) == expected


def test_a_palette_cover_never_uses_the_transparent_colour():
    # Index 0 is black and transparent: covering with it would show what is behind.
    original = Image.new("P", (80, 60), 1)
    original.putpalette([0, 0, 0, 40, 40, 40, 200, 200, 200])
    original.paste(2, (0, 0, 40, 60))
    covered = hide_faces(encode(original, "PNG", transparency=0), [Box(20, 20, 30, 20)])
    result = decoded(covered.data).convert("RGBA")
    (box,) = covered.boxes
    assert result.getpixel((box.x + 2, box.y + 2)) == (40, 40, 40, 255)


def test_undecodable_pixels_are_a_corrupt_image_error():
    with pytest.raises(CorruptImage, match="its pixels cannot be decoded"):
        hide_faces(broken_png(), [Box(0, 0, 10, 10)])


def test_the_package_exports_hide_faces_and_cleaning_does_not():
    assert thinktwice.hide_faces is hide_faces
    assert not hasattr(cleaning, "hide_faces")  # cleaning stays free of Pillow


@pytest.mark.parametrize("boxes", [[], [Box(10, 10, 20, 20)]], ids=["no face", "a face"])
def test_the_original_is_sniffed_once(monkeypatch, boxes):
    data = png(photo(120, 80))
    sniffed = []
    detect = formats.detect

    def counting(given: bytes) -> formats.Format:
        sniffed.append(given == data)
        return detect(given)

    monkeypatch.setattr(formats, "detect", counting)
    hide_faces(data, boxes)
    assert sniffed.count(True) == 1  # the covered copy is new bytes, sniffed in its turn
