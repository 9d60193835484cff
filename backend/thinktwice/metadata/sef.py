"""Samsung SEF trailer blocks as tags: the capture time in UTC, the network's country code.

The formats found the blocks (formats/appended.py); their payloads are short text.
"Image_UTC_Data" holds the capture time as milliseconds since 1970 ("1710435731000"),
"MCC_Data" the mobile country code of the network the phone was on ("208": France).
Tags are named as exiftool names them (group "Samsung", TimeStamp, MCCData); every
other block is one tag named by its block name, its value the block's size.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from ..records import Tag, TrailerBlock

GROUP = "Samsung"
SOURCE = "Samsung SEF"
TIME_BLOCK, MCC_BLOCK = "Image_UTC_Data", "MCC_Data"
MAX_MILLISECONDS = 253402300799999  # the end of year 9999


def tags(blocks: Iterable[TrailerBlock]) -> tuple[list[Tag], list[str]]:
    """The tags of the Samsung blocks among `blocks`, and what could not be read."""
    out: list[Tag] = []
    problems: list[str] = []
    for block in blocks:
        if block.source != SOURCE:
            continue
        value = block.data.decode("latin-1").strip("\0 ") if block.data else ""
        if block.name == TIME_BLOCK:
            when = _utc(value)
            if when is None:
                problems.append(f"Samsung Image_UTC_Data {value[:40]!r} is not a time")
            else:
                out.append(Tag(GROUP, "TimeStamp", when))
        elif block.name == MCC_BLOCK and value.isdigit():
            out.append(Tag(GROUP, "MCCData", value))
        else:
            out.append(Tag(GROUP, block.name, f"<{block.length} bytes>"))
    return out, problems


def _utc(value: str) -> str | None:
    """Milliseconds since 1970 as an EXIF-style UTC time with a "Z"."""
    if not value.isdigit() or int(value) > MAX_MILLISECONDS:
        return None
    when = datetime.fromtimestamp(int(value) / 1000, UTC)
    return when.strftime("%Y:%m:%d %H:%M:%SZ")
