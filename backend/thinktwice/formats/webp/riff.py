"""WebP's RIFF layout: the chunks of a file and of its animation frames, checked.

    "RIFF" <u32 LE size> "WEBP"  then chunks: <fourcc> <u32 LE size> <payload> [pad byte]

`parse` is the one walk `read` and `strip` both work from: the RIFF's end, its
top-level chunks (each bounds-checked; an ANMF frame's sub-chunks on demand) and the
canvas size from the first chunk. Anything that breaks the layout is `CorruptImage`.
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterator
from typing import NamedTuple

from ...errors import CorruptImage

NAME = "webp"
RIFF_HEADER = 12
CHUNK_HEADER = 8
ANMF_HEADER = 16
VP8X_SIZE = 10
ALPHA = 0x10  # the VP8X flag bit for an alpha channel
IMAGE = frozenset({b"VP8 ", b"VP8L"})


class Chunk(NamedTuple):
    """One chunk: its fourcc, where its header starts and its declared payload size."""

    fourcc: bytes
    start: int  # offset of the chunk header
    size: int  # payload size, as declared

    @property
    def payload(self) -> slice:
        return slice(self.start + CHUNK_HEADER, self.start + CHUNK_HEADER + self.size)

    @property
    def end(self) -> int:
        return self.start + CHUNK_HEADER + self.size + (self.size & 1)

    @property
    def label(self) -> str:
        return f"{self.fourcc.decode('latin-1')!r}"


class Layout(NamedTuple):
    """What `parse` finds: the RIFF's end, the top-level chunks and the canvas."""

    riff_end: int
    chunks: list[Chunk]
    width: int
    height: int
    alpha: bool  # from the bitstream of a simple file, or the VP8X flag


def parse(data: bytes) -> Layout:
    """The RIFF's end, its top-level chunks and the canvas, all checked."""
    if len(data) < RIFF_HEADER + CHUNK_HEADER:
        raise CorruptImage(NAME, f"file is {len(data)} bytes, too short for a WebP header")
    if data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise CorruptImage(NAME, "the file does not start with a RIFF WEBP header")
    (riff_size,) = struct.unpack_from("<I", data, 4)
    riff_end = 8 + riff_size
    if riff_end > len(data):
        raise CorruptImage(
            NAME, f"RIFF header claims {riff_size} bytes, the file has {len(data) - 8} after it"
        )
    chunks = list(iter_chunks(data, RIFF_HEADER, riff_end, "in the RIFF"))
    if not chunks:
        raise CorruptImage(NAME, "the RIFF holds no chunk")
    first = chunks[0]
    if first.fourcc not in SIZE_READERS:
        raise CorruptImage(NAME, f"first chunk is {first.label}, expected 'VP8X', 'VP8 ' or 'VP8L'")
    for chunk in chunks[1:]:
        if chunk.fourcc == b"VP8X":
            raise CorruptImage(NAME, f"second 'VP8X' chunk at byte {chunk.start}")
    width, height, alpha = SIZE_READERS[first.fourcc](data, first)
    if not any(c.fourcc in IMAGE for c in all_chunks(data, chunks)):
        raise CorruptImage(NAME, "no 'VP8 ' or 'VP8L' image chunk")
    return Layout(riff_end, chunks, width, height, alpha)


def iter_chunks(data: bytes, start: int, end: int, where: str) -> Iterator[Chunk]:
    """The chunks packed in data[start:end], each bounds-checked."""
    pos = start
    while pos < end:
        if end - pos < CHUNK_HEADER:
            raise CorruptImage(
                NAME, f"{end - pos} stray bytes at byte {pos} {where}, too few for a chunk"
            )
        (size,) = struct.unpack_from("<I", data, pos + 4)
        chunk = Chunk(bytes(data[pos : pos + 4]), pos, size)
        if chunk.end > end:
            raise CorruptImage(
                NAME,
                f"chunk {chunk.label} at byte {pos} claims {size} bytes "
                f"(padded to even), {end - pos - CHUNK_HEADER} left {where}",
            )
        yield chunk
        pos = chunk.end


def frame_chunks(data: bytes, anmf: Chunk) -> Iterator[Chunk]:
    """The sub-chunks of an ANMF frame, after its 16-byte frame header."""
    if anmf.size < ANMF_HEADER:
        raise CorruptImage(
            NAME, f"ANMF chunk at byte {anmf.start} is {anmf.size} bytes, under its header"
        )
    where = f"in the ANMF frame at byte {anmf.start}"
    return iter_chunks(data, anmf.payload.start + ANMF_HEADER, anmf.payload.stop, where)


def all_chunks(data: bytes, chunks: list[Chunk]) -> Iterator[Chunk]:
    """Top-level chunks and the sub-chunks of every ANMF frame."""
    for chunk in chunks:
        yield chunk
        if chunk.fourcc == b"ANMF":
            yield from frame_chunks(data, chunk)


def _vp8x_size(data: bytes, chunk: Chunk) -> tuple[int, int, bool]:
    if chunk.size != VP8X_SIZE:
        raise CorruptImage(NAME, f"VP8X chunk is {chunk.size} bytes, expected {VP8X_SIZE}")
    pos = chunk.payload.start
    width = int.from_bytes(data[pos + 4 : pos + 7], "little") + 1
    height = int.from_bytes(data[pos + 7 : pos + 10], "little") + 1
    return width, height, bool(data[pos] & ALPHA)


def _vp8_size(data: bytes, chunk: Chunk) -> tuple[int, int, bool]:
    # Frame tag (3 bytes), start code 9d 01 2a, then 14-bit width and height.
    pos = chunk.payload.start
    if chunk.size < 10 or data[pos + 3 : pos + 6] != b"\x9d\x01\x2a":
        raise CorruptImage(NAME, f"'VP8 ' chunk at byte {chunk.start} has no VP8 key frame header")
    width, height = struct.unpack_from("<HH", data, pos + 6)
    return width & 0x3FFF, height & 0x3FFF, False


def _vp8l_size(data: bytes, chunk: Chunk) -> tuple[int, int, bool]:
    # Signature 0x2f, then 14 bits width-1, 14 bits height-1, 1 bit alpha (LSB first).
    pos = chunk.payload.start
    if chunk.size < 5 or data[pos] != 0x2F:
        raise CorruptImage(NAME, f"'VP8L' chunk at byte {chunk.start} has no VP8L signature")
    (bits,) = struct.unpack_from("<I", data, pos + 1)
    return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1, bool((bits >> 28) & 1)


SIZE_READERS: dict[bytes, Callable[[bytes, Chunk], tuple[int, int, bool]]] = {
    b"VP8X": _vp8x_size,
    b"VP8 ": _vp8_size,
    b"VP8L": _vp8l_size,
}
