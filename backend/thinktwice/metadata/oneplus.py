"""OnePlus trailer blocks as tags: the phone's name its camera keeps for the watermark.

The formats found the blocks (formats/appended.py). "watermark.device" holds five
bytes of settings, then the phone's name as the watermark prints it ("OnePlus 12"),
ended by a NUL; exiftool 13.17 calls it OnePlus:Device. Every other block is one tag
named by its block name, its value the block's size.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..records import Tag, TrailerBlock

GROUP = "OnePlus"
SOURCE = "OnePlus"
DEVICE_BLOCK = "watermark.device"
DEVICE_SETTINGS = 5  # bytes before the name


def tags(blocks: Iterable[TrailerBlock]) -> list[Tag]:
    """The tags of the OnePlus blocks among `blocks`."""
    out: list[Tag] = []
    for block in blocks:
        if block.source != SOURCE:
            continue
        name = block.data[DEVICE_SETTINGS:].split(b"\0", 1)[0].decode("utf-8", "replace")
        if block.name == DEVICE_BLOCK and name.strip():
            out.append(Tag(GROUP, "Device", name.strip()))
        else:
            out.append(Tag(GROUP, block.name, f"<{block.length} bytes>"))
    return out
