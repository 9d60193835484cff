"""Which tracks a cleaned movie keeps: pictures and sound, and subtitles that are words.

Metadata tracks (handler 'meta': Google camm, GoPro GPMF, Apple's 'mebx' location
and Live Photo data), QuickTime text tracks (chapters), timecode tracks (their start
is a time of day), hint tracks and any other kind are removed with their samples;
so are subtitle tracks whose lines are GPS positions (a drone's flight log).
"""

from __future__ import annotations

from collections.abc import Iterator

from ...structure.boxes import Readable
from .layout import Movie, Track
from .samples import fragment_runs, track_samples
from .telemetry import Point, route

PLAYED = frozenset({b"vide", b"soun", b"sbtl", b"subt", b"clcp"})
SUBTITLES = frozenset({b"sbtl", b"subt", b"clcp"})
MAX_READ = 64 * 1024 * 1024  # sample bytes read to decode one track's route
MAX_SAMPLE = 1 << 20


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
