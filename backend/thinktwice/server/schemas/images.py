"""Bodies of the image routes: inspect and clean."""

from __future__ import annotations

from pydantic import BaseModel, Field

from ...models import Box, Finding, Kind, PixelAnalysis, Report
from .common import Severity, Verdict, example


class FindingOut(BaseModel):
    """One thing the image reveals; `evidence` holds the tags behind it."""

    kind: Kind
    severity: Severity
    message: str = Field(description="One sentence for the dialog.")
    evidence: dict[str, str] = Field(description="Tag names and values, for the details view.")

    @classmethod
    def of(cls, finding: Finding) -> FindingOut:
        """The Finding as sent over the wire."""
        return cls.model_validate(finding.to_dict())


class BoxOut(BaseModel):
    """A rectangle of the picture, in its pixels, the way up people see it."""

    x: int
    y: int
    width: int
    height: int

    @classmethod
    def of(cls, box: Box) -> BoxOut:
        """The Box as sent over the wire."""
        return cls.model_validate(box.to_dict())


class PixelsOut(BaseModel):
    """Whether the pixels were analysed, and where the faces are."""

    analysis: PixelAnalysis = Field(
        description="`off` (not asked), `done`, or `unavailable` (asked, but it failed: "
        "`problems` says why; treat the image as not checked for nudity and faces)."
    )
    faces: list[BoxOut] = Field(description="Faces found, for hiding them.")

    @classmethod
    def of(cls, report: Report) -> PixelsOut:
        """The report's pixel analysis, as sent over the wire."""
        return cls(analysis=report.pixel_analysis, faces=[BoxOut.of(box) for box in report.faces])


class CleanedInfo(BaseModel):
    """The verified clean copy: how big, its digest, whether the pixels are untouched."""

    size: int = Field(description="Bytes.")
    sha256: str = Field(description="Hex SHA-256 of the cleaned bytes.")
    lossless: bool = Field(description="True when the pixels are bit-for-bit the original's.")
    lossless_reason: str | None = Field(
        default=None, description="Why not lossless, when it is not."
    )
    media_type: str = Field(description="e.g. image/jpeg")
    url: str | None = Field(
        default=None,
        description="Where to fetch the copy while it is kept in memory "
        "(a few minutes); null when it was too large to keep.",
    )

    @classmethod
    def of(cls, report: Report, sha256: str, url: str | None = None) -> CleanedInfo:
        """The report's cleaned copy as sent over the wire; `sha256` is its digest."""
        return cls(
            size=len(report.cleaned),
            sha256=sha256,
            lossless=report.lossless,
            lossless_reason=report.lossless_reason,
            media_type=report.media_type,
            url=url,
        )


class Timings(BaseModel):
    """Where the time went, in milliseconds."""

    total_ms: float = Field(description="From the start of the request to the answer.")
    receive_ms: float = Field(description="Reading and parsing the upload.")
    engine_ms: float = Field(description="Finding what the image reveals and cleaning it.")
    history_ms: float = Field(description="Recording the inspection in the history.")


FINDING_EXAMPLE = {
    "kind": "location",
    "severity": "high",
    "message": "It shows where it was taken: near Vanves, France (GPS).",
    "evidence": {"GPS:GPSLatitude": "48.8219"},
}
CLEANED_EXAMPLE = {
    "size": 2048000,
    "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    "lossless": True,
    "lossless_reason": None,
    "media_type": "image/jpeg",
    "url": "/v1/inspect/3f2b8c1e9a7d4e0f8b6c5a4d3e2f1a0b/cleaned",
}


class InspectResult(BaseModel):
    """What an image reveals, and the handle of its clean copy."""

    model_config = example(
        id="3f2b8c1e9a7d4e0f8b6c5a4d3e2f1a0b",
        verdict="high",
        findings=[FINDING_EXAMPLE],
        format="jpeg",
        media_type="image/jpeg",
        width=4000,
        height=3000,
        cleaned=CLEANED_EXAMPLE,
        pixels={"analysis": "done", "faces": [{"x": 1210, "y": 640, "width": 320, "height": 400}]},
        timings={"total_ms": 14.2, "receive_ms": 2.1, "engine_ms": 9.8, "history_ms": 0.9},
        problems=[],
    )
    id: str = Field(description="The inspection's id, for decisions and the cleaned copy.")
    verdict: Verdict = Field(description="The worst severity found, or none.")
    findings: list[FindingOut] = Field(description="Worst first, one per kind.")
    format: str
    media_type: str
    width: int | None
    height: int | None
    cleaned: CleanedInfo
    pixels: PixelsOut
    timings: Timings
    problems: list[str] = Field(description="Things worth knowing that are not findings.")


class CleanReport(BaseModel):
    """`POST /v1/clean?format=json`: the report and the cleaned bytes in base64."""

    model_config = example(
        verdict="high",
        findings=[FINDING_EXAMPLE],
        format="jpeg",
        media_type="image/jpeg",
        width=4000,
        height=3000,
        filename="IMG_2041.clean.jpg",
        cleaned={**CLEANED_EXAMPLE, "url": None},
        pixels={"analysis": "off", "faces": []},
        problems=[],
        data="/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAA...",
    )
    verdict: Verdict
    findings: list[FindingOut]
    format: str
    media_type: str
    width: int | None
    height: int | None
    filename: str = Field(description="The name for the cleaned copy: name.clean.ext.")
    cleaned: CleanedInfo
    pixels: PixelsOut
    problems: list[str]
    data: str = Field(description="The cleaned bytes, base64-encoded.")
