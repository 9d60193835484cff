"""The face detector: YuNet as run here agrees with OpenCV's, finds every face, fails clearly."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PIL import Image

from thinktwice.errors import AnalysisUnavailable
from thinktwice.models import Box
from thinktwice.vision import faces
from thinktwice.vision.analysis import analyse_pixels
from thinktwice.vision.decode import for_analysis
from thinktwice.vision.options import DEFAULT_VISION, VisionOptions

from .build import HAND_FACES, NO_FACES, group_photo, jpeg, photograph, png
from .test_bodies import overlap

THRESHOLD = DEFAULT_VISION.face_threshold


def as_tuple(box: Box) -> tuple[int, int, int, int]:
    return (box.x, box.y, box.width, box.height)


def matched(found: tuple[Box, ...], expected: list[Box]) -> list[float]:
    """For each expected face, the best overlap (IoU) of a found box with it."""
    return [max((overlap(b, as_tuple(e)) for b in found), default=0.0) for e in expected]


@pytest.mark.parametrize("name", sorted(HAND_FACES))
def test_yunet_as_run_here_finds_what_opencvs_face_detector_finds(name):
    # OpenCV's FaceDetectorYN (NudeNet brings OpenCV in) on the same file and pixels:
    # the input, the decoding of the three strides and the suppression agree.
    picture = photograph(name).resize((640, 640), Image.Resampling.BILINEAR)
    ours = faces.get().detect(picture, 0.5)
    reference = cv2.FaceDetectorYN.create(str(faces.MODEL_FILE), "", (640, 640), 0.5, 0.3)
    _, theirs = reference.detect(cv2.cvtColor(np.asarray(picture), cv2.COLOR_RGB2BGR))
    assert len(ours) == len(theirs) == 1
    (mine,), (x, y, w, h, *_, score) = ours, theirs[0]
    assert abs(mine.score - score) < 0.01
    assert abs(mine.left - x) < 2 and abs(mine.top - y) < 2
    assert abs(mine.right - (x + w)) < 2 and abs(mine.bottom - (y + h)) < 2


@pytest.mark.parametrize("name", sorted(HAND_FACES))
def test_the_face_of_each_photograph_is_found_where_it_was_boxed_by_hand(name):
    seen = analyse_pixels(jpeg(photograph(name)))
    (box,) = seen.faces
    assert overlap(box, HAND_FACES[name]) > 0.6


def test_every_face_of_a_group_photo_is_found_large_small_and_turned():
    picture, expected = group_photo()
    seen = analyse_pixels(jpeg(picture))
    assert len(seen.faces) == len(expected) == 5
    assert min(matched(seen.faces, expected)) > 0.5


# Fifteen heads 70 to 100 pixels tall across a 2000x1200 photo: faces of 30 to 45 pixels.
SMALL = tuple(
    (name, size, mirrored)
    for name, size, mirrored in (("astronaut", 100, False), ("camera", 90, True),
                                 ("astronaut", 80, True), ("camera", 75, False),
                                 ("astronaut", 70, False))
) * 3  # fmt: skip


def test_the_small_faces_of_a_large_group_photo_are_found_in_the_tiles():
    picture, expected = group_photo(SMALL, width=2000, height=1200)
    seen = analyse_pixels(jpeg(picture))
    assert min(matched(seen.faces, expected)) > 0.5
    # The whole picture fitted in 640 pixels shows them too small: the tiles found them.
    decoded = for_analysis(jpeg(picture), DEFAULT_VISION.analysis_size)
    fitted = decoded.image.resize((640, 384))  # what the whole view reads (no tiles at 640)
    assert len(faces.get().detect(fitted, THRESHOLD)) < len(expected) / 2


def test_the_views_read_in_two_halves_on_two_threads_give_the_faces_one_reading_gives():
    picture, _ = group_photo(SMALL, width=2000, height=1200)
    data = jpeg(picture)
    image = for_analysis(data, DEFAULT_VISION.analysis_size).image
    views = faces.views(image)
    assert len(views) == 3  # the whole picture and two tiles: one half on each thread
    model = faces.get()
    halves = [model.read(views[:2], THRESHOLD), model.read(views[2:], THRESHOLD)]
    once = model.detect(image, THRESHOLD)
    assert len(once) >= len(SMALL)
    assert faces.merge(halves) == once
    assert len(analyse_pixels(data).faces) == len(once)  # the analysis reads it in halves


@pytest.mark.parametrize(
    ("size", "views"),
    [((1000, 1000), 5), ((1000, 750), 5), ((750, 1000), 5), ((1000, 500), 3), ((500, 1000), 3),
     ((800, 600), 3), ((451, 300), 1), ((300, 40), 1)],
)  # fmt: skip
def test_a_picture_is_read_in_two_tiles_across_each_side_longer_than_640(size, views):
    # Besides the whole; never upscaled past its own size, so small pictures are read whole.
    assert len(faces.views(Image.new("RGB", size))) == views


def test_the_tiles_cover_the_picture_and_overlap_where_they_cut_it():
    image = Image.new("RGB", (1000, 750))
    whole, *tiles = faces.views(image)
    assert whole.cut == (False, False, False, False)
    assert [t.offset for t in tiles] == [(0, 0), (360, 0), (0, 110), (360, 110)]
    assert {t.pixels.shape for t in tiles} == {(640, 640, 3)}
    # Each inner edge is a cut: the tile beside it overlaps it by at least 128 pixels.
    # (left, top, right, bottom) of the top-left, top-right, bottom-left, bottom-right tiles:
    assert [t.cut for t in tiles] == [
        (False, False, True, True),
        (True, False, False, True),
        (False, True, True, False),
        (True, True, False, False),
    ]


def test_the_faces_of_a_dim_group_photo_are_found():
    picture, expected = group_photo()
    dim = Image.eval(picture, lambda level: level // 4)  # a quarter of the light
    seen = analyse_pixels(jpeg(dim))
    assert len(seen.faces) == len(expected)
    assert min(matched(seen.faces, expected)) > 0.5


# The Hubble deep field's orange galaxies pass for faces where the tiles read it at its
# own size (the benchmark counts them as false faces).
GALAXIES = "hubble_deep_field"


@pytest.mark.parametrize("name", [name for name in NO_FACES if name != GALAXIES])
def test_no_face_is_found_in_photographs_without_one(name):
    seen = analyse_pixels(jpeg(photograph(name)))
    assert seen.status == "done"
    assert seen.faces == ()


def test_galaxies_are_no_face_read_whole_and_at_most_two_weak_ones_in_the_tiles():
    decoded = for_analysis(jpeg(photograph(GALAXIES)), DEFAULT_VISION.analysis_size)
    assert faces.get().detect(decoded.image, THRESHOLD, tiles=False) == []
    seen = faces.get().detect(decoded.image, THRESHOLD)
    assert len(seen) <= 2
    assert all(face.score < 0.7 for face in seen)


def test_the_face_model_ships_in_the_package_and_is_loaded_once():
    assert faces.MODEL_FILE.is_file()
    assert faces.MODEL_FILE.stat().st_size < 300_000
    assert faces.get() is faces.get(VisionOptions())


def test_a_missing_face_model_is_named(tmp_path):
    missing = tmp_path / "yunet.onnx"
    expected = f"Face detection is unavailable: its model was not found at {missing}"
    with pytest.raises(AnalysisUnavailable, match=expected):
        faces.get(VisionOptions(face_model_path=missing))


def test_a_model_that_is_not_yunet_is_refused_with_the_reason(detector):
    from thinktwice.vision import model

    nudenet = VisionOptions(face_model_path=model.default_model_path())
    with pytest.raises(AnalysisUnavailable, match=r"could not be loaded .*not YuNet's"):
        faces.get(nudenet)


def test_a_broken_face_model_is_a_problem_and_nudity_is_still_looked_for(tmp_path, detector):
    broken = tmp_path / "yunet.onnx"
    broken.write_bytes(b"\x00garbage\xff" * 100)
    seen = analyse_pixels(
        png(photograph("astronaut")), options=VisionOptions(face_model_path=broken)
    )
    assert seen.status == "unavailable"
    (problem,) = seen.problems
    assert problem.startswith("Face detection is unavailable: its model") and str(broken) in problem
    assert seen.faces == () and seen.findings == ()


def test_warm_never_raises(tmp_path):
    faces.warm(VisionOptions(face_model_path=tmp_path / "missing.onnx"))
