"""A cleaned movie as its edit plan describes it, readable without being written.

`Planned` slices like bytes: each slice is assembled from the original's ranges and
the plan's inserted bytes, so a cleaned copy's boxes can be re-read (verified)
without its media data ever being copied into memory.
"""

from __future__ import annotations

import bisect
from itertools import accumulate

from ...editplan import Copy, Step
from ...structure.boxes import Readable


class Planned:
    """The bytes `steps` make from `original`, read lazily, slice by slice."""

    def __init__(self, original: Readable, steps: tuple[Step, ...]) -> None:
        self.original, self.steps = original, steps
        lengths = [s.length if isinstance(s, Copy) else len(s) for s in steps]
        self.starts = [0, *accumulate(lengths)]

    def __len__(self) -> int:
        return self.starts[-1]

    def __getitem__(self, key: slice, /) -> bytes:
        start, stop, _ = key.indices(len(self))
        out = bytearray()
        i = max(0, bisect.bisect_right(self.starts, start) - 1)
        while start < stop and i < len(self.steps):
            step, begin = self.steps[i], self.starts[i]
            end = min(stop, self.starts[i + 1])
            if isinstance(step, Copy):
                at = step.offset + start - begin
                out += self.original[at : at + end - start]
            else:
                out += step[start - begin : end - begin]
            start = end
            i += 1
        return bytes(out)
