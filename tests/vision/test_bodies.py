"""Faces and intimate content: found where they are, not where they are not."""

from __future__ import annotations

import pytest
from PIL import Image

from thinktwice.models import Box, Kind, Severity
from thinktwice.vision import bodies, faces
from thinktwice.vision.analysis import analyse_pixels
from thinktwice.vision.decode import for_analysis
from thinktwice.vision.model import Detection
from thinktwice.vision.options import DEFAULT_VISION

from .build import HAND_FACES, PHOTOGRAPHS, astronaut, jpeg, photograph, png

ASTRONAUT = HAND_FACES["astronaut"]


def overlap(box: Box, expected: tuple[int, int, int, int]) -> float:
    """Intersection over union of `box` and an (x, y, width, height) rectangle."""
    x, y, w, h = expected
    ix = max(0, min(box.x + box.width, x + w) - max(box.x, x))
    iy = max(0, min(box.y + box.height, y + h) - max(box.y, y))
    inter = ix * iy
    return inter / (box.width * box.height + w * h - inter)


def test_the_astronauts_face_is_found_as_a_face_without_nudity(detector):
    seen = analyse_pixels(png(astronaut()))
    assert seen.status == "done"
    (face,) = seen.faces
    assert overlap(face, ASTRONAUT) > 0.7
    (finding,) = [f for f in seen.findings if f.kind is Kind.FACE]
    assert finding.severity is Severity.INFO
    assert finding.message == "A face is visible."
    assert next(iter(finding.evidence)) == "YuNet:face #1"
    assert f"x={face.x}, y={face.y}" in next(iter(finding.evidence.values()))


def test_face_boxes_are_in_original_pixels_of_a_large_photo(detector):
    big = astronaut().resize((2048, 2048), Image.Resampling.BICUBIC)
    (face,) = analyse_pixels(jpeg(big)).faces
    x, y, w, h = ASTRONAUT
    assert overlap(face, (4 * x, 4 * y, 4 * w, 4 * h)) > 0.7


def test_face_boxes_follow_the_exif_orientation(detector):
    # Stored turned a quarter left, displayed upright: the box is where people see it.
    stored = astronaut().transpose(Image.Transpose.ROTATE_90)
    (face,) = analyse_pixels(jpeg(stored, orientation=6)).faces
    assert overlap(face, ASTRONAUT) > 0.7


@pytest.mark.parametrize("name", PHOTOGRAPHS)
def test_no_nudity_is_flagged_on_sample_photographs(detector, name):
    seen = analyse_pixels(jpeg(photograph(name)))
    assert seen.status == "done"
    assert Kind.NUDITY not in {f.kind for f in seen.findings}
    assert all(f.severity < Severity.HIGH for f in seen.findings)


def test_nudity_scores_on_sample_photographs_stay_under_the_threshold(detector):
    # The threshold's margin: the highest exposed-part score seen is well below it.
    worst = 0.0
    for name in PHOTOGRAPHS:
        decoded = for_analysis(jpeg(photograph(name)), DEFAULT_VISION.analysis_size)
        scores = [d.score for d in detector.detect(decoded.image, 320, 0.2)
                  if d.label in bodies.INTIMATE]  # fmt: skip
        worst = max([worst, *scores])
    assert worst < DEFAULT_VISION.nudity_threshold - 0.1


def detection(label: str, score: float) -> Detection:
    return Detection(label, score, 10, 10, 60, 60)


def face(score: float) -> Detection:
    return detection(faces.LABEL, score)


DECODED = for_analysis(png(Image.new("RGB", (100, 100))), 100)


@pytest.mark.parametrize(
    ("detections", "seen", "expected"),
    [
        ([detection("FEMALE_BREAST_EXPOSED", 0.8)], [], [(Kind.NUDITY, Severity.HIGH)]),
        ([detection("MALE_GENITALIA_EXPOSED", 0.7)], [face(0.9)],
         [(Kind.NUDITY, Severity.HIGH), (Kind.FACE, Severity.CRITICAL)]),
        ([], [face(0.9)], [(Kind.FACE, Severity.INFO)]),
        ([detection("BUTTOCKS_EXPOSED", 0.45)], [face(0.9)],
         [(Kind.FACE, Severity.INFO)]),  # under the nudity threshold
        ([], [face(0.3)], []),  # under the face threshold
        # NudeNet's own face classes no longer count: the face detector decides.
        ([detection("FACE_FEMALE", 0.9), detection("FACE_MALE", 0.9)], [], []),
        ([detection("BELLY_EXPOSED", 0.9), detection("MALE_BREAST_EXPOSED", 0.9),
          detection("FEET_EXPOSED", 0.9), detection("FEMALE_BREAST_COVERED", 0.9)], [], []),
    ],
)  # fmt: skip
def test_what_each_combination_of_detections_says(detections, seen, expected):
    found, _ = bodies.findings(detections, seen, DECODED, DEFAULT_VISION)
    assert [(f.kind, f.severity) for f in found] == expected


def test_a_face_in_an_intimate_image_says_so_with_its_boxes():
    detections = [detection("FEMALE_GENITALIA_EXPOSED", 0.8)]
    found, boxes = bodies.findings(detections, [face(0.9)], DECODED, DEFAULT_VISION)
    seen = next(f for f in found if f.kind is Kind.FACE)
    nudity = next(f for f in found if f.kind is Kind.NUDITY)
    assert seen.message == "Your face is visible in an intimate image."
    assert nudity.message == "It shows intimate content."
    assert boxes == (Box(10, 10, 50, 50),)
    assert "at x=10, y=10, 50x50 pixels" in next(iter(seen.evidence.values()))
    assert next(iter(nudity.evidence)) == "NudeNet:FEMALE_GENITALIA_EXPOSED #1"
    assert "exposed genitals" in next(iter(nudity.evidence.values()))


def test_a_real_face_found_beside_intimate_content_is_critical():
    # The face comes from the face detector on a real photograph; the intimate part is
    # a detection as NudeNet reports one (no such picture belongs in a test suite).
    decoded = for_analysis(png(astronaut()), DEFAULT_VISION.analysis_size)
    seen = faces.get().detect(decoded.image, DEFAULT_VISION.face_threshold)
    exposed = [Detection("FEMALE_BREAST_EXPOSED", 0.8, 150, 300, 350, 500)]
    found, boxes = bodies.findings(exposed, seen, decoded, DEFAULT_VISION)
    assert [(f.kind, f.severity) for f in found] == [
        (Kind.NUDITY, Severity.HIGH),
        (Kind.FACE, Severity.CRITICAL),
    ]
    (box,) = boxes
    assert overlap(box, ASTRONAUT) > 0.7
