"""What strip keeps of a JPEG's segments, gathered in one walk: SOI, a JFIF APP0
without its thumbnail, a minimal Exif APP1 holding only Orientation, the ICC profile
chunks and the APP14 Adobe segment from before the first scan, then every decoding
segment and the scan data (see the package docstring). The XMP packets and the MPF
index are noted too: a gain map's properties and pictures are read from them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..orientation import orientation_exif
from . import mpf
from .signatures import (
    ADOBE,
    APP0,
    APP1,
    APP2,
    APP14,
    APPS,
    COM,
    EXIF,
    ICC_HEADER,
    ICC_PROFILE,
    JFIF,
    SOS,
    XMP,
)

Segment = tuple[int, int, int]  # (marker, start, end): data[start:end] is the whole segment


@dataclass(slots=True)
class Kept:
    """What strip keeps of a JPEG's segments, gathered in one walk."""

    data: bytes
    jfif: bytes = b""
    exif: bytes = b""
    icc: list[memoryview] = field(default_factory=list)
    adobe: list[memoryview] = field(default_factory=list)
    body: list[list[int]] = field(default_factory=list)  # [start, end] runs, merged
    xmp: list[bytes] = field(default_factory=list)  # read for a gain map's properties
    mpf: tuple[int, int] | None = None  # (start of the MP TIFF header, segment end)

    def head(self, extra: list[bytes] | None = None) -> bytes:
        """SOI and the kept APPn segments, `extra` after the colour profile."""
        return b"".join([b"\xff\xd8", self.jfif, self.exif, *self.icc, *(extra or ())])

    def tail(self) -> list[memoryview]:
        """The APP14 Adobe segment and every decoding segment up to EOI, as views of
        the data (joined once, with whatever goes around them)."""
        view = memoryview(self.data)
        return [*self.adobe, *(view[a:b] for a, b in self.body)]


def kept_segments(data: bytes, segments: list[Segment]) -> Kept:
    """What strip keeps of `data`, walked into `segments` (see the package docstring)."""
    kept = Kept(data)
    view = memoryview(data)
    orientation_read = in_scans = False
    for marker, start, end in segments[1:]:
        if marker == COM or (marker in APPS and in_scans):
            continue
        if marker not in APPS:
            in_scans = in_scans or marker == SOS
            if kept.body and kept.body[-1][1] == start:
                kept.body[-1][1] = end
            else:
                kept.body.append([start, end])
        elif marker == APP0 and not kept.jfif and data.startswith(JFIF, start + 4, end):
            kept.jfif = _bare_jfif(data, start, end)
        elif marker == APP1 and not orientation_read and data.startswith(EXIF, start + 4, end):
            orientation_read = True
            kept.exif = _orientation_exif(data[start + 10 : end])
        elif (  # an ICC chunk too short for its header is no profile: read() reports it
            marker == APP2
            and end - start >= 4 + ICC_HEADER
            and data.startswith(ICC_PROFILE, start + 4, end)
        ):
            kept.icc.append(view[start:end])
        elif marker == APP14 and data.startswith(ADOBE, start + 4, end):
            kept.adobe.append(view[start:end])
        elif marker == APP1 and data.startswith(XMP, start + 4, end):
            kept.xmp.append(data[start + 4 + len(XMP) : end])
        elif marker == APP2 and kept.mpf is None and data.startswith(mpf.MPF, start + 4, end):
            kept.mpf = (start + 4 + len(mpf.MPF), end)
    return kept


def _bare_jfif(data: bytes, start: int, end: int) -> bytes:
    """A JFIF APP0 with the original version, units and density but no thumbnail."""
    if end - start < 18:  # too short to be JFIF to a decoder either: drop it
        return b""
    fields = data[start + 9 : start + 16]  # version (2), units (1), densities (2 + 2)
    return b"\xff\xe0\x00\x10" + JFIF + fields + b"\x00\x00"


def _orientation_exif(tiff: bytes) -> bytes:
    """An APP1 Exif segment with only Orientation, or b"" when orientation is 1 or unknown."""
    blob = orientation_exif(tiff)
    if not blob:
        return b""
    return b"\xff\xe1" + (len(blob) + 8).to_bytes(2, "big") + EXIF + b"\x00" + blob
