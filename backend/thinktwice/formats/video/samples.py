"""Where a track's samples are in the file: its sample table, or its fragments' runs.

A non-fragmented track says it in its 'stbl': chunk offsets ('stco', or 'co64' for
64-bit), how many samples each chunk holds ('stsc') and each sample's size ('stsz',
or the compact 'stz2'). A fragmented one says it in each 'moof': a 'traf' per track,
its 'tfhd' base offset and defaults, and 'trun' runs of samples.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass

from ...errors import CorruptImage
from ...structure.boxes import Box, Fields
from .layout import FMT, MAX_SAMPLES, Fragment, Movie, Track, u32s

Range = tuple[int, int]  # (absolute offset, length)

# tfhd flags
BASE_OFFSET, SAMPLE_DESCRIPTION, DEFAULT_DURATION, DEFAULT_SIZE, DEFAULT_FLAGS = (
    0x1, 0x2, 0x8, 0x10, 0x20,
)  # fmt: skip
BASE_IS_MOOF = 0x20000
# trun flags
DATA_OFFSET, FIRST_FLAGS, SAMPLE_DURATION, SAMPLE_SIZE, SAMPLE_FLAGS, SAMPLE_CTO = (
    0x1, 0x4, 0x100, 0x200, 0x400, 0x800,
)  # fmt: skip


def chunk_offsets(data: bytes, stbl: Box) -> tuple[Box, list[int]] | None:
    """The 'stco' or 'co64' box and its offsets, or None when the track has neither."""
    for box_type in (b"stco", b"co64"):
        box = stbl.child(box_type)
        if box is not None:
            return box, offsets_in(data, box)
    return None


def offsets_in(data: bytes, box: Box) -> list[int]:
    """The chunk offsets an 'stco' (32-bit) or 'co64' (64-bit) box lists."""
    fields = Fields(data, box, FMT)
    fields.version_flags()
    count = fields.uint(4)
    _check_count(count, box)
    return u32s(data, box, 8, count, 4 if box.type == b"stco" else 8)


def track_samples(data: bytes, track: Track) -> list[Range]:
    """Every sample of a non-fragmented track, in decoding order."""
    stbl = track.stbl
    if stbl is None:
        return []
    found = chunk_offsets(data, stbl)
    if found is None:
        return []
    offsets = found[1]
    sizes = _sizes(data, stbl)
    per_chunk = _samples_per_chunk(data, stbl, len(offsets))
    out: list[Range] = []
    index = 0
    for offset, count in zip(offsets, per_chunk, strict=True):
        for _ in range(count):
            if index >= len(sizes):
                raise CorruptImage(
                    FMT, f"track {track.id}'s chunks hold more samples than its "
                    f"'stsz' lists ({len(sizes)})"
                )  # fmt: skip
            out.append((offset, sizes[index]))
            offset += sizes[index]
            index += 1
    return out


def _sizes(data: bytes, stbl: Box) -> list[int]:
    stsz = stbl.child(b"stsz")
    if stsz is not None:
        fields = Fields(data, stsz, FMT)
        fields.version_flags()
        size, count = fields.uint(4), fields.uint(4)
        _check_count(count, stsz)
        return [size] * count if size else u32s(data, stsz, 12, count)
    stz2 = stbl.child(b"stz2")
    if stz2 is None:
        return []
    fields = Fields(data, stz2, FMT)
    fields.version_flags()
    field_size = fields.uint(4) & 0xFF
    count = fields.uint(4)
    _check_count(count, stz2)
    if field_size in (8, 16):
        return u32s(data, stz2, 12, count, field_size // 8)
    if field_size != 4:
        raise CorruptImage(FMT, f"'stz2' at byte {stz2.offset} has field size {field_size}")
    packed = u32s(data, stz2, 12, (count + 1) // 2, 1)
    return [n for byte in packed for n in (byte >> 4, byte & 15)][:count]


def _samples_per_chunk(data: bytes, stbl: Box, chunks: int) -> list[int]:
    stsc = stbl.child(b"stsc")
    if stsc is None:
        return [0] * chunks
    fields = Fields(data, stsc, FMT)
    fields.version_flags()
    count = fields.uint(4)
    _check_count(count, stsc)
    flat = u32s(data, stsc, 8, count * 3)
    runs = [(flat[i], flat[i + 1]) for i in range(0, len(flat), 3)]
    out: list[int] = []
    for i, (first, per) in enumerate(runs):
        after = runs[i + 1][0] if i + 1 < len(runs) else chunks + 1
        if first != len(out) + 1 or after < first or per > MAX_SAMPLES:
            raise CorruptImage(FMT, f"'stsc' at byte {stsc.offset} skips or repeats chunks")
        out += [per] * (min(after, chunks + 1) - first)
    return out + [0] * (chunks - len(out))


def _check_count(count: int, box: Box) -> None:
    if count > MAX_SAMPLES:
        raise CorruptImage(FMT, f"'{box.name}' at byte {box.offset} lists {count} samples")


@dataclass(frozen=True, slots=True)
class Run:
    """One 'trun' of a fragment: its track, where its data starts, its samples."""

    traf: Box
    track_id: int
    samples: list[Range]


def fragment_runs(movie: Movie, fragment: Fragment) -> Iterator[Run]:
    """The sample runs of a 'moof', track by track, with absolute offsets."""
    data = fragment.data
    data_end = fragment.at  # where the previous traf's data ended (the moof for the first)
    for traf in fragment.box.children or ():
        if traf.type != b"traf":
            continue
        tfhd = traf.child(b"tfhd")
        if tfhd is None:
            raise CorruptImage(FMT, f"'traf' of 'moof' at byte {fragment.at} has no 'tfhd'")
        fields = Fields(data, tfhd, FMT)
        _, flags = fields.version_flags()
        track_id = fields.uint(4)
        base = fields.uint(8) if flags & BASE_OFFSET else None
        if flags & SAMPLE_DESCRIPTION:
            fields.uint(4)
        if flags & DEFAULT_DURATION:
            fields.uint(4)
        default_size = fields.uint(4) if flags & DEFAULT_SIZE else _trex_size(movie, track_id)
        if base is None:
            base = fragment.at if flags & BASE_IS_MOOF else data_end
        samples: list[Range] = []
        for trun in (box for box in traf.children or () if box.type == b"trun"):
            run = Fields(data, trun, FMT)
            _, tflags = run.version_flags()
            count = run.uint(4)
            _check_count(count, trun)
            pos = base + _signed(run.uint(4)) if tflags & DATA_OFFSET else data_end
            if tflags & FIRST_FLAGS:
                run.uint(4)
            for _ in range(count):
                run.uint(4 if tflags & SAMPLE_DURATION else 0)
                size = run.uint(4) if tflags & SAMPLE_SIZE else default_size
                run.uint(4 if tflags & SAMPLE_FLAGS else 0)
                run.uint(4 if tflags & SAMPLE_CTO else 0)
                samples.append((pos, size))
                pos += size
            data_end = pos
        yield Run(traf, track_id, samples)


def _trex_size(movie: Movie, track_id: int) -> int:
    mvex = movie.moov.child(b"mvex")
    for trex in (mvex.children or ()) if mvex is not None else ():
        if trex.type != b"trex" or trex.end - trex.start < 24:
            continue
        if struct.unpack_from(">I", movie.moov_data, trex.start + 4)[0] == track_id:
            return int(struct.unpack_from(">I", movie.moov_data, trex.start + 16)[0])
    return 0


def _signed(value: int) -> int:
    return value - (1 << 32) if value & 0x8000_0000 else value
