"""Cleaning and its proof: strip the container, then re-read the output.

`clean` checks the size, detects the format, strips it and verifies the output
(`formats.verify`): a copy that still holds anything identifying is a
`CleaningFailed` error, never a result. Videos, which may be larger than memory,
are cleaned as an edit plan instead (`plan_video`), written by the caller from the
original's slices, and the written copy proved with `verify_video`. This module is
all the `clean` command loads, so it stays free of the findings, the gazetteer and
any image decoder.
"""

from __future__ import annotations

from .editplan import Step
from .errors import CleaningFailed, UnsupportedFormat
from .formats import HEAD_SIZE, detect, movie
from .formats.verify import verify
from .limits import DEFAULT_LIMITS, Limits, check_size
from .structure.boxes import Readable


def clean(
    data: bytes,
    *,
    limits: Limits = DEFAULT_LIMITS,
    drop_hdr: bool = False,
    filename: str | None = None,
) -> bytes:
    """`data` with every identifying block removed, pixels untouched, output verified.

    An HDR gain map stays, de-identified, so HDR screens still show the photo as it
    was taken; `drop_hdr` removes it too. `filename` only words a refusal (an empty
    file named .mp4 holds no video).
    """
    check_size(data, limits)
    fmt = detect(data, filename)
    cleaned = fmt.strip(data, drop_hdr=drop_hdr)
    verify(fmt, cleaned, drop_hdr=drop_hdr)
    return cleaned


def plan_video(data: Readable) -> tuple[Step, ...]:
    """The steps that write the video `data` cleaned; only its structure is read.

    What the steps write must be checked with `verify_video` before it is used.
    """
    family = movie(bytes(data[:HEAD_SIZE]))
    if family is None:
        raise UnsupportedFormat("a file that is not a video", "Only a video is cleaned as a plan.")
    return family.plan(data)


def verify_video(written: Readable) -> None:
    """Re-read a written cleaned video's structure; `CleaningFailed` if anything identifies."""
    family = movie(bytes(written[:HEAD_SIZE]))
    remaining = family.check(written) if family else ["the output is not a video any more"]
    if remaining:
        raise CleaningFailed("video", remaining)
