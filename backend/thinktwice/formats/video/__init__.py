"""Videos of the ISO base media family: MP4, MOV (QuickTime), M4V, 3GP and 3G2.

Layout (layout.py): top-level boxes 'ftyp' (brands), 'moov' (the movie's index:
tracks, sample tables, metadata), 'mdat' (the samples), before or after one another;
fragmented files add 'moof' boxes, each indexing the 'mdat' after it. Metadata sits
in 'udta' and 'meta' boxes of the movie and of its tracks (atoms.py), in 'uuid' XMP
boxes, in the headers' times, and in whole tracks: telemetry such as GPS routes
(telemetry.py) and Live Photo data.

`plan` (plan.py) is the cleaner: an edit plan of the original's media data and
rebuilt boxes, so a 4 GiB video is cleaned without being read into memory; `strip`
applies it in memory, for the callers that hold the bytes anyway. Every function
takes anything sliceable (bytes, an mmap of the file).
"""

from __future__ import annotations

from ...editplan import Copy, Step
from ...errors import CorruptImage, UnsupportedFormat
from ...records import Container, TextEntry
from ...structure.boxes import Readable
from .. import declared
from ..verify import residue
from .atoms import read_atoms
from .keyframes import KeyFrames, key_frames
from .layout import KEPT_TOP_LEVEL, Movie, load
from .plan import plan
from .tracks import contents, removed_tracks, track_route

NAME = "video"
KINDS, sniff = declared(NAME)  # written once, in the registry (formats/__init__.py)
MEDIA_TYPES = {kind.name: kind.media_type for kind in KINDS}
MAX_TOP_LEVEL_READ = 16 * 1024 * 1024  # a bigger 'free' or 'uuid' is named, not read

__all__ = [
    "KINDS", "NAME", "KeyFrames", "Step", "check", "key_frames", "plan", "read",
    "sniff", "strip", "write",
]  # fmt: skip


def read(data: Readable) -> Container:
    """Every identifying atom, header time and telemetry track of a movie."""
    movie = load(data)
    others = [
        (box, bytes(data[box.offset : box.end]))
        for box in movie.top
        if box.type not in KEPT_TOP_LEVEL and box.size <= MAX_TOP_LEVEL_READ
    ]
    container = read_atoms(movie.moov_data, movie, others)
    container.format = _kind(movie.brands)
    container.media_type = MEDIA_TYPES[container.format]
    for box in movie.top:
        if box.type not in KEPT_TOP_LEVEL and box.size > MAX_TOP_LEVEL_READ:
            container.note(f"a {box.size}-byte top-level '{box.name}' box")
    video = next((t for t in movie.tracks if t.handler == b"vide" and t.width), None)
    if video is not None:
        container.width, container.height = video.width, video.height
        container.turn = video.turn
    _telemetry(movie, data, container)
    return container


def strip(data: Readable, *, drop_hdr: bool = False) -> bytes:
    """The movie cleaned, in memory: `plan` applied.

    A video holds no HDR gain map: `drop_hdr` changes nothing.
    """
    return write(data, plan(data))


def write(data: Readable, steps: tuple[Step, ...]) -> bytes:
    """The bytes `steps` make from `data`."""
    return b"".join(
        bytes(data[s.offset : s.offset + s.length]) if isinstance(s, Copy) else s for s in steps
    )


def _kind(brands: list[bytes]) -> str:
    major = brands[0]
    if major == b"qt  ":
        return "mov"
    if major.startswith(b"3g2"):
        return "3g2"
    if major.startswith(b"3gp") or major.startswith(b"3ge"):
        return "3gp"
    if major.startswith(b"M4V"):
        return "m4v"
    return "mp4"


def _telemetry(movie: Movie, data: Readable, container: Container) -> None:
    """Names each track the cleaner removes, and the route it records if it has one,
    or else what it declares it holds (MetadataTrack: handler/entry; MetadataKeys)."""
    removed = removed_tracks(movie, data)
    for index, track in enumerate(movie.tracks, 1):
        if track.id not in removed:
            continue
        kind = f"{track.handler.decode('latin-1')}/{track.entry.decode('latin-1')}"
        container.note(f"a {kind} track (track {index})")
        points = track_route(movie, track, data)
        group = f"Track{index}"
        if points is None:
            container.text.append(TextEntry(group, "MetadataTrack", kind))
            if keys := contents(movie, track):
                container.text.append(TextEntry(group, "MetadataKeys", "; ".join(keys)))
            continue
        container.text.append(TextEntry(group, "RoutePoints", str(len(points))))
        if points:
            container.text.append(TextEntry(group, "RouteStart", _point(points[0])))
            container.text.append(TextEntry(group, "RouteEnd", _point(points[-1])))


def _point(point: tuple[float, float]) -> str:
    return f"{point[0]:.6f}, {point[1]:.6f}"


def check(written: Readable) -> list[str]:
    """What a cleaned movie still holds that identifies (nothing, for a good clean).

    `written` is the output (a file's mmap, or `view.Planned` before it is written);
    only its boxes are read. An output that does not parse says so.
    """
    try:
        container = read(written)
    except (CorruptImage, UnsupportedFormat) as exc:
        return [f"the output does not parse: {exc}"]
    return residue(container)
