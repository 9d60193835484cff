"""The cleaner: an edit plan that writes the movie without what identifies it.

The plan (`editplan.Step`s) copies the original's media data and inserts a rebuilt
'moov' (and rebuilt 'moof's): 'udta', 'meta' and 'uuid' boxes gone, creation and
modification times zeroed, metadata and telemetry tracks gone with their samples,
the chunk offsets ('stco'/'co64') and fragment offsets ('tfhd' base, 'trun' data
offset) moved to where the kept samples land. Only the boxes are read: the media
data is never loaded, the removed samples not even touched. Every top-level box
but 'ftyp', 'styp', 'moov', 'mdat' and 'moof' is dropped (free space, indexes whose
offsets would be stale, XMP, vendor boxes).
"""

from __future__ import annotations

import bisect
import struct
from collections.abc import Callable

from ...editplan import Copy, Step
from ...errors import CorruptImage, UnsupportedFormat
from ...structure.boxes import Box, Fields, Readable, make_box
from .layout import CONTAINERS_HERE, FMT, KEPT_TOP_LEVEL, PLAYBACK, Movie, load
from .samples import (
    BASE_IS_MOOF,
    BASE_OFFSET,
    DATA_OFFSET,
    Range,
    fragment_runs,
    offsets_in,
    track_samples,
)
from .tracks import removed_tracks

# Boxes dropped wherever they sit inside 'moov' or 'moof'.
DROPPED = frozenset({b"udta", b"meta", b"uuid", b"free", b"skip", b"wide"})
_ZEROED_TIMES = frozenset({b"mvhd", b"tkhd", b"mdhd"})
# Visual sample entries: their QuickTime vendor code (payload bytes 12-16, zero in ISO
# files) and compressor name (42-74) name the encoder ("FFmpeg", "Lavc59 libx264");
# decoders read neither, so both are blanked.
VISUAL_ENTRIES = frozenset({
    b"avc1", b"avc3", b"hvc1", b"hev1", b"dvh1", b"dvhe", b"av01", b"vp08", b"vp09",
    b"mp4v", b"s263", b"h263", b"jpeg", b"mjpa", b"mjpb", b"apcn", b"apch", b"apcs",
    b"apco", b"ap4h", b"ap4x",
})  # fmt: skip
_VENDOR, _COMPRESSOR = slice(12, 16), slice(42, 74)

Mapper = Callable[[int], int]


def plan(data: Readable) -> tuple[Step, ...]:
    """The steps that write `data` cleaned (see the module docstring)."""
    movie = load(data)
    removed = removed_tracks(movie, data)
    if not any(t.handler in (b"vide", b"soun") for t in movie.tracks if t.id not in removed):
        raise UnsupportedFormat("a movie without video or sound", None)
    gone = _removed_ranges(movie, removed)
    writer = _Writer(movie, removed)
    # Pass one: every piece's size (rebuilt boxes have fixed-width offsets, so their
    # size does not depend on the values); pass two: the bytes, offsets moved.
    pieces: list[tuple[Box, list[Range]]] = []
    segments: list[tuple[int, int, int]] = []  # (old start, old end, new start), sorted
    points: dict[int, int] = {}  # rebuilt boxes: old start -> new start
    at = 0
    for box in movie.top:
        if box.type not in KEPT_TOP_LEVEL:
            continue
        if box.type == b"mdat":
            kept = _minus(box.start, box.end, gone)
            pieces.append((box, kept))
            points[box.offset] = at
            at += box.header_size
            for start, length in kept:
                segments.append((start, start + length, at))
                at += length
        else:
            points[box.offset] = at
            at += len(writer.rebuilt(box, None)) if box.type in (b"moov", b"moof") else box.size
            pieces.append((box, []))
    mapper = _mapper(segments, points)
    steps: list[Step] = []
    for box, kept in pieces:
        if box.type == b"mdat":
            steps.append(_mdat_header(data, box, sum(n for _, n in kept)))
            steps += [Copy(start, length) for start, length in kept if length]
        elif box.type in (b"moov", b"moof"):
            steps.append(writer.rebuilt(box, mapper))
        else:
            steps.append(Copy(box.offset, box.size))
    return tuple(steps)


