"""Which tracks a cleaned movie keeps: pictures and sound, and subtitles that are words.

Metadata tracks (handler 'meta': Google camm, GoPro GPMF, Apple's 'mebx' location
and Live Photo data), QuickTime text tracks (chapters), timecode tracks (their start
is a time of day), hint tracks and any other kind are removed with their samples;
so are subtitle tracks whose lines are GPS positions (a drone's flight log).

`contents` says what a metadata track declares it holds, from its sample entry:
the keys of Apple's 'mebx' ("com.apple.quicktime.detected-face"), or the text of
a 'mett'/'metx' entry (its MIME type or XML namespace).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...errors import CorruptImage
from ...structure.boxes import Box, Readable, iter_boxes
from .layout import FMT, Movie, Track
from .samples import fragment_runs, track_samples
from .telemetry import Point, route

PLAYED = frozenset({b"vide", b"soun", b"sbtl", b"subt", b"clcp"})
SUBTITLES = frozenset({b"sbtl", b"subt", b"clcp"})
MAX_READ = 64 * 1024 * 1024  # sample bytes read to decode one track's route
MAX_SAMPLE = 1 << 20
MAX_KEYS = 64
_PRINTABLE = re.compile(rb"[\x20-\x7e]{3,}")


def removed_tracks(movie: Movie, data: Readable) -> set[int]:
    """The ids of the tracks the cleaner removes."""
    removed = set()
    for track in movie.tracks:
        subtitles = track.handler in SUBTITLES
        if track.handler not in PLAYED or (subtitles and track_route(movie, track, data)):
            removed.add(track.id)
    return removed


def track_route(movie: Movie, track: Track, data: Readable) -> list[Point] | None:
    """The positions `track` records (see telemetry.route)."""
    return route(track.entry, samples(movie, track, data))


def samples(movie: Movie, track: Track, data: Readable) -> Iterator[bytes]:
    """The sample bytes of `track`, up to MAX_READ in all (each at most MAX_SAMPLE)."""
    ranges = list(track_samples(movie.moov_data, track))
    for fragment in movie.fragments:
        ranges += [r for run in fragment_runs(movie, fragment) if run.track_id == track.id
                   for r in run.samples]  # fmt: skip
    budget = MAX_READ
    for offset, length in ranges:
        length = min(length, MAX_SAMPLE, budget)
        if length <= 0:
            return
        budget -= length
        yield bytes(data[offset : offset + length])


def contents(movie: Movie, track: Track) -> list[str]:
    """What `track`'s first sample entry declares it holds: 'mebx' keys, or the text
    of any other entry ('mett': a MIME type); [] when it declares nothing readable."""
    stsd = track.stbl.child(b"stsd") if track.stbl is not None else None
    if stsd is None or not stsd.children:
        return []
    entry, data = stsd.children[0], movie.moov_data
    if entry.type != b"mebx":
        # Some writers leave out the sample entry's 8 reserved bytes: only text is read.
        found = _PRINTABLE.findall(bytes(data[entry.start : entry.end]))
        return list(dict.fromkeys(text.decode("ascii") for text in found))[:MAX_KEYS]
    try:
        return _mebx_keys(data, entry)
    except CorruptImage:
        return []


def _mebx_keys(data: bytes, entry: Box) -> list[str]:
    """The key names of an Apple 'mebx' entry: 8 reserved bytes, then 'keys', whose
    children (one per local key id) each hold a 'keyd' of a namespace and the key."""
    keys: list[str] = []
    where = f"'mebx' at byte {entry.offset} of 'moov'"
    for box in iter_boxes(data, entry.start + 8, entry.end, FMT, where):
        if box.type != b"keys":
            continue
        for key in iter_boxes(data, box.start, box.end, FMT, where):
            for part in iter_boxes(data, key.start, key.end, FMT, where):
                if part.type == b"keyd" and len(keys) < MAX_KEYS:
                    keys.append(bytes(data[part.start + 4 : part.end]).decode("utf-8", "replace"))
    return keys
