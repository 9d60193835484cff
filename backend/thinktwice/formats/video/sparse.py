"""A video of which only some ranges were sent: what the browser sends of a big one.

A 2 GiB video cannot cross from the browser to the service, and need not: its
metadata, index and telemetry are a few megabytes, and the rest is audio and video
samples the cleaner copies as they are. The extension sends every top-level box
but the payload of each 'mdat' (of a WebM or MKV: every top-level element, but each
Cluster's frames past its first bytes); `Sparse` slices like the whole file, each slice
assembled from the pieces that were sent. A slice that reaches into a range that
was not sent reads as zeros and is remembered in `missing`: after one pass of the
engine, those are the ranges to ask for (a telemetry track's samples, the key
frames for the pixels), and the pass is made again with them.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from ...errors import CorruptImage

FMT = "partly sent video"
MAX_PIECES = 1 << 16


@dataclass(frozen=True, slots=True)
class Piece:
    """`data` sent for the bytes of the file from `offset` on."""

    offset: int
    data: bytes

    @property
    def end(self) -> int:
        """Where the piece stops in the file."""
        return self.offset + len(self.data)


class Sparse:
    """A file of `size` bytes of which `pieces` (in order, apart) were sent."""

    def __init__(self, size: int, pieces: list[Piece]) -> None:
        self.size, self.pieces = size, pieces
        self.missing: list[tuple[int, int]] = []
        if len(self.pieces) > MAX_PIECES:
            raise CorruptImage(FMT, f"{len(self.pieces)} pieces were sent; at most {MAX_PIECES}")
        end = 0
        for piece in self.pieces:
            if piece.offset < end or piece.end > self.size:
                raise CorruptImage(
                    FMT, f"a piece of {len(piece.data)} bytes at byte {piece.offset} overlaps "
                    f"the one before it or runs past the file's {self.size} bytes"
                )  # fmt: skip
            end = piece.end
        self._starts = [piece.offset for piece in self.pieces]

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, key: slice, /) -> bytes:
        start, stop, _ = key.indices(self.size)
        out = bytearray()
        at = start
        i = max(0, bisect.bisect_right(self._starts, start) - 1)
        while at < stop:
            while i < len(self.pieces) and self.pieces[i].end <= at:
                i += 1
            piece = self.pieces[i] if i < len(self.pieces) else None
            if piece is not None and piece.offset <= at:
                upto = min(stop, piece.end)
                out += piece.data[at - piece.offset : upto - piece.offset]
            else:
                upto = stop if piece is None else min(stop, piece.offset)
                self.missing.append((at, upto - at))
                out += bytes(upto - at)
            at = upto
        return bytes(out)

    @property
    def sent(self) -> int:
        """How many bytes of the file were sent."""
        return sum(len(piece.data) for piece in self.pieces)

    def needed(self) -> list[tuple[int, int]]:
        """The ranges read but not sent, merged, in order: [(offset, length), ...]."""
        merged: list[list[int]] = []
        for start, end in sorted((o, o + n) for o, n in self.missing):
            if merged and start <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], end)
            else:
                merged.append([start, end])
        return [(start, end - start) for start, end in merged]
