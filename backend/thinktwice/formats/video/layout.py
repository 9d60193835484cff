"""A video's layout: its top-level boxes, its movie box parsed, and its tracks.

Only the top-level headers are read from the file itself (an mmap or any sliceable
view, never the whole media data); 'moov' and each 'moof' are small and read into
memory whole, then parsed with the one box reader. Their boxes' offsets are relative
to those copies; `Movie.moov_at` and `Fragment.at` say where they sit in the file.
'udta' and 'meta' are left as leaves here: QuickTime writes them in layouts the
strict walk refuses (a 'meta' without version and flags, a 32-bit zero ending a
'udta'), and they are read tolerantly by atoms.py and dropped whole by the cleaner.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

from ...errors import CorruptImage, UnsupportedFormat
from ...structure.boxes import CONTAINERS, Box, Fields, Readable, full_box, iter_boxes, parse

FMT = "MP4/MOV video"

CONTAINERS_HERE = {
    **{k: v for k, v in CONTAINERS.items() if k not in (b"udta", b"meta")},
    b"tref": 0,
}
# Top-level boxes a movie needs; every other one is metadata, an index or padding.
KEPT_TOP_LEVEL = frozenset({b"ftyp", b"styp", b"moov", b"mdat", b"moof"})
# Boxes of 'moov' and 'trak' that playback needs: the cleaner drops every other one.
PLAYBACK = frozenset({
    b"mvhd", b"trak", b"mvex", b"iods", b"tkhd", b"edts", b"mdia", b"tref", b"tapt",
    b"load", b"imap", b"clip", b"matt", b"txas", b"pssh",
})  # fmt: skip
# The display matrix's rotation part (a, b, c, d as whole numbers) -> degrees clockwise.
# Any other matrix (a mirror, a skew) is shown as stored here: those are not cameras'.
QUARTER_TURNS = {(1, 0, 0, 1): 0, (0, 1, -1, 0): 90, (-1, 0, 0, -1): 180, (0, -1, 1, 0): 270}
MAX_TOP_LEVEL = 1 << 16
MAX_MOVIE_BOX = 256 * 1024 * 1024  # a 'moov' this large is no phone video
MAX_SAMPLES = 1 << 24


@dataclass(slots=True)
class Track:
    """One 'trak': its id, handler ('vide', 'soun', 'meta'...) and first sample entry;
    `turn` is how far its frames are turned clockwise to be shown (0, 90, 180, 270:
    a phone filming upright stores its frames on their side)."""

    box: Box
    id: int
    handler: bytes
    entry: bytes
    width: int | None
    height: int | None
    stbl: Box | None
    turn: int = 0


@dataclass(slots=True)
class Fragment:
    """One top-level 'moof', read into memory; `at` is where it starts in the file."""

    at: int
    data: bytes
    box: Box


@dataclass(slots=True)
class Movie:
    """The parsed layout of one video file."""

    top: list[Box]
    brands: list[bytes]
    moov_at: int
    moov_data: bytes
    moov: Box
    tracks: list[Track]
    fragments: list[Fragment] = field(default_factory=list)

    def track(self, track_id: int) -> Track | None:
        """The track of `track_id`, or None."""
        return next((t for t in self.tracks if t.id == track_id), None)


def load(data: Readable) -> Movie:
    """The layout of `data`; CorruptImage naming the box when it breaks the format."""
    top = list(_top_level(data))
    moovs = [box for box in top if box.type == b"moov"]
    if not moovs:
        if any(box.type == b"cmov" for box in top):
            raise UnsupportedFormat("a compressed QuickTime movie")
        raise CorruptImage(FMT, "the file has no 'moov' box (the movie's index)")
    if len(moovs) > 1:
        raise CorruptImage(FMT, f"the file has {len(moovs)} 'moov' boxes")
    moov_box = moovs[0]
    if moov_box.size > MAX_MOVIE_BOX:
        raise CorruptImage(FMT, f"'moov' at byte {moov_box.offset} is {moov_box.size} bytes")
    moov_data = bytes(data[moov_box.offset : moov_box.end])
    where = f"'moov' at byte {moov_box.offset}"
    (moov,) = parse(moov_data, 0, len(moov_data), FMT, where, containers=CONTAINERS_HERE)
    if any(child.type == b"cmov" for child in moov.children or ()):
        raise UnsupportedFormat("a compressed QuickTime movie")
    tracks = [_track(moov_data, box) for box in moov.children or () if box.type == b"trak"]
    fragments = []
    for box in top:
        if box.type == b"moof":
            piece = bytes(data[box.offset : box.end])
            (moof,) = parse(piece, 0, len(piece), FMT, f"'moof' at byte {box.offset}",
                            containers=CONTAINERS_HERE)  # fmt: skip
            fragments.append(Fragment(box.offset, piece, moof))
    ftyp = top[0] if top and top[0].type == b"ftyp" else None
    brands = _brands(bytes(data[ftyp.start : ftyp.end])) if ftyp else [b"qt  "]
    return Movie(top, brands, moov_box.offset, moov_data, moov, tracks, fragments)


def seconds(movie: Movie) -> float | None:
    """How long the movie plays, from its header ('mvhd' timescale and duration)."""
    mvhd = movie.moov.child(b"mvhd")
    if mvhd is None:
        return None
    fields = Fields(movie.moov_data, mvhd, FMT)
    version, _ = fields.version_flags()
    wide = version == 1
    fields.raw(16 if wide else 8)  # creation and modification times
    timescale = fields.uint(4)
    duration = fields.uint(8 if wide else 4)
    return duration / timescale if timescale else None


def find(box: Box, *path: bytes) -> Box | None:
    """The box down `path` of first children ('mdia', 'minf', 'stbl'), or None."""
    for box_type in path:
        found = box.child(box_type)
        if found is None:
            return None
        box = found
    return box


def _top_level(data: Readable) -> list[Box]:
    boxes = []
    for box in iter_boxes(data, 0, len(data), FMT, "the file"):
        boxes.append(box)
        if len(boxes) > MAX_TOP_LEVEL:
            raise CorruptImage(FMT, f"more than {MAX_TOP_LEVEL} top-level boxes")
    return boxes


def _brands(payload: bytes) -> list[bytes]:
    return [payload[:4], *(payload[i : i + 4] for i in range(8, len(payload) - 3, 4))]


def _track(data: bytes, trak: Box) -> Track:
    tkhd = trak.child(b"tkhd")
    if tkhd is None:
        raise CorruptImage(FMT, f"'trak' at byte {trak.offset} of 'moov' has no 'tkhd'")
    version, _ = full_box(data, tkhd, FMT)
    fields = Fields(data, tkhd, FMT)
    fields.raw(4 + (16 if version == 1 else 8))
    track_id = fields.uint(4)
    fields.raw(4 + (8 if version == 1 else 4) + 8 + 2 + 2 + 2 + 2)
    matrix = struct.unpack(">9i", fields.raw(36))
    width, height = fields.uint(4) >> 16, fields.uint(4) >> 16
    handler = b""
    hdlr = find(trak, b"mdia", b"hdlr")
    if hdlr is not None:
        handler = bytes(data[hdlr.start + 8 : hdlr.start + 12])
    stbl = find(trak, b"mdia", b"minf", b"stbl")
    stsd = stbl.child(b"stsd") if stbl is not None else None
    entry = stsd.children[0].type if stsd is not None and stsd.children else b""
    turn = QUARTER_TURNS.get(tuple(value >> 16 for value in matrix[:2] + matrix[3:5]), 0)
    return Track(trak, track_id, handler, entry, width or None, height or None, stbl, turn)


def u32s(data: bytes, box: Box, skip: int, count: int, size: int = 4) -> list[int]:
    """`count` big-endian integers of `size` bytes after `skip` payload bytes of `box`."""
    start = box.start + skip
    if start + count * size > box.end:
        raise CorruptImage(
            FMT, f"'{box.name}' at byte {box.offset} of 'moov' lists {count} entries "
            f"of {size} bytes that do not fit in its {box.size} bytes"
        )  # fmt: skip
    fmt = {4: "I", 8: "Q", 2: "H", 1: "B"}[size]
    return list(struct.unpack_from(f">{count}{fmt}", data, start))
