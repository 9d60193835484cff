"""The cleaner: an edit plan that writes a Matroska file without what identifies.

The EBML header and every Cluster are copied byte for byte; Tags, Attachments and
any top-level element a player does not need are dropped; Info, Tracks and Chapters
are rewritten without Title, DateUTC, the Segment's UUIDs (they link copies of one
file; only split files need them), MuxingApp and WritingApp (players need
neither; FFmpeg shows WritingApp as the file's encoder), file names, track and
codec names and the chapters' strings. The elements that follow move up, so the
positions that point at them are rewritten: SeekHead entries, Cues' cluster and
codec-state positions (they count from the Segment's data start), and a Cluster's
own Position. Each keeps its
original byte width, so SeekHead and Cues keep their lengths and no position moves
twice; a Seek entry for a dropped element, and a CRC-32 whose element changed,
become Void elements of the same length.
"""

from __future__ import annotations

import bisect

from ...editplan import Copy, Step
from ...errors import CorruptImage
from ...structure.boxes import Readable
from . import ids
from .ebml import FORMAT, Element, children, element, encode_id, encode_size, header, uint, void
from .layout import Layout, load

# Children dropped wherever a rewritten element holds them.
DROPPED = frozenset({
    ids.TITLE, ids.DATE_UTC, ids.SEGMENT_FILENAME, ids.PREV_FILENAME, ids.NEXT_FILENAME,
    ids.SEGMENT_UUID, ids.PREV_UUID, ids.NEXT_UUID,
    ids.NAME, ids.CODEC_NAME, ids.CHAPTER_DISPLAY, ids.EDITION_DISPLAY,
    ids.CHAPTER_STRING_UID, ids.CRC32, ids.VOID, ids.MUXING_APP, ids.WRITING_APP,
})  # fmt: skip
# Elements rebuilt child by child.
REWRITTEN = frozenset({ids.INFO, ids.TRACKS, ids.TRACK_ENTRY, ids.CHAPTERS,
                       ids.EDITION_ENTRY, ids.CHAPTER_ATOM})  # fmt: skip
# The top-level elements a cleaned file keeps; every other one is dropped.
KEPT = frozenset({ids.SEEK_HEAD, ids.CLUSTER, ids.CUES}) | REWRITTEN


class _Positions:
    """Old Segment-relative positions to new ones, for the top-level elements kept."""

    def __init__(self, layout: Layout, new_starts: list[int | None]) -> None:
        base = layout.segment.start
        self.old = [e.offset - base for e in layout.top]
        self.top, self.new = layout.top, new_starts

    def start(self, old: int) -> int | None:
        """Where the kept element that started at `old` starts now."""
        i = bisect.bisect_left(self.old, old)
        return self.new[i] if i < len(self.old) and self.old[i] == old else None

    def inside(self, old: int) -> int | None:
        """Where byte `old` of a copied Cluster is now."""
        i = bisect.bisect_right(self.old, old) - 1
        new = self.new[i] if i >= 0 else None
        if new is None or self.top[i].id != ids.CLUSTER:
            return None
        return new + old - self.old[i]


def plan(data: Readable) -> tuple[Step, ...]:
    """The steps that write `data` cleaned; only headers and metadata elements are read."""
    layout = load(data)
    pieces: list[list[Step] | None] = []
    lengths: list[int] = []
    for top in layout.top:
        if top.id not in KEPT:
            pieces.append(None)
            lengths.append(0)
        elif top.id in REWRITTEN:
            rewritten = _rewritten(data, top, 1)
            pieces.append([rewritten])
            lengths.append(len(rewritten))
        else:
            pieces.append([Copy(top.offset, top.length)])
            lengths.append(top.length)
    new_starts: list[int | None] = []
    at = 0
    for piece, length in zip(pieces, lengths, strict=True):
        new_starts.append(at if piece is not None else None)
        at += length
    positions = _Positions(layout, new_starts)
    steps: list[Step] = [Copy(0, layout.header.end), _segment_header(data, layout, at)]
    for top, piece in zip(layout.top, pieces, strict=True):
        if piece is None:
            continue
        if top.id == ids.SEEK_HEAD:
            piece = [_seek_head(data, top, positions, layout)]
        elif top.id == ids.CUES:
            piece = [_cues(data, top, positions)]
        elif top.id == ids.CLUSTER:
            piece = _cluster(data, top, positions, layout)
        steps += piece
    return tuple(_joined(steps))


