"""HEIF's boxes: ISO base media boxes plus the item boxes of ISO/IEC 23008-12.

The framing is `thinktwice.structure.boxes` (strict: a box that does not fit is
`CorruptImage`); this adds which HEIF boxes hold other boxes. `iinf` is a full box
whose entry count is 16-bit in version 0 and 32-bit after.
"""

from __future__ import annotations

from ...structure import boxes
from ...structure.boxes import Box, full_box

FMT = "HEIF"

CONTAINERS = {**boxes.CONTAINERS, b"iprp": 0, b"ipco": 0, b"grpl": 0, b"iref": 4}
_IINF = b"iinf"


def parse(
    data: bytes | memoryview, start: int, end: int, fmt: str = FMT, where: str = "file"
) -> list[Box]:
    """The boxes in `data[start:end]`, HEIF's containers parsed down to their leaves."""
    return boxes.parse(
        data, start, end, fmt, where, containers=CONTAINERS, children_at=_iinf_children
    )


def _iinf_children(data: bytes | memoryview, box: Box, fmt: str) -> int | None:
    if box.type != _IINF:
        return None
    version, _ = full_box(data, box, fmt)
    return 6 if version == 0 else 8
