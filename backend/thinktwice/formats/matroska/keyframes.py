"""A Matroska video's key frames as samples, found without a demuxer (a video sent in part).

The first video track (a TrackEntry of TrackType 1) names the codec (CodecID) and the
decoder's configuration (CodecPrivate). The Clusters looked into are those the Cues
point to for that track, or every Cluster when there are no Cues. In each, the
track's first key frame is its first block flagged so (a SimpleBlock's key flag; a
BlockGroup without a ReferenceBlock), looked for among the Cluster's first
CLUSTER_HEAD bytes, which the extension sends of every Cluster with its header
(content/sparse-matroska.js); its time is the Cluster's Timecode plus the block's,
in TimestampScale nanoseconds. Up to `count` of those, spread over the video as an
MP4's are (`video.keyframes.spread`), then have their frames read: in a video sent in
part, those are the ranges asked for.

Every head is read before any is walked, so a pass over a video sent in part asks
for all the heads it lacks at once. Only unlaced, unencoded frames are read (video
is neither laced nor, from any recorder, compressed); a codec not in CODECS, or no
key frame within reach, gives None.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...errors import CorruptImage
from ...structure.boxes import Readable
from ..video.keyframes import KeyFrames, spread
from . import ids
from .ebml import Element, children, header, text, uint, vint
from .layout import Layout, load

# CodecID -> the FFmpeg decoder of its frames (AV1: dav1d, the software decoder).
CODECS = {
    "V_VP8": "vp8",
    "V_VP9": "vp9",
    "V_AV1": "libdav1d",
    "V_MPEG4/ISO/AVC": "h264",
    "V_MPEGH/ISO/HEVC": "hevc",
}
CLUSTER_HEAD = 1024  # bytes of a Cluster, after its header, its first key frame is looked for in
MAX_CLUSTERS = 4096  # Clusters looked into, spread over the video
VIDEO_TRACK = 1
CONTENT_ENCODINGS = 0x6D80
DEFAULT_SCALE = 1_000_000  # nanoseconds per timestamp tick
KEY_FLAG, LACING = 0x80, 0x06


@dataclass(frozen=True, slots=True)
class _Track:
    number: int
    codec: str
    private: bytes


@dataclass(frozen=True, slots=True)
class _Key:
    seconds: float
    start: int  # where the frame's bytes are in the file
    end: int


def key_frames(data: Readable, count: int, gap: float) -> KeyFrames | None:
    """Up to `count` key frames of the first video track, at least `gap` seconds apart and
    spread over the whole video; None when its codec is not one read here or no key frame
    is within reach."""
    layout = load(data)
    track = _video_track(data, layout)
    if track is None:
        return None
    scale = _scale(data, layout) / 1e9
    clusters = _clusters(data, layout, track.number)
    for cluster in clusters:  # every head read first: one round asks for all it lacks
        data[cluster.start : min(cluster.end, cluster.start + CLUSTER_HEAD)]
    found = (_first_key(data, cluster, track.number, scale) for cluster in clusters)
    keys = sorted((key for key in found if key is not None), key=lambda k: k.seconds)
    if not keys:
        return None
    times = [key.seconds for key in keys]
    chosen = [keys[i] for i in spread(times, list(range(len(keys))), count, gap)]
    frames = tuple((key.seconds, bytes(data[key.start : key.end])) for key in chosen)
    return KeyFrames(track.codec, track.private, frames)


def _video_track(data: Readable, layout: Layout) -> _Track | None:
    tracks = layout.first(ids.TRACKS)
    for entry in children(data, tracks, 1, "Tracks") if tracks else ():
        if entry.id != ids.TRACK_ENTRY:
            continue
        fields = {child.id: child for child in children(data, entry, 2, "TrackEntry")}
        if ids.TRACK_TYPE not in fields or uint(data, fields[ids.TRACK_TYPE]) != VIDEO_TRACK:
            continue
        codec = CODECS.get(text(data, fields[ids.CODEC_ID])) if ids.CODEC_ID in fields else None
        if codec is None or ids.TRACK_NUMBER not in fields or CONTENT_ENCODINGS in fields:
            return None
        private = fields.get(ids.CODEC_PRIVATE)
        config = bytes(data[private.start : private.end]) if private else b""
        return _Track(uint(data, fields[ids.TRACK_NUMBER]), codec, config)
    return None


def _scale(data: Readable, layout: Layout) -> int:
    info = layout.first(ids.INFO)
    for child in children(data, info, 1, "Info") if info else ():
        if child.id == ids.TIMESTAMP_SCALE:
            return uint(data, child) or DEFAULT_SCALE
    return DEFAULT_SCALE


def _clusters(data: Readable, layout: Layout, number: int) -> list[Element]:
    """The Clusters the Cues point to for track `number` (all of them without such Cues),
    at most MAX_CLUSTERS, spread over the file."""
    clusters = {e.offset: e for e in layout.top if e.id == ids.CLUSTER}
    cues = layout.first(ids.CUES)
    pointed = _cued(data, cues, number, layout.segment.start) if cues else []
    chosen = [clusters[offset] for offset in pointed if offset in clusters]
    chosen = chosen or list(clusters.values())
    return chosen[:: max(1, -(-len(chosen) // MAX_CLUSTERS))]


def _cued(data: Readable, cues: Element, number: int, base: int) -> list[int]:
    offsets: set[int] = set()
    for point in children(data, cues, 1, "Cues"):
        if point.id != ids.CUE_POINT:
            continue
        for place in children(data, point, 2, "CuePoint"):
            if place.id != ids.CUE_TRACK_POSITIONS:
                continue
            fields = {c.id: c for c in children(data, place, 3, "CueTrackPositions")}
            track, cluster = fields.get(ids.CUE_TRACK), fields.get(ids.CUE_CLUSTER_POSITION)
            if track is not None and cluster is not None and uint(data, track) == number:
                offsets.add(base + uint(data, cluster))
    return sorted(offsets)


def _first_key(data: Readable, cluster: Element, number: int, scale: float) -> _Key | None:
    """The first key frame of track `number` within the Cluster's head, or None (also for
    a head not sent yet, read as zeros, or damaged)."""
    where = f"the Cluster at byte {cluster.offset}"
    head_end = min(cluster.end, cluster.start + CLUSTER_HEAD)
    timecode, pos = 0, cluster.start
    try:
        while pos < head_end:
            child = header(data, pos, cluster.end, where)
            if child.id == ids.TIMECODE:
                timecode = uint(data, child)
            found = _block(data, child, number)
            if found is not None:
                relative, start, end = found
                return _Key((timecode + relative) * scale, start, end)
            if not child.known:
                return None
            pos = child.end
    except CorruptImage:
        return None
    return None


def _block(data: Readable, child: Element, number: int) -> tuple[int, int, int] | None:
    """(its time in the Cluster, where its frame starts and ends) of a key frame block of track
    `number`, or None: another track's, a frame that needs others, a laced one."""
    if child.id == ids.SIMPLE_BLOCK:
        block, key = child, True
    elif child.id == ids.BLOCK_GROUP:
        group = {c.id: c for c in children(data, child, 3, "BlockGroup")}
        if ids.BLOCK not in group:
            return None
        block, key = group[ids.BLOCK], ids.REFERENCE_BLOCK not in group
    else:
        return None
    raw, width = vint(data, block.start, block.end, "a block's track number")
    at = block.start + width
    if raw - (1 << (7 * width)) != number or at + 3 > block.end:
        return None
    fixed = bytes(data[at : at + 3])  # a 16-bit relative time, then the flags
    relative, flags = int.from_bytes(fixed[:2], "big", signed=True), fixed[2]
    if child.id == ids.SIMPLE_BLOCK:
        key = bool(flags & KEY_FLAG)
    if not key or flags & LACING:
        return None
    return relative, at + 3, block.end
