"""Intimate content and faces, from the NudeNet detections, in people's words.

    exposed breast, genitals, buttocks or anus   -> nudity, HIGH
    nudity and a face in the same picture        -> face, CRITICAL
    a face without nudity                        -> face, INFO (a profile photo)

Exposed bellies, armpits, feet and male chests are not intimate; covered parts
(underwear, swimwear) are not nudity either. Those labels are ignored.

Thresholds (VisionOptions): NudeNet keeps anything scoring 0.2 or more, which
flags ordinary photographs: on scikit-image's sample photographs the highest
exposed-part scores are 0.35 (buttocks, in "coffee") and 0.40 (belly, "moon").
Nudity needs 0.5 here. Faces need 0.4: the astronaut's face scores 0.83 and the
cameraman's half-turned face 0.53, while the false faces seen stay under 0.2.
"""

from __future__ import annotations

from ..models import Box, Finding, Kind, Severity
from .decode import Decoded
from .model import Detection
from .options import VisionOptions

# NudeNet labels that count as intimate content, and how the details view names them.
INTIMATE: dict[str, str] = {
    "FEMALE_BREAST_EXPOSED": "exposed breast",
    "FEMALE_GENITALIA_EXPOSED": "exposed genitals",
    "MALE_GENITALIA_EXPOSED": "exposed genitals",
    "BUTTOCKS_EXPOSED": "exposed buttocks",
    "ANUS_EXPOSED": "exposed anus",
}
FACES: dict[str, str] = {"FACE_FEMALE": "face", "FACE_MALE": "face"}
SOURCE = "NudeNet"  # the evidence keys' prefix: which detector saw it

NUDITY_MESSAGE = "It shows intimate content."
FACE_MESSAGES: dict[bool, tuple[Severity, str]] = {
    True: (Severity.CRITICAL, "Your face is visible in an intimate image."),
    False: (Severity.INFO, "A face is visible."),
}


def findings(
    detections: list[Detection], decoded: Decoded, options: VisionOptions
) -> tuple[list[Finding], tuple[Box, ...]]:
    """The nudity and face findings for `detections`, and every face box (original pixels)."""
    intimate = [
        (d, decoded.box(d.left, d.top, d.right, d.bottom))
        for d in detections
        if d.label in INTIMATE and d.score >= options.nudity_threshold
    ]
    faces = [
        (d, decoded.box(d.left, d.top, d.right, d.bottom))
        for d in detections
        if d.label in FACES and d.score >= options.face_threshold
    ]
    out: list[Finding] = []
    if intimate:
        out.append(Finding(Kind.NUDITY, Severity.HIGH, NUDITY_MESSAGE, _evidence(intimate)))
    if faces:
        severity, message = FACE_MESSAGES[bool(intimate)]
        out.append(Finding(Kind.FACE, severity, message, _evidence(faces)))
    return out, tuple(box for _, box in faces)


def _evidence(found: list[tuple[Detection, Box]]) -> dict[str, str]:
    details: dict[str, str] = {}
    for n, (detection, box) in enumerate(found, 1):
        words = INTIMATE.get(detection.label) or FACES[detection.label]
        details[f"{SOURCE}:{detection.label} #{n}"] = (
            f"{words}, score {detection.score:.2f}, {describe(box)}"
        )
    return details


def describe(box: Box) -> str:
    """A box for the details view: "at x=120, y=80, 90x70 pixels"."""
    return f"at x={box.x}, y={box.y}, {box.width}x{box.height} pixels"
