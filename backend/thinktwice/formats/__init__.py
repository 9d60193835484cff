"""Container formats: one module or sub-package per family, each with the same contract
(`contract.Format`: NAME and KINDS as data; sniff, read, strip).

They are registered here, explicitly, in the order they are tried: most common
first. Each parses its container once into a layout that both `read` (what is
there) and `strip` (the same image without it) work from; the structures they
share (TIFF IFDs, ISOBMFF boxes, inflate) are read by `thinktwice.structure`.
"""

from __future__ import annotations

from pathlib import PurePath

from ..errors import UnsupportedFormat
from . import gif, heif, jpeg, matroska, png, tiff, video, webp
from .contract import Format, Kind, Movie
from .magic import describe

__all__ = ["FORMATS", "HEAD_SIZE", "MOVIES", "Format", "Kind", "Movie", "detect", "movie", "named"]

# The registry, in the order detection tries it.
# HEIF before video: both are ISOBMFF, and HEIF claims the 'ftyp' brands it knows.
FORMATS: tuple[Format, ...] = (jpeg, png, webp, heif, gif, tiff, video, matroska)
# The video families: cleaned from an edit plan, so a file bigger than memory never
# has to be read whole (contract.Movie).
MOVIES: tuple[Movie, ...] = (video, matroska)

HEAD_SIZE = 64
NAMING_SIZE = 600  # what naming an unsupported file may read: three 192-byte packets

_BY_NAME = {fmt.NAME: fmt for fmt in FORMATS}


def named(name: str) -> Format:
    """The format registered as `name`; ValueError naming the known ones otherwise."""
    if name not in _BY_NAME:
        raise ValueError(f"Format {name!r} is not registered; known: {', '.join(_BY_NAME)}")
    return _BY_NAME[name]


def movie(head: bytes) -> Movie | None:
    """The video family `head` (a file's first HEAD_SIZE bytes) starts like, if any."""
    return next((fmt for fmt in MOVIES if fmt.sniff(head)), None)


def detect(data: bytes, filename: str | None = None) -> Format:
    """The format of `data`; `UnsupportedFormat` naming what it is otherwise (an empty
    file is said to hold no video when `filename` is a video's)."""
    if not data:
        empty = f"The file is empty: there is no {_noun(filename)} in it."
        raise UnsupportedFormat("an empty file", empty)
    head = bytes(data[:HEAD_SIZE])
    for fmt in FORMATS:
        if fmt.sniff(head):
            return fmt
    detected = describe(bytes(data[:NAMING_SIZE]))
    if "video" in detected or "media" in detected:
        raise UnsupportedFormat(
            detected,
            f"Unsupported format: {detected}. ThinkTwice handles MP4, MOV, M4V, 3GP, "
            "WebM and MKV videos, and JPEG, PNG, WebP, GIF, TIFF, HEIC/HEIF and AVIF images.",
        )
    raise UnsupportedFormat(detected)


def _noun(filename: str | None) -> str:
    """What a file of that name holds: "video" for a video's suffix, else "image"."""
    suffix = PurePath(filename or "").suffix.lower()
    videos = {s for fmt in MOVIES for kind in fmt.KINDS for s in kind.suffixes}
    return "video" if suffix in videos else "image"
