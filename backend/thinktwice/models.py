"""What flows out of the engine: decoded metadata, findings and reports.

What format modules find (`Container`, `Tag`, `Picture`...) lives in `records`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from typing import Any, Literal

from .editplan import Step
from .records import Clip, Credentials, Picture, Tag, TextEntry, TrailerBlock, TrailerContent


class Severity(IntEnum):
    """How much a finding reveals; ordered so that `max()` gives the verdict."""

    INFO = 1
    LOW = 2
    MEDIUM = 3
    HIGH = 4
    CRITICAL = 5

    @property
    def label(self) -> str:
        return self.name.lower()


class Kind(StrEnum):
    """The kinds of finding, as the dialog, the history and the CLI name them."""

    LOCATION = "location"
    DEVICE_SERIAL = "device_serial"
    DEVICE_MODEL = "device_model"
    PERSON_NAME = "person_name"
    CONTACT_INFO = "contact_info"
    CAPTURE_TIME = "capture_time"
    THUMBNAIL = "thumbnail"
    HIDDEN_IMAGE = "hidden_image"
    APPENDED_DATA = "appended_data"
    EDITING_HISTORY = "editing_history"
    COMMENT = "comment"
    # What the pixels show (vision/).
    NUDITY = "nudity"
    FACE = "face"
    CODE = "code"
    TEXT = "text"


@dataclass(slots=True)
class Metadata:
    """A container's blocks decoded: the flat view the findings read."""

    format: str
    tags: list[Tag] = field(default_factory=list)
    text: list[TextEntry] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    trailer: TrailerContent | None = None
    extra: list[str] = field(default_factory=list)
    credentials: list[Credentials] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    clips: list[Clip] = field(default_factory=list)
    blocks: list[TrailerBlock] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing the image reveals, in a sentence a person understands."""

    kind: Kind
    severity: Severity
    message: str
    evidence: dict[str, str] = field(default_factory=dict, hash=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "severity": self.severity.label,
            "message": self.message,
            "evidence": dict(self.evidence),
        }


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle of the picture in original-image pixels, the way up people see it
    (EXIF orientation applied): left `x`, top `y`, `width`, `height`."""

    x: int
    y: int
    width: int
    height: int

    def to_dict(self) -> dict[str, int]:
        return {"x": self.x, "y": self.y, "width": self.width, "height": self.height}


# Whether pixel analysis ran: "off" (not asked), "done", or "unavailable" (asked, but
# the model or the decoder failed; Report.problems says why).
PixelAnalysis = Literal["off", "done", "unavailable"]


@dataclass(frozen=True, slots=True)
class Report:
    """The engine's answer for one image: what it reveals and the cleaned bytes."""

    format: str
    media_type: str
    findings: tuple[Finding, ...]
    cleaned: bytes
    width: int | None = None
    height: int | None = None
    problems: tuple[str, ...] = ()
    faces: tuple[Box, ...] = ()
    pixel_analysis: PixelAnalysis = "off"
    # A video's cleaner is an edit plan over the input: kept, so no caller makes it again.
    plan: tuple[Step, ...] | None = None

    @property
    def verdict(self) -> str:
        """The worst severity among the findings, or "none"."""
        if not self.findings:
            return "none"
        return max(f.severity for f in self.findings).label

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data, without the cleaned bytes."""
        return {
            "format": self.format,
            "media_type": self.media_type,
            "verdict": self.verdict,
            "findings": [f.to_dict() for f in self.findings],
            "width": self.width,
            "height": self.height,
            "problems": list(self.problems),
            "faces": [box.to_dict() for box in self.faces],
            "pixel_analysis": self.pixel_analysis,
        }


@dataclass(frozen=True, slots=True)
class Covered:
    """A cleaned copy with faces hidden: `boxes` were covered with an opaque fill.

    `data` is re-encoded (so `lossless` is False and `reason` says why) unless no
    face was found: then it is the ordinary lossless clean and `boxes` is empty.
    `media_type` is the copy's, which differs from the original's only where its
    format cannot be written here (HEIC without an encoder becomes JPEG).
    """

    data: bytes
    boxes: tuple[Box, ...]
    media_type: str
    lossless: bool = False
    reason: str | None = None
