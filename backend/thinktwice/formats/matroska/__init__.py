"""Matroska videos (.mkv) and WebM, the subset browsers and Android screen recorders write.

Framing (ebml.py): EBML elements. Layout (layout.py): an EBML header, then one
Segment holding SeekHead, Info, Tracks, Chapters, Clusters, Cues, Attachments and
Tags. What identifies sits in Info (title, date, muxing and writing apps, file
names), Tags (location, encoder, artist, comments...), Attachments (cover art),
Chapters' and tracks' names (read.py).

`plan` (plan.py) is the cleaner, as for MP4: an edit plan copying the EBML header
and every Cluster byte for byte, so a long video is cleaned without being read into
memory; `strip` applies it in memory. `key_frames` (keyframes.py) finds the frames
the pixels are judged on without a demuxer. Every function takes anything sliceable,
a video sent in part too (formats/video/sparse.py): only headers, metadata elements
and each Cluster's first bytes are read, but by `key_frames`.
"""

from __future__ import annotations

from ...editplan import Copy, Step
from ...errors import CorruptImage, UnsupportedFormat
from ...records import Container, Trailer
from ...structure.boxes import Readable
from .. import declared
from ..verify import residue
from . import ids
from .ebml import Element
from .keyframes import key_frames
from .layout import load, unknown_cluster
from .plan import KEPT, plan
from .read import read_metadata

NAME = "matroska"
KINDS, sniff = declared(NAME)  # written once, in the registry (formats/__init__.py)
MAX_TRAILER_READ = 64 * 1024
# Dropped top-level elements read.py says itself, or that hold nothing.
SAID = frozenset({ids.TAGS, ids.ATTACHMENTS, ids.VOID, ids.CRC32})

__all__ = [
    "KINDS", "NAME", "check", "key_frames", "plan", "read", "sniff", "strip",
    "unknown_cluster", "write",
]  # fmt: skip


def read(data: Readable) -> Container:
    """Every identifying element of a Matroska file, and any bytes after its Segment."""
    layout = load(data)
    container = read_metadata(data, layout)
    if layout.end < len(data):
        length = len(data) - layout.end
        prefix = bytes(data[layout.end : layout.end + MAX_TRAILER_READ])
        container.trailer = Trailer(layout.end, length, prefix)
    if layout.segment.offset > layout.header.end:
        container.note("filler between the EBML header and the Segment")
    for element in layout.top:
        if element.id == ids.VOID and _holds_bytes(data, element):
            container.note("a Matroska Void element holding leftover bytes")
        elif element.id not in KEPT | SAID:
            container.note(f"a top-level Matroska {ids.name(element.id)}")
    return container


def _holds_bytes(data: Readable, void: Element) -> bool:
    """Whether a Void holds anything but zeros (read in pieces: it may be large)."""
    return any(
        any(data[at : min(at + MAX_TRAILER_READ, void.end)])
        for at in range(void.start, void.end, MAX_TRAILER_READ)
    )


def strip(data: Readable, *, drop_hdr: bool = False) -> bytes:
    """The file cleaned, in memory: `plan` applied. A video holds no HDR gain map:
    `drop_hdr` changes nothing."""
    return write(data, plan(data))


def write(data: Readable, steps: tuple[Step, ...]) -> bytes:
    """The bytes `steps` make from `data`."""
    return b"".join(
        bytes(data[s.offset : s.offset + s.length]) if isinstance(s, Copy) else s for s in steps
    )


def check(written: Readable) -> list[str]:
    """What a cleaned file still holds that identifies (nothing, for a good clean)."""
    try:
        container = read(written)
    except (CorruptImage, UnsupportedFormat) as exc:
        return [f"the output does not parse: {exc}"]
    return residue(container)
