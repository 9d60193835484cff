"""ISO base media file format (ISO/IEC 14496-12) boxes: read their headers, write new ones.

A box is ``size(4) type(4) [largesize(8)] [usertype(16)] payload``: size counts the
whole box; size 1 means a 64-bit largesize follows the type; size 0 means "to the end
of the enclosing space" (legal for the last top-level box, e.g. a streamed 'mdat');
type 'uuid' is followed by a 16-byte extended type. A *full box* starts its payload
with a version byte and 24 bits of flags.

This module knows only that framing, and which boxes of ISO/IEC 14496-12 hold other
boxes (`CONTAINERS`: what MP4 and MOV use too); a family adds its own containers
(HEIF's item boxes) by passing `containers` and `children_at` to `parse`.

Policy: strict. Every read is bounds-checked against the enclosing box and raises
`CorruptImage` naming the box and its byte offset; nesting depth and the number of
boxes read are capped, so hostile input costs bounded time and memory. Written boxes
always use the smallest header that fits (32-bit size unless the box needs 64).
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Protocol

from ..errors import CorruptImage

MAX_DEPTH = 16
MAX_BOXES = 1 << 17

_U32_MAX = 0xFFFF_FFFF
_UUID = b"uuid"

# Bytes between a container's payload start and its first child: 0 for plain
# containers, 4 for full boxes (version/flags), 8 where an entry count follows.
CONTAINERS: dict[bytes, int] = {
    b"moov": 0, b"trak": 0, b"edts": 0, b"mdia": 0, b"minf": 0, b"dinf": 0,
    b"stbl": 0, b"mvex": 0, b"moof": 0, b"traf": 0, b"udta": 0, b"meta": 4,
    b"dref": 8, b"stsd": 8,
}  # fmt: skip

# Where the children of a box whose header depends on its version start (payload
# bytes to skip), or None when the box holds no children.


class Readable(Protocol):
    """What top-level box headers are read from: bytes, an mmap of a file, or any view
    whose slices are bytes (a video is walked without being read into memory)."""

    def __getitem__(self, key: slice, /) -> bytes | memoryview: ...

    def __len__(self) -> int: ...


ChildrenAt = Callable[["bytes | memoryview", "Box", str], "int | None"]


@dataclass(frozen=True, slots=True)
class Box:
    """One box as found in a buffer: where it is, and its children when it is a container.

    `offset` is where its header starts and `end` where the box ends (absolute
    positions in the buffer it was read from); the payload is ``data[start:end]``.
    """

    type: bytes
    offset: int
    header_size: int
    end: int
    usertype: bytes | None = None
    children: tuple[Box, ...] | None = None

    @property
    def start(self) -> int:
        """Where the payload begins (after size, type, largesize and usertype)."""
        return self.offset + self.header_size

    @property
    def size(self) -> int:
        """The whole box in bytes, header included."""
        return self.end - self.offset

    @property
    def name(self) -> str:
        """The type as text for messages ('ftyp', 'uuid', '\\x00abc')."""
        return type_name(self.type)

    def child(self, box_type: bytes) -> Box | None:
        """The first child of `box_type`, or None (also for leaves)."""
        for box in self.children or ():
            if box.type == box_type:
                return box
        return None


def type_name(box_type: bytes) -> str:
    """A box type as printable text: ASCII as is, other bytes escaped."""
    return "".join(chr(b) if 32 <= b < 127 else f"\\x{b:02x}" for b in box_type)


def is_box_type(box_type: bytes) -> bool:
    """Whether four bytes look like a box type: printable ASCII (or ©, as QuickTime uses)."""
    return len(box_type) == 4 and all(32 <= b < 127 or b == 0xA9 for b in box_type)


def read_header(data: Readable, pos: int, end: int, fmt: str, where: str) -> Box:
    """The box whose header starts at `pos`, which must end by `end`.

    `where` names the enclosing space for messages ("file", "'meta' at byte 32").
    Raises CorruptImage if the header or the box does not fit.
    """
    if end - pos < 8:
        raise CorruptImage(
            fmt, f"box header at byte {pos} in {where}: {end - pos} bytes left, 8 needed"
        )
    # Sliced before unpacking: `data` may be any sliceable view of a file (an mmap,
    # a video's edit plan), not only a buffer.
    head = bytes(data[pos : pos + 16])
    size, box_type = struct.unpack_from(">I4s", head)
    header = 8
    if size == 1:
        if end - pos < 16:
            raise CorruptImage(
                fmt, f"box {type_name(box_type)!r} at byte {pos} lacks its 64-bit size"
            )
        (size,) = struct.unpack_from(">Q", head, 8)
        header = 16
    elif size == 0:
        size = end - pos
    usertype = None
    if box_type == _UUID:
        if end - pos < header + 16:
            raise CorruptImage(fmt, f"box 'uuid' at byte {pos} lacks its 16-byte user type")
        usertype = bytes(data[pos + header : pos + header + 16])
        header += 16
    if size < header:
        raise CorruptImage(
            fmt,
            f"box {type_name(box_type)!r} at byte {pos} claims {size} bytes, "
            f"less than its {header}-byte header",
        )
    if size > end - pos:
        raise CorruptImage(
            fmt,
            f"box {type_name(box_type)!r} at byte {pos} claims {size} bytes, "
            f"{end - pos} left in {where}",
        )
    return Box(box_type, pos, header, pos + size, usertype)


def iter_boxes(data: Readable, start: int, end: int, fmt: str, where: str) -> Iterator[Box]:
    """The boxes filling `data[start:end]` back to back (headers only, no children)."""
    pos = start
    while pos < end:
        box = read_header(data, pos, end, fmt, where)
        yield box
        pos = box.end


def full_box(data: bytes | memoryview, box: Box, fmt: str) -> tuple[int, int]:
    """(version, flags) of a full box; CorruptImage if its payload is under 4 bytes."""
    if box.end - box.start < 4:
        raise CorruptImage(
            fmt,
            f"full box {box.name!r} at byte {box.offset} has {box.end - box.start} "
            "payload bytes, 4 needed for version and flags",
        )
    (word,) = struct.unpack(">I", bytes(data[box.start : box.start + 4]))
    return word >> 24, word & 0xFFFFFF


class Fields:
    """Reads a box's payload field by field; reading past the box's end is CorruptImage."""

    def __init__(self, data: bytes | memoryview, box: Box, fmt: str) -> None:
        self.data = data
        self.box = box
        self.fmt = fmt
        self.pos = box.start

    @property
    def left(self) -> int:
        """Payload bytes not read yet."""
        return self.box.end - self.pos

    def _need(self, n: int) -> int:
        if n > self.left:
            raise CorruptImage(
                self.fmt,
                f"box {self.box.name!r} at byte {self.box.offset} ends at byte "
                f"{self.box.end}; a {n}-byte field at byte {self.pos} does not fit",
            )
        pos = self.pos
        self.pos += n
        return pos

    def uint(self, size: int) -> int:
        """A big-endian unsigned integer of `size` bytes (0 reads nothing and gives 0)."""
        pos = self._need(size)
        return int.from_bytes(self.data[pos : pos + size], "big")

    def version_flags(self) -> tuple[int, int]:
        """A full box's version byte and 24-bit flags."""
        word = self.uint(4)
        return word >> 24, word & 0xFFFFFF

    def raw(self, size: int) -> bytes:
        """The next `size` bytes."""
        pos = self._need(size)
        return bytes(self.data[pos : pos + size])

    def cstring(self, terminated: bool = False) -> bytes:
        """A NUL-terminated string without its NUL.

        An unterminated one runs to the box's end, unless `terminated` asks for the
        NUL (readers disagree on what such a string says): then it is CorruptImage.
        """
        end = self.box.end
        nul = bytes(self.data[self.pos : end]).find(b"\0")
        if nul < 0 and terminated:
            raise CorruptImage(
                self.fmt,
                f"box {self.box.name!r} at byte {self.box.offset} has a string at byte "
                f"{self.pos} without its terminating NUL",
            )
        stop = end if nul < 0 else self.pos + nul
        text = bytes(self.data[self.pos : stop])
        self.pos = min(stop + 1, end)
        return text


