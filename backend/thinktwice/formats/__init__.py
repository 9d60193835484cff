"""Container formats: one module or sub-package per family, each with the same contract
(`contract.Format`: NAME and KINDS as data; sniff, read, strip).

They are registered here, explicitly, in the order they are tried: most common
first. Each parses its container once into a layout that both `read` (what is
there) and `strip` (the same image without it) work from; the structures they
share (TIFF IFDs, ISOBMFF boxes, inflate) are read by `thinktwice.structure`.

The registry is what the engine knows of a format before it imports the format's
code: its name, its kinds (the media types and suffixes of the files it reads) and
its signature (a test of the first bytes, in sniff.py). The module itself,
`formats.<NAME>`, is imported the first time a file of that format is met, and
checked against the contract then: scanning a JPEG loads the JPEG reader, not the
HEIF, TIFF or Matroska ones. A format module takes its kinds and signature from
here (`declared`), so each is written once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from pathlib import PurePath
from typing import cast

from ..errors import UnsupportedFormat
from . import sniff
from .contract import Format, Kind, Movie
from .magic import describe

__all__ = [
    "FORMATS", "HEAD_SIZE", "MOVIES", "Format", "Kind", "Movie", "Registered", "declared",
    "detect", "movie", "named",
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class Registered:
    """A format as the registry knows it before its module (`formats.<NAME>`) is imported.

    NAME and KINDS are named as the contract names them; `movie` says the format is
    a video family (its module is a `contract.Movie`).
    """

    NAME: str
    KINDS: tuple[Kind, ...]
    sniff: Callable[[bytes], bool]
    movie: bool = False

    def load(self) -> Format:
        """The format's module, imported on first use."""
        return _load(self.NAME)


# The registry, in the order detection tries it.
# HEIF before video: both are ISOBMFF, and HEIF claims the 'ftyp' brands it knows.
FORMATS: tuple[Registered, ...] = (
    Registered(
        "jpeg", (Kind("jpeg", "image/jpeg", (".jpg", ".jpeg", ".jpe", ".jfif")),), sniff.jpeg
    ),
    Registered(
        "png",
        (Kind("png", "image/png", (".png",)), Kind("apng", "image/apng", (".png", ".apng"))),
        sniff.png,
    ),
    Registered("webp", (Kind("webp", "image/webp", (".webp",)),), sniff.webp),
    Registered(
        "heif",
        (
            Kind("heic", "image/heic", (".heic", ".heif", ".hif")),
            Kind("heif", "image/heif", (".heif", ".heic", ".hif")),
            Kind("avif", "image/avif", (".avif",)),
        ),
        sniff.heif,
    ),
    Registered("gif", (Kind("gif", "image/gif", (".gif",)),), sniff.gif),
    Registered("tiff", (Kind("tiff", "image/tiff", (".tiff", ".tif")),), sniff.tiff),
    Registered(
        "video",
        (
            Kind("mp4", "video/mp4", (".mp4", ".m4v", ".mov")),
            Kind("mov", "video/quicktime", (".mov", ".qt", ".mp4")),
            Kind("m4v", "video/x-m4v", (".m4v", ".mp4")),
            Kind("3gp", "video/3gpp", (".3gp", ".mp4")),
            Kind("3g2", "video/3gpp2", (".3g2", ".3gp", ".mp4")),
        ),
        sniff.video,
        movie=True,
    ),
    Registered(
        "matroska",
        (
            Kind("webm", "video/webm", (".webm", ".mkv")),  # a WebM is a Matroska file too
            Kind("mkv", "video/x-matroska", (".mkv", ".mk3d")),
        ),
        sniff.matroska,
        movie=True,
    ),
)
# The video families: cleaned from an edit plan, so a file bigger than memory never
# has to be read whole (contract.Movie).
MOVIES: tuple[Registered, ...] = tuple(fmt for fmt in FORMATS if fmt.movie)

HEAD_SIZE = 64
NAMING_SIZE = 600  # what naming an unsupported file may read: three 192-byte packets

_BY_NAME = {fmt.NAME: fmt for fmt in FORMATS}


def declared(name: str) -> tuple[tuple[Kind, ...], Callable[[bytes], bool]]:
    """The kinds and signature the registry declares for format `name` (its module's
    KINDS and sniff)."""
    fmt = _registered(name)
    return fmt.KINDS, fmt.sniff


def named(name: str) -> Format:
    """The format registered as `name`; ValueError naming the known ones otherwise."""
    return _registered(name).load()


def movie(head: bytes) -> Movie | None:
    """The video family `head` (a file's first HEAD_SIZE bytes) starts like, if any."""
    found = next((fmt for fmt in MOVIES if fmt.sniff(head)), None)
    return None if found is None else cast(Movie, found.load())  # checked as one by _load


def detect(data: bytes, filename: str | None = None) -> Format:
    """The format of `data`; `UnsupportedFormat` naming what it is otherwise (an empty
    file is said to hold no video when `filename` is a video's)."""
    if not data:
        empty = f"The file is empty: there is no {_noun(filename)} in it."
        raise UnsupportedFormat("an empty file", empty)
    head = bytes(data[:HEAD_SIZE])
    for fmt in FORMATS:
        if fmt.sniff(head):
            return fmt.load()
    detected = describe(bytes(data[:NAMING_SIZE]))
    if "video" in detected or "media" in detected:
        raise UnsupportedFormat(
            detected,
            f"Unsupported format: {detected}. ThinkTwice handles MP4, MOV, M4V, 3GP, "
            "WebM and MKV videos, and JPEG, PNG, WebP, GIF, TIFF, HEIC/HEIF and AVIF images.",
        )
    raise UnsupportedFormat(detected)


def _registered(name: str) -> Registered:
    if name not in _BY_NAME:
        raise ValueError(f"Format {name!r} is not registered; known: {', '.join(_BY_NAME)}")
    return _BY_NAME[name]


@cache
def _load(name: str) -> Format:
    """Import `formats.<name>` and check that it offers the contract its entry promises."""
    module = import_module(f"{__name__}.{name}")
    contract = Movie if _BY_NAME[name].movie else Format
    if not isinstance(module, contract):
        raise TypeError(f"{module.__name__} does not offer the {contract.__name__} contract")
    return module


def _noun(filename: str | None) -> str:
    """What a file of that name holds: "video" for a video's suffix, else "image"."""
    suffix = PurePath(filename or "").suffix.lower()
    videos = {s for fmt in MOVIES for kind in fmt.KINDS for s in kind.suffixes}
    return "video" if suffix in videos else "image"
