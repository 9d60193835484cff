"""The contract every container family fulfils, checked at run time.

A format is a module of this package (`formats.jpeg`, `formats.png`...) that
holds, as data, its `NAME` and its `KINDS` (each kind of file it reads: the
name a container reports, its media type and file-name suffixes, the first being
the one a cleaned copy gets), and offers the functions below. Its kinds and its
`sniff` are written in the registry (formats/__init__.py), which must know them
before it imports the module; the module takes them from there.

- ``sniff(head) -> bool``: whether the first bytes are this format;
- ``read(data) -> Container``: every metadata block it holds, still as bytes;
- ``strip(data, *, drop_hdr=False) -> bytes``: the same image with every
  non-rendering block removed, by editing the container (never re-encoding). An HDR
  gain map is kept, de-identified, unless `drop_hdr` (formats without one ignore it).

Video families are `Movie`s besides: they also offer ``plan``, ``write`` and
``check``, so a video is cleaned without being read into memory, and
``key_frames``, so one sent in part has its pixels judged.

`isinstance(module, Format)` holds for every registered module, and
`isinstance(module, Movie)` for every video family (the registry checks it when it
imports one, and its tests check every one).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from ..editplan import Step
from ..records import Container
from ..structure.boxes import Readable

if TYPE_CHECKING:
    from .video.keyframes import KeyFrames


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of file a format reads: "apng" is a kind of the PNG format."""

    name: str
    media_type: str
    suffixes: tuple[str, ...]


@runtime_checkable
class Format(Protocol):
    """What every module in the registry offers (see the module docstring)."""

    NAME: str
    KINDS: tuple[Kind, ...]

    def sniff(self, head: bytes) -> bool:
        """Whether `head` (the file's first bytes) starts like this format."""
        ...

    def read(self, data: bytes) -> Container:
        """Every metadata block of `data`, still as bytes."""
        ...

    def strip(self, data: bytes, *, drop_hdr: bool = False) -> bytes:
        """`data` without any block rendering does not need, losslessly (its HDR gain
        map kept, de-identified, unless `drop_hdr`)."""
        ...


@runtime_checkable
class Movie(Format, Protocol):
    """A video family: cleaned from an edit plan of the original's slices, since a video
    may be bigger than memory (`data` may be an mmap of the file, or any sliceable)."""

    def plan(self, data: Readable) -> tuple[Step, ...]:
        """The steps that write `data` cleaned; only its structure is read."""
        ...

    def write(self, data: Readable, steps: tuple[Step, ...]) -> bytes:
        """The bytes `steps` make from `data`, in memory."""
        ...

    def check(self, written: Readable) -> list[str]:
        """What a written cleaned copy still holds that identifies (nothing, for a good clean)."""
        ...

    def key_frames(self, data: Readable, count: int, gap: float) -> KeyFrames | None:
        """Up to `count` key frames, `gap` seconds apart at least, as samples for a decoder;
        None when the codec or the layout is not one read so."""
        ...