def parse(
    data: bytes | memoryview,
    start: int,
    end: int,
    fmt: str,
    where: str = "file",
    *,
    containers: Mapping[bytes, int] = CONTAINERS,
    children_at: ChildrenAt | None = None,
) -> list[Box]:
    """The boxes in `data[start:end]`, containers parsed down to their leaves.

    `containers` maps container types to the payload bytes before their first child;
    `children_at`, when given, is asked first (for boxes whose header varies).
    Raises CorruptImage past MAX_DEPTH levels or MAX_BOXES boxes.
    """
    walk = _Walk(data, fmt, containers, children_at)
    return walk.level(start, end, where, 0)


class _Walk:
    """One `parse`: the budget of boxes left and how containers are recognised."""

    def __init__(
        self,
        data: bytes | memoryview,
        fmt: str,
        containers: Mapping[bytes, int],
        children_at: ChildrenAt | None,
    ) -> None:
        self.data, self.fmt = data, fmt
        self.containers, self.children_at = containers, children_at
        self.budget = MAX_BOXES

    def level(self, start: int, end: int, where: str, depth: int) -> list[Box]:
        if depth > MAX_DEPTH:
            raise CorruptImage(self.fmt, f"boxes nested more than {MAX_DEPTH} deep in {where}")
        boxes = []
        for box in iter_boxes(self.data, start, end, self.fmt, where):
            self.budget -= 1
            if self.budget < 0:
                raise CorruptImage(self.fmt, f"more than {MAX_BOXES} boxes, at byte {box.offset}")
            at = self._children(box)
            if at is not None:
                inside = f"{box.name!r} at byte {box.offset}"
                kids = self.level(at, box.end, inside, depth + 1)
                box = Box(box.type, box.offset, box.header_size, box.end, box.usertype, tuple(kids))
            boxes.append(box)
        return boxes

    def _children(self, box: Box) -> int | None:
        skip = None if self.children_at is None else self.children_at(self.data, box, self.fmt)
        if skip is None:
            skip = self.containers.get(box.type)
        if skip is None:
            return None
        if box.start + skip > box.end:
            raise CorruptImage(
                self.fmt,
                f"box {box.name!r} at byte {box.offset} is {box.size} bytes, "
                f"too short for its {skip}-byte header",
            )
        return box.start + skip


def header(box_type: bytes, payload_size: int, usertype: bytes | None = None) -> bytes:
    """The header of a box of `box_type` holding `payload_size` bytes (64-bit size if needed)."""
    extra = usertype or b""
    size = 8 + len(extra) + payload_size
    if size > _U32_MAX:
        return struct.pack(">I4sQ", 1, box_type, size + 8) + extra
    return struct.pack(">I4s", size, box_type) + extra


def make_box(box_type: bytes, *parts: bytes | memoryview, usertype: bytes | None = None) -> bytes:
    """A whole box of `box_type` whose payload is `parts` joined."""
    size = sum(len(p) for p in parts)
    return b"".join((header(box_type, size, usertype), *parts))


def make_full_box(box_type: bytes, version: int, flags: int, *parts: bytes | memoryview) -> bytes:
    """A whole full box: version and flags, then `parts` joined."""
    return make_box(box_type, struct.pack(">I", (version << 24) | flags), *parts)