def _removed_ranges(movie: Movie, removed: set[int]) -> list[Range]:
    ranges: list[Range] = []
    for track in movie.tracks:
        if track.id in removed:
            ranges += track_samples(movie.moov_data, track)
    for fragment in movie.fragments:
        for run in fragment_runs(movie, fragment):
            if run.track_id in removed:
                ranges += run.samples
    merged: list[Range] = []
    for start, length in sorted(r for r in ranges if r[1] > 0):
        if merged and start <= merged[-1][0] + merged[-1][1]:
            last_start, last_length = merged[-1]
            merged[-1] = (last_start, max(last_length, start + length - last_start))
        else:
            merged.append((start, length))
    return merged


def _minus(start: int, end: int, gone: list[Range]) -> list[Range]:
    """[start, end) without the `gone` ranges, as (offset, length) pieces."""
    kept, pos = [], start
    for offset, length in gone:
        if offset + length <= pos or offset >= end:
            continue
        if offset > pos:
            kept.append((pos, offset - pos))
        pos = max(pos, offset + length)
    if pos < end:
        kept.append((pos, end - pos))
    return kept


def _mdat_header(data: Readable, box: Box, payload: int) -> bytes:
    if bytes(data[box.offset : box.offset + 4]) == b"\0\0\0\0":  # "to the end of the file"
        return b"\0\0\0\0mdat"
    if box.header_size == 16:  # keep the 64-bit form: offsets stay as computed
        return struct.pack(">I4sQ", 1, b"mdat", 16 + payload)
    return struct.pack(">I4s", 8 + payload, b"mdat")


def _mapper(segments: list[tuple[int, int, int]], points: dict[int, int]) -> Mapper:
    starts = [s for s, _, _ in segments]

    def where(old: int) -> int:
        if old in points:
            return points[old]
        i = bisect.bisect_right(starts, old) - 1
        if i >= 0 and old <= segments[i][1]:
            return segments[i][2] + old - segments[i][0]
        raise CorruptImage(FMT, f"a sample offset {old} points outside the kept media data")

    return where