def _joined(steps: list[Step]) -> list[Step]:
    """Adjacent copies of adjacent ranges as one: a run of Clusters is one copy."""
    out: list[Step] = []
    for step in steps:
        last = out[-1] if out else None
        if (
            isinstance(step, Copy)
            and isinstance(last, Copy)
            and last.offset + last.length == step.offset
        ):
            out[-1] = Copy(last.offset, last.length + step.length)
        else:
            out.append(step)
    return out


def _segment_header(data: Readable, layout: Layout, size: int) -> bytes:
    segment = layout.segment
    original = bytes(data[segment.offset : segment.start])
    if not segment.known:
        return original  # a live recording's: still "unknown"
    width = segment.start - segment.offset - len(encode_id(ids.SEGMENT))
    return encode_id(ids.SEGMENT) + encode_size(size, width)


def _rewritten(data: Readable, master: Element, depth: int) -> bytes:
    body = bytearray()
    for child in children(data, master, depth, ids.name(master.id)):
        if child.id in DROPPED:
            continue
        if child.id in REWRITTEN:
            body += _rewritten(data, child, depth + 1)
        else:
            body += data[child.offset : child.end]
    return element(master.id, bytes(body))


def _seek_head(data: Readable, seek_head: Element, positions: _Positions, layout: Layout) -> bytes:
    out = bytearray(data[seek_head.offset : seek_head.end])
    base = seek_head.offset
    for seek in children(data, seek_head, 1, "SeekHead"):
        if seek.id == ids.CRC32:
            out[seek.offset - base : seek.end - base] = void(seek.length)
        if seek.id != ids.SEEK:
            continue
        fields = {c.id: c for c in children(data, seek, 2, "Seek")}
        target = fields.get(ids.SEEK_POSITION)
        new = positions.start(uint(data, target)) if target is not None else None
        if target is None or new is None:  # it pointed at a dropped element
            out[seek.offset - base : seek.end - base] = void(seek.length)
        else:
            out[target.start - base : target.end - base] = _uint(new, target)
    return bytes(out)


def _cues(data: Readable, cues: Element, positions: _Positions) -> bytes:
    out = bytearray(data[cues.offset : cues.end])
    base = cues.offset
    for point in children(data, cues, 1, "Cues"):
        if point.id == ids.CRC32:
            out[point.offset - base : point.end - base] = void(point.length)
        if point.id != ids.CUE_POINT:
            continue
        patches = _cue_patches(data, point, positions)
        if patches is None:  # it pointed at no Cluster: a player would seek nowhere
            out[point.offset - base : point.end - base] = void(point.length)
            continue
        for field, value in patches:
            out[field.start - base : field.end - base] = _uint(value, field)
    return bytes(out)


def _cue_patches(
    data: Readable, point: Element, positions: _Positions
) -> list[tuple[Element, int]] | None:
    patches = []
    for track in children(data, point, 2, "CuePoint"):
        if track.id != ids.CUE_TRACK_POSITIONS:
            continue
        for field in children(data, track, 3, "CueTrackPositions"):
            if field.id == ids.CUE_CLUSTER_POSITION:
                new = positions.start(uint(data, field))
            elif field.id == ids.CUE_CODEC_STATE and uint(data, field):
                new = positions.inside(uint(data, field))
            else:
                continue
            if new is None:
                return None
            patches.append((field, new))
    return patches


def _cluster(data: Readable, cluster: Element, positions: _Positions, layout: Layout) -> list[Step]:
    """A Cluster copied whole; its Position (before its first block) rewritten if it moved."""
    old = cluster.offset - layout.segment.start
    new = positions.start(old)
    whole: list[Step] = [Copy(cluster.offset, cluster.length)]
    if new == old:
        return whole
    pos = cluster.start
    while pos < cluster.end:
        try:
            child = header(data, pos, cluster.end, f"the Cluster at byte {cluster.offset}")
        except CorruptImage:  # a live recording's last Cluster, cut short: copied as it is
            return whole
        if child.id in (ids.SIMPLE_BLOCK, ids.BLOCK_GROUP) or not child.known:
            return whole
        if child.id == ids.POSITION:
            value = _uint(uint(data, child) - old + (new or 0), child)
            return [Copy(cluster.offset, child.start - cluster.offset), value,
                    Copy(child.end, cluster.end - child.end)]  # fmt: skip
        pos = child.end
    return whole


def _uint(value: int, field: Element) -> bytes:
    """`value` in the width of the integer element `field` holds."""
    if value < 0 or value >= 1 << (8 * field.size):
        raise CorruptImage(FORMAT, f"position {value} does not fit the {field.size}-byte "
                           f"element at byte {field.offset}")  # fmt: skip
    return value.to_bytes(field.size, "big")
