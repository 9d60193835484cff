"""A video's key frames as samples: what the pixels are judged on, without demuxing.

A video sent in part (sparse.py) cannot be handed to a demuxer: most of it is not
there; a whole one need not be: demuxing to a key frame reads the seconds of audio
and video before it (a megabyte or more each; over 100 MiB of a mapped 1 GiB file
came into memory that way). Its key frames are found from the movie box alone: the video track's
sync samples ('stss'; every sample when there is none), their times ('stts' in the
'mdhd' timescale), and where they sit ('stco'/'stsc'/'stsz', samples.py); the
decoder's configuration is the sample entry's 'avcC' or 'hvcC'. Each chosen
sample is then one packet for a decoder (vision/frames.py).

Only the codecs phones record are named (H.264, HEVC); a fragmented movie's
samples are in its fragments, not here: both give None, and the pixels are said
not to be analysed (a whole file is then demuxed instead).
"""

from __future__ import annotations

from dataclasses import dataclass

from ...structure.boxes import Box, Fields, Readable, full_box, iter_boxes
from .layout import FMT, Track, find, load, u32s
from .samples import track_samples

# Sample entry -> (FFmpeg decoder, the configuration box its decoder takes as extradata).
CODECS = {
    b"avc1": ("h264", b"avcC"),
    b"avc3": ("h264", b"avcC"),
    b"hvc1": ("hevc", b"hvcC"),
    b"hev1": ("hevc", b"hvcC"),
}
VISUAL_ENTRY = 78  # bytes of a visual sample entry before its boxes (ISO/IEC 14496-12 12.1.3)


@dataclass(frozen=True, slots=True)
class KeyFrames:
    """Key frames of a video track: the decoder, its configuration, each sample, and how
    far the frames are turned clockwise to be shown (`Track.turn`)."""

    codec: str
    extradata: bytes
    frames: tuple[tuple[float, bytes], ...]  # (seconds from the start, the sample's bytes)
    turn: int = 0


def key_frames(data: Readable, count: int, gap: float) -> KeyFrames | None:
    """Up to `count` key frames of the first video track, at least `gap` seconds apart and
    spread evenly over the whole video (`spread`); None when the track's codec or layout is
    not one read here. Only the chosen samples are read from `data`."""
    movie = load(data)
    track = next((t for t in movie.tracks if t.handler == b"vide" and t.stbl), None)
    if track is None or track.entry not in CODECS or track.stbl is None:
        return None
    moov = movie.moov_data
    config = _config(moov, track, CODECS[track.entry][1])
    samples = track_samples(moov, track)
    if config is None or not samples:
        return None
    times = _times(moov, track, len(samples))
    chosen = spread(times, _sync(moov, track.stbl, len(samples)), count, gap)
    frames = tuple(
        (times[i], bytes(data[samples[i][0] : samples[i][0] + samples[i][1]])) for i in chosen
    )
    return KeyFrames(CODECS[track.entry][0], config, frames, track.turn)


def spread(times: list[float], sync: list[int], count: int, gap: float) -> list[int]:
    """Which of the sync samples `sync` (indexes into `times`, each sample's seconds, in
    order) to judge: the first at or after each of `count` moments evenly spaced from the
    start (never closer than `gap` seconds), each chosen once, at least `gap` apart.

    A 10-second clip with a key frame a second gives 10 frames whatever `count` above
    that; a long one gives `count`, from its start to near its end.
    """
    duration = times[-1] if times else 0.0
    step = max(gap, duration / max(count, 1))
    chosen: list[int] = []
    at = 0  # the next sync sample that may be chosen
    for n in range(count):
        earliest = n * step if not chosen else max(n * step, times[chosen[-1]] + gap)
        while at < len(sync) and times[sync[at]] < earliest:
            at += 1
        if at == len(sync):
            break
        chosen.append(sync[at])
        at += 1
    return chosen


def _config(moov: bytes, track: Track, box_type: bytes) -> bytes | None:
    stsd = track.stbl.child(b"stsd") if track.stbl is not None else None
    if stsd is None or not stsd.children:
        return None
    entry = stsd.children[0]
    where = f"'{entry.name}' of track {track.id}"
    for box in iter_boxes(moov, entry.start + VISUAL_ENTRY, entry.end, FMT, where):
        if box.type == box_type:
            return bytes(moov[box.start : box.end])
    return None


def _times(moov: bytes, track: Track, samples: int) -> list[float]:
    """Each sample's decoding time in seconds, from 'stts' and the track's timescale."""
    mdhd = find(track.box, b"mdia", b"mdhd")
    stts = track.stbl.child(b"stts") if track.stbl is not None else None
    if mdhd is None or stts is None:
        return [0.0] * samples
    version, _ = full_box(moov, mdhd, FMT)
    fields = Fields(moov, mdhd, FMT)
    fields.raw(4 + (16 if version == 1 else 8))
    scale = fields.uint(4) or 1
    entries = Fields(moov, stts, FMT)
    entries.version_flags()
    runs = entries.uint(4)
    flat = u32s(moov, stts, 8, runs * 2)
    times: list[float] = []
    clock = 0
    for run, delta in zip(flat[::2], flat[1::2], strict=True):
        for _ in range(min(run, samples - len(times))):
            times.append(clock / scale)
            clock += delta
    return times + [clock / scale] * (samples - len(times))


def _sync(moov: bytes, stbl: Box, samples: int) -> list[int]:
    """The indexes (from 0) of the sync samples: all of them when 'stss' is absent."""
    stss = stbl.child(b"stss")
    if stss is None:
        return list(range(samples))
    fields = Fields(moov, stss, FMT)
    fields.version_flags()
    count = fields.uint(4)
    numbers = u32s(moov, stss, 8, count)
    return sorted({n - 1 for n in numbers if 1 <= n <= samples})


__all__ = ["KeyFrames", "key_frames", "spread"]
