"""Samsung's SEF trailer: named blocks after the image, found from a directory at the end.

Samsung phones (Galaxy S and Note) append their extras after a JPEG's EOI (and after
a HEIC's boxes): the motion photo's clip, the capture time in UTC, the mobile
network's country code, depth maps, edit data. Layout, little endian, read from the
end backwards (as exiftool's Samsung.pm does):

    block ... block  "SEFH" version(4) count(4) entry*count  dir_length(4) "SEFT"

Each directory entry is 12 bytes: two zero bytes, the block type (2), the block's
distance back from "SEFH" (4) and its size (4). Each block starts with two zero
bytes, its type (2) again and its name's length (4), then the name
("MotionPhoto_Data"), then the payload.

Policy: tolerant. A trailer that is not SEF gives no entries; an entry pointing
outside the trailer is skipped. Only the directory and the block headers are read:
a 2 MB clip is located, never copied.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from .boxes import Readable

FOOTER = b"SEFT"
HEADER = b"SEFH"
MAX_ENTRIES = 256  # phones write a handful
MAX_NAME = 256
_ENTRY = struct.Struct("<HHII")  # zeros, type, distance back from SEFH, size
_BLOCK = struct.Struct("<HHI")  # zeros, type, name length


@dataclass(frozen=True, slots=True)
class SefEntry:
    """One block of the directory: its type, name, where the block starts (`at`) and
    where its payload is (`offset`, `length`); positions are absolute."""

    type: int
    name: str
    at: int
    offset: int
    length: int


def sef_entries(data: Readable, start: int, end: int) -> list[SefEntry]:
    """The blocks of the SEF trailer ending at `end`, none before `start`; [] for no SEF."""
    if end - start < 8 or bytes(data[end - 4 : end]) != FOOTER:
        return []
    (dir_length,) = struct.unpack("<I", data[end - 8 : end - 4])
    sefh = end - 8 - dir_length
    if dir_length < 12 or sefh < start or bytes(data[sefh : sefh + 4]) != HEADER:
        return []
    (count,) = struct.unpack("<I", data[sefh + 8 : sefh + 12])
    count = min(count, MAX_ENTRIES, (dir_length - 12) // _ENTRY.size)
    table = bytes(data[sefh + 12 : sefh + 12 + count * _ENTRY.size])
    found = []
    for index in range(count):
        _, kind, back, size = _ENTRY.unpack_from(table, index * _ENTRY.size)
        entry = _entry(data, kind, sefh - back, size, start, sefh)
        if entry is not None:
            found.append(entry)
    return found


def _entry(data: Readable, kind: int, at: int, size: int, start: int, stop: int) -> SefEntry | None:
    """The block at `at` of `size` bytes if it lies in [start, stop) and its header fits."""
    if at < start or size < _BLOCK.size or at + size > stop:
        return None
    _, _, name_length = _BLOCK.unpack(data[at : at + _BLOCK.size])
    if name_length > min(MAX_NAME, size - _BLOCK.size):
        return None
    name_at = at + _BLOCK.size
    name = bytes(data[name_at : name_at + name_length]).decode("latin-1")
    body = name_at + name_length
    return SefEntry(kind, name, at, body, at + size - body)
