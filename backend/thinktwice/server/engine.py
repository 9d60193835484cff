"""The engine as the routes use it: one job per upload, and the cleaned file's name.

`inspect_upload` is what runs in the engine's thread pool: the pipeline, and
the cleaned bytes' digest (hashing megabytes releases the GIL, so it belongs
off the event loop too), computed while the pixels are analysed: 3-5 ms for a
12-megapixel JPEG that would otherwise come after them.
"""

from __future__ import annotations

import hashlib
import re
import time
import unicodedata
from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath
from typing import cast
from urllib.parse import quote

from .. import editplan
from ..errors import ImageTooLarge, ThinkTwiceError, UnsupportedFormat
from ..formats import matroska, movie
from ..formats.suffixes import SUFFIXES, VIDEO_KIND_SUFFIXES
from ..formats.video.sparse import Sparse
from ..limits import Limits
from ..models import Covered, Report
from ..pipeline import inspect
from .cache import CleanedCopy

MAX_SPARSE_SENT = 64 * 1024 * 1024  # of a video sent in part: what one upload may carry
MAX_NAME = 120  # characters of the original stem kept in a download name
_UNSAFE = re.compile(r'[\x00-\x1f\x7f"\\/:*?<>|;]+')


@dataclass(frozen=True, slots=True)
class Inspected:
    """The engine's report for one upload, its cleaned bytes' SHA-256, and its time."""

    report: Report
    sha256: str
    engine_ms: float


def inspect_upload(
    data: bytes, filename: str | None, limits: Limits, *, pixels: bool, drop_hdr: bool = False
) -> Inspected:
    """Inspect `data` (its pixels too when `pixels`) and hash the cleaned copy (without
    its HDR gain map when `drop_hdr`).

    Raises the engine's errors.
    """
    start = time.perf_counter()
    digest = hashlib.sha256()
    report = inspect(
        data, filename, limits=limits, pixels=pixels, drop_hdr=drop_hdr, on_cleaned=digest.update
    )
    engine_ms = (time.perf_counter() - start) * 1000
    return Inspected(report, digest.hexdigest(), engine_ms)


@dataclass(frozen=True, slots=True)
class StillNeeded:
    """What the engine read of a video sent in part that was not sent: (offset, length)."""

    ranges: list[tuple[int, int]]


def inspect_sparse(
    sparse: Sparse, filename: str | None, limits: Limits, *, pixels: bool
) -> Inspected | StillNeeded:
    """Inspect a video sent in part, or say which ranges of it the inspection needs.

    The pass that found ranges missing read zeros there: it is discarded whatever it
    found (or raised), and made again once they are sent. No cleaned bytes exist here:
    the clean copy is the report's edit plan, applied where the whole file is.
    """
    start = time.perf_counter()
    family = movie(sparse[:16])
    if family is None:
        sparse.missing.clear()
        raise UnsupportedFormat("a file that is not a video", "Only a video may be sent in part.")
    try:
        if family is matroska and matroska.unknown_cluster(sparse) is not None:
            raise UnsupportedFormat(
                "a live-recorded WebM or Matroska video too big to send whole",
                "This WebM or Matroska video is a live recording whose Clusters do not say "
                "their sizes (as a browser's recorder writes them): it can be checked only "
                "when sent whole, and it is too big to be sent whole.",
            )
        # The video path only slices its input: a Sparse reads like bytes.
        data = cast(bytes, sparse)
        report = inspect(data, filename, limits=limits, pixels=pixels, keep_cleaned=False)
    except ThinkTwiceError:
        if sparse.missing:
            return _needed(sparse)
        raise
    if sparse.missing:
        return _needed(sparse)
    return Inspected(report, "", (time.perf_counter() - start) * 1000)


def _needed(sparse: Sparse) -> StillNeeded:
    ranges = sparse.needed()
    total = sum(length for _, length in ranges) + sparse.sent
    if total > MAX_SPARSE_SENT:
        raise ImageTooLarge(
            f"Checking this video needs {total:,} of its bytes sent (its index, telemetry "
            f"and key frames); the limit is {MAX_SPARSE_SENT:,}."
        )
    return StillNeeded(ranges)


def warm_up(pixels: bool = True) -> None:
    """Load what the first inspection would otherwise wait for: the offline gazetteer
    and, when pixels are analysed, the nudity and face models (0.1-0.2 s) and the text
    recognition engines (0.1-0.2 s each)."""
    from ..findings.gazetteer import load

    load()
    if pixels:
        from ..vision import text
        from ..vision.model import warm
        from ..vision.options import DEFAULT_VISION

        warm()
        text.warm(DEFAULT_VISION)


def hide_faces_in(copy: CleanedCopy, limits: Limits) -> Covered:
    """The cleaned copy with its faces covered (lossy): run in the engine's pool.

    The cleaned copy has the original's pixels and orientation, so the boxes
    found on the original apply to it as they are.
    """
    from ..vision.hiding import hide_faces

    return hide_faces(copy.data, copy.faces, limits=limits)


def plan_for(data: bytes, report: Report) -> tuple[editplan.Step, ...] | None:
    """How to rebuild the report's cleaned copy from `data`: a video's cleaner made an
    edit plan already (its moov may be far longer than a search allows), an image's is
    found by comparing the two, or None."""
    if report.plan is not None:
        return report.plan
    return editplan.plan_of(data, report.cleaned)


def clean_filename(original: str | None, format_name: str) -> str:
    """The cleaned copy's name: "IMG_2041.clean.jpg" for "IMG_2041.jpg".

    Only the last path component of the upload's name is used, without
    characters a file system or a header would choke on; a suffix that does not
    fit the real format is replaced by the format's own.
    """
    name = PureWindowsPath(PurePosixPath(original or "").name).name
    name = _UNSAFE.sub("_", unicodedata.normalize("NFC", name)).strip(" .")
    path = PurePosixPath(name or "image")
    fits = SUFFIXES.get(format_name) or VIDEO_KIND_SUFFIXES.get(format_name, ("",))
    suffix = path.suffix if path.suffix.lower() in fits else fits[0]
    return f"{path.stem[:MAX_NAME] or 'image'}.clean{suffix}"


def content_disposition(filename: str) -> str:
    """An attachment header naming `filename`, with an ASCII fallback (RFC 6266)."""
    fallback = filename.encode("ascii", "replace").decode("ascii").replace("?", "_")
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}"