class _Writer:
    """Rebuilds 'moov' and 'moof' boxes; with a mapper None, offsets are placeholders."""

    def __init__(self, movie: Movie, removed: set[int]) -> None:
        self.movie, self.removed = movie, removed
        self.moofs = {f.at: f for f in movie.fragments}
        self.traks = {t.box.offset: t.id for t in movie.tracks}

    def rebuilt(self, top: Box, mapper: Mapper | None) -> bytes:
        """The rebuilt bytes of the top-level 'moov' or 'moof' `top`."""
        if top.type == b"moov":
            return self._box(self.movie.moov_data, self.movie.moov, mapper)
        fragment = self.moofs[top.offset]
        data, moof = fragment.data, fragment.box
        parts = [bytes(data[moof.start : _first_child(moof)])]
        trafs = 0
        for child in moof.children or ():
            if child.type == b"traf":
                trafs += 1
                if _track_id(data, child) not in self.removed:
                    parts.append(self._traf(data, child, mapper, fragment.at, trafs == 1))
            elif child.type not in DROPPED:
                parts.append(self._box(data, child, mapper))
        return make_box(b"moof", *parts)

    def _box(self, data: bytes, box: Box, mapper: Mapper | None) -> bytes:
        if box.children is None:
            payload = bytes(data[box.start : box.end])
            leaf = self._leaf(data, box, payload, mapper)
            return make_box(box.type, leaf, usertype=box.usertype)
        parts = [bytes(data[box.start : _first_child(box)])]
        for child in box.children:
            if child.type in DROPPED:
                continue
            if box.type in (b"moov", b"trak") and child.type not in PLAYBACK:
                continue
            if child.type == b"trak" and self.traks[child.offset] in self.removed:
                continue
            if child.type == b"trex" and _track_id(data, child) in self.removed:
                continue
            if box.type == b"tref":
                ids = [i for i in _ids(data, child) if i not in self.removed]
                if ids:
                    parts.append(make_box(child.type, struct.pack(f">{len(ids)}I", *ids)))
                continue
            parts.append(self._box(data, child, mapper))
        if box.type == b"tref" and len(parts) == 1:
            return b""
        return make_box(box.type, *parts, usertype=box.usertype)

    def _leaf(self, data: bytes, box: Box, payload: bytes, mapper: Mapper | None) -> bytes:
        if box.type in _ZEROED_TIMES:
            span = 16 if payload[:1] == b"\1" else 8
            if len(payload) < 4 + span:
                raise CorruptImage(
                    FMT, f"'{box.name}' is {box.size} bytes, too short for its times"
                )
            return payload[:4] + bytes(span) + payload[4 + span :]
        if box.type in VISUAL_ENTRIES and len(payload) >= _COMPRESSOR.stop:
            blank = bytearray(payload)
            blank[_VENDOR], blank[_COMPRESSOR] = bytes(4), bytes(32)
            return bytes(blank)
        if box.type in (b"stco", b"co64") and mapper is not None:
            code = f">{{}}{'I' if box.type == b'stco' else 'Q'}"
            moved = [mapper(offset) for offset in offsets_in(data, box)]
            return payload[:8] + struct.pack(code.format(len(moved)), *moved)
        return payload

    def _traf(
        self, data: bytes, traf: Box, mapper: Mapper | None, moof_at: int, first: bool
    ) -> bytes:
        """A kept 'traf' with its base offset and its runs' data offsets moved."""
        tfhd = traf.child(b"tfhd")
        if tfhd is None:
            raise CorruptImage(FMT, f"'traf' of 'moof' at byte {moof_at} has no 'tfhd'")
        header = Fields(data, tfhd, FMT)
        _, flags = header.version_flags()
        header.uint(4)  # the track id
        if flags & BASE_OFFSET:
            old_base = header.uint(8)
        elif flags & BASE_IS_MOOF or first:
            old_base = moof_at
        else:
            raise UnsupportedFormat(
                "a fragmented movie whose track fragments chain their data offsets"
            )
        new_base = mapper(old_base) if mapper is not None else 0
        parts = [bytes(data[traf.start : _first_child(traf)])]
        for child in traf.children or ():
            if child.type in DROPPED:
                continue
            payload = bytes(data[child.start : child.end])
            if mapper is not None and child.type == b"tfhd" and flags & BASE_OFFSET:
                payload = payload[:8] + struct.pack(">Q", new_base) + payload[16:]
            elif mapper is not None and child.type == b"trun" and payload[3:4] != b"\0":
                run = Fields(data, child, FMT)
                if not run.version_flags()[1] & DATA_OFFSET:
                    parts.append(make_box(child.type, payload))
                    continue
                run.uint(4)  # the sample count
                offset = run.uint(4)
                offset -= (offset & 0x8000_0000) << 1  # signed
                moved = mapper(old_base + offset) - new_base
                payload = payload[:8] + struct.pack(">i", moved) + payload[12:]
            parts.append(make_box(child.type, payload, usertype=child.usertype))
        return make_box(b"traf", *parts)


def _first_child(box: Box) -> int:
    if box.children:
        return box.children[0].offset
    return box.start + CONTAINERS_HERE.get(box.type, 0)


def _track_id(data: bytes, box: Box) -> int:
    """The track id 'trex' and 'tfhd' (in a 'traf') start with, after version and flags."""
    if box.type == b"traf":
        tfhd = box.child(b"tfhd")
        if tfhd is None:
            raise CorruptImage(FMT, f"'traf' at byte {box.offset} of its 'moof' has no 'tfhd'")
        box = tfhd
    return int.from_bytes(data[box.start + 4 : box.start + 8], "big")


def _ids(data: bytes, box: Box) -> list[int]:
    count = (box.end - box.start) // 4
    return list(struct.unpack_from(f">{count}I", data, box.start))
