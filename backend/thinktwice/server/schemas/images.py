"""Bodies of the image routes: inspect, and the summary clean gives in headers."""

from __future__ import annotations

from typing import Any, Literal, Self

from pydantic import BaseModel, Field

from ...models import Box, Finding, Kind, PixelAnalysis, Report
from ..engine import Inspected
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
    """The verified clean copy: how big, its digest, where to fetch it."""

    size: int = Field(description="Bytes.")
    sha256: str = Field(
        description="Hex SHA-256 of the cleaned bytes; empty for a video sent in part "
        "(the service never had its bytes: its plan was checked instead)."
    )
    lossless: Literal[True] = Field(
        default=True,
        description="Always true: the clean copy is the original's container edited, its "
        "pixels bit-for-bit the original's (an image that cannot be cleaned so is refused). "
        "The copy with faces hidden is re-encoded: see POST /v1/inspect/{id}/hide-faces.",
    )
    media_type: str = Field(description="e.g. image/jpeg")
    url: str | None = Field(
        default=None,
        description="Where to fetch the copy while it is kept in memory "
        "(a few minutes); null when it was too large to keep.",
    )
    plan: list[tuple[int, int] | str] | None = Field(
        default=None,
        description="With `?plan=true`: how to rebuild the copy from the uploaded bytes, "
        "[offset, length] to copy or base64 to insert, in order (check the result "
        "against `sha256`); null when no short plan was found: fetch `url` instead.",
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
    "message": "It shows where it was taken: in Vanves, Île-de-France, France (GPS).",
    "evidence": {"GPS:GPSLatitude": "48.8219"},
}


class ImageReport(BaseModel):
    """What an image reveals, and its verified clean copy: what POST /v1/inspect
    answers (with its id and timings), and what POST /v1/clean's headers sum up."""

    verdict: Verdict = Field(description="The worst severity found, or none.")
    findings: list[FindingOut] = Field(description="Worst first, one per kind.")
    format: str
    media_type: str
    width: int | None
    height: int | None
    cleaned: CleanedInfo
    pixels: PixelsOut
    problems: list[str] = Field(description="Things worth knowing that are not findings.")

    @classmethod
    def of(cls, inspected: Inspected, url: str | None = None, **own: Any) -> Self:
        """The engine's answer for one upload as sent over the wire; `url` is where its
        clean copy is kept, `own` the fields a subclass adds."""
        report = inspected.report
        return cls(
            verdict=report.verdict,
            findings=[FindingOut.of(f) for f in report.findings],
            format=report.format,
            media_type=report.media_type,
            width=report.width,
            height=report.height,
            cleaned=CleanedInfo(
                size=len(report.cleaned),
                sha256=inspected.sha256,
                media_type=report.media_type,
                url=url,
            ),
            pixels=PixelsOut.of(report),
            problems=list(report.problems),
            **own,
        )


class InspectResult(ImageReport):
    """What an image reveals, and the handle of its clean copy."""

    model_config = example(
        verdict="high",
        findings=[FINDING_EXAMPLE],
        format="jpeg",
        media_type="image/jpeg",
        width=4000,
        height=3000,
        cleaned={
            "size": 2048000,
            "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "lossless": True,
            "media_type": "image/jpeg",
            "url": "/v1/inspect/3f2b8c1e9a7d4e0f8b6c5a4d3e2f1a0b/cleaned",
        },
        pixels={"analysis": "done", "faces": [{"x": 1210, "y": 640, "width": 320, "height": 400}]},
        problems=[],
        id="3f2b8c1e9a7d4e0f8b6c5a4d3e2f1a0b",
        timings={"total_ms": 14.2, "receive_ms": 2.1, "engine_ms": 9.8, "history_ms": 0.9},
    )
    id: str = Field(description="The inspection's id, for decisions and the cleaned copy.")
    timings: Timings


class PartlySentResult(BaseModel):
    """A video sent in part: the ranges still to send, or, once none are, its report."""

    model_config = example(needs=[[1048576, 204800], [73400320, 188416]], result=None)
    needs: list[tuple[int, int]] = Field(
        description="[offset, length] ranges of the file to add to the next try; "
        "empty once the report is made."
    )
    result: InspectResult | None = Field(
        description="The report, when nothing more is needed: its `cleaned.plan` says how "
        "to build the clean copy from the file; there is no `cleaned.url` nor digest."
    )
