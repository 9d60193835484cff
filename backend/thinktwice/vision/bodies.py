"""Intimate content (NudeNet's detections) and faces (YuNet's), in people's words.

    exposed breast, genitals, buttocks or anus   -> nudity, HIGH
    nudity and a face in the same picture        -> face, CRITICAL
    a face without nudity                        -> face, INFO (a profile photo)

Exposed bellies, armpits, feet and male chests are not intimate; covered parts
(underwear, swimwear) are not nudity either. Those labels are ignored.

Thresholds (VisionOptions): NudeNet keeps anything scoring 0.2 or more, which
flags ordinary photographs: on scikit-image's sample photographs the highest
exposed-part scores are 0.35 (buttocks, in "coffee") and 0.40 (belly, "moon").
Nudity needs 0.5 here. Faces come from the face detector (faces.py), not from
NudeNet's face classes, and need its score at `face_threshold`.
"""

from __future__ import annotations

from ..i18n import N_, _
from ..models import Box, Finding, Kind, Severity
from .decode import Decoded
from .options import VisionOptions
from .runtime import Detection

# NudeNet labels that count as intimate content, and how the details view names them.
INTIMATE: dict[str, str] = {
    "FEMALE_BREAST_EXPOSED": "exposed breast",
    "FEMALE_GENITALIA_EXPOSED": "exposed genitals",
    "MALE_GENITALIA_EXPOSED": "exposed genitals",
    "BUTTOCKS_EXPOSED": "exposed buttocks",
    "ANUS_EXPOSED": "exposed anus",
}
# The evidence keys' prefix: which detector saw it.
SOURCES: dict[str, str] = {"nudity": "NudeNet", "face": "YuNet"}

NUDITY_MESSAGE = N_("It shows intimate content.")
FACE_MESSAGES: dict[bool, tuple[Severity, str]] = {
    True: (Severity.CRITICAL, N_("Your face is visible in an intimate image.")),
    False: (Severity.INFO, N_("A face is visible.")),
}


def findings(
    detections: list[Detection], faces: list[Detection], decoded: Decoded, options: VisionOptions
) -> tuple[list[Finding], tuple[Box, ...]]:
    """The nudity finding for NudeNet's `detections` and the face finding for the face
    detector's `faces` (both in analysis-picture pixels), and every face box (original
    pixels)."""
    intimate = [
        (d, decoded.box(d.left, d.top, d.right, d.bottom))
        for d in detections
        if d.label in INTIMATE and d.score >= options.nudity_threshold
    ]
    seen = [
        (d, decoded.box(d.left, d.top, d.right, d.bottom))
        for d in faces
        if d.score >= options.face_threshold
    ]
    out: list[Finding] = []
    if intimate:
        out.append(
            Finding(Kind.NUDITY, Severity.HIGH, _(NUDITY_MESSAGE), _evidence(intimate, "nudity"))
        )
    if seen:
        severity, message = FACE_MESSAGES[bool(intimate)]
        out.append(Finding(Kind.FACE, severity, _(message), _evidence(seen, "face")))
    return out, tuple(box for _, box in seen)


def _evidence(found: list[tuple[Detection, Box]], kind: str) -> dict[str, str]:
    details: dict[str, str] = {}
    for n, (detection, box) in enumerate(found, 1):
        words = INTIMATE.get(detection.label, "face")
        details[f"{SOURCES[kind]}:{detection.label} #{n}"] = (
            f"{words}, score {detection.score:.2f}, {describe(box)}"
        )
    return details


def describe(box: Box) -> str:
    """A box for the details view: "at x=120, y=80, 90x70 pixels"."""
    return f"at x={box.x}, y={box.y}, {box.width}x{box.height} pixels"
