"""OnePlus and OPPO trailer blocks as tags: the phone's name its watermark prints, and
the name of the trip the gallery filed the photo under.

The formats found the blocks (formats/appended.py). "watermark.device" holds five
bytes of settings, then the phone's name as the watermark prints it ("OnePlus 12"),
ended by a NUL (exiftool 13.17 calls it OnePlus:Device). "travel.info" is JSON whose
"travelName" names the trip, a place ("France", as in a Find X9 Ultra file described
by lucky0523/lossless-motionphoto-mux). Every other block is one tag named by its
block name, its value the block's size.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..records import Tag, TrailerBlock

SOURCES = frozenset({"OnePlus", "OPPO"})  # also the tags' group
DEVICE_BLOCK, TRAVEL_BLOCK = "watermark.device", "travel.info"
DEVICE_SETTINGS = 5  # bytes before the name


def tags(blocks: Iterable[TrailerBlock]) -> list[Tag]:
    """The tags of the OnePlus and OPPO blocks among `blocks`."""
    out: list[Tag] = []
    for block in blocks:
        if block.source not in SOURCES:
            continue
        if block.name == DEVICE_BLOCK and (device := _device(block.data)):
            out.append(Tag(block.source, "Device", device))
        elif block.name == TRAVEL_BLOCK and (trip := _trip(block.data)):
            out.append(Tag(block.source, "TravelName", trip))
        else:
            out.append(Tag(block.source, block.name, f"<{block.length} bytes>"))
    return out


def _device(data: bytes) -> str:
    return data[DEVICE_SETTINGS:].split(b"\0", 1)[0].decode("utf-8", "replace").strip()


def _trip(data: bytes) -> str:
    try:
        info = json.loads(data.rstrip(b"\0"))
    except (ValueError, RecursionError):
        return ""
    name = info.get("travelName") if isinstance(info, dict) else None
    return name.strip() if isinstance(name, str) else ""
