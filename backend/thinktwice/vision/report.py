"""What pixel analysis hands back to the pipeline, and how it joins the metadata's.

Kept apart from the analysis itself so that metadata-only inspections import
neither NumPy nor the model.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Box, Finding, Kind, PixelAnalysis

# The kinds of finding pixel analysis gives; every other kind comes from metadata.
KINDS = frozenset({Kind.NUDITY, Kind.FACE, Kind.CODE, Kind.TEXT})
BRIEF_CHARS = 160  # a library's error text is cut to this for a problem line


@dataclass(frozen=True, slots=True)
class PixelReport:
    """What the pixels show: findings, face boxes (original pixels), problems, status."""

    findings: tuple[Finding, ...] = ()
    faces: tuple[Box, ...] = ()
    problems: tuple[str, ...] = ()
    status: PixelAnalysis = "done"


NOT_ASKED = PixelReport(status="off")


def merge(findings: list[Finding], pixel: tuple[Finding, ...]) -> list[Finding]:
    """Metadata and pixel findings together, worst first, each side keeping its order."""
    return sorted([*findings, *pixel], key=lambda f: -f.severity)


def brief(text: str) -> str:
    """A library's error text fit for a problem line: on one line, runs of whitespace
    as one space, at most BRIEF_CHARS characters ("" when there was nothing)."""
    return " ".join(text.split())[:BRIEF_CHARS]
