"""TIFF image file directories (IFDs): the one walker for TIFF files, EXIF blobs, maker
notes, orientation and JPEG's MPF index.

    header: "II" 42 <u32 IFD0 offset>  (little endian)  or  "MM" 42 ...  (big endian)
    IFD:    <u16 n> n x [<u16 tag> <u16 type> <u32 count> <4 bytes value or offset>] <u32 next>

A value that fits in 4 bytes sits in the entry itself; a larger one lives at
`base + offset` (the base is the TIFF header, or a vendor's origin in a maker note).
Every offset is checked before it is followed, every IFD is read at most once, and
IFDs, entries per IFD and entries overall are capped, so hostile input costs bounded
time and memory.

The policy is the caller's, explicitly:

- `STRICT` (TIFF files, whose pixels depend on every pointer): any broken header,
  IFD or value raises `CorruptImage` naming the IFD, the tag, the offset and the
  bad value.
- `TOLERANT` (EXIF, maker notes, MPF, orientation: metadata that must never make an
  image unreadable): a broken header or IFD records a problem line in `problems`
  and stops there (`ifd()` gives None, or the entries that fit when the table is
  cut short); a broken value raises `BadValue`, which the caller turns into a
  problem line (or ignores) and skips that entry.
"""

from __future__ import annotations

import struct
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from ..errors import CorruptImage, UnsupportedFormat
from .byteorder import struct_order
from .fields import ASCII, INTEGERS, NUMBER_CODES, TYPE_SIZES, UNDEFINED, UNSIGNED, numbers, text

HEADER_SIZE = 8
ENTRY_SIZE = 12
CLASSIC, BIG = 42, 43
# What a TIFF-structured blob starts with: byte order, then 42 in that order.
TIFF_HEADERS = (b"II*\x00", b"MM\x00*")

MAX_IFDS = 64
MAX_ENTRIES = 4096  # no real IFD comes near; a larger count is garbage or an attack
MAX_ENTRIES_TOTAL = 100_000
MAX_VALUES = 1 << 20  # integers decoded from one tag (a million strips is far past any image)
MAX_ARRAY = 64  # numeric arrays longer than this are summarised by `value`, not materialised
MAX_BYTES = 256  # UNDEFINED values longer than this are summarised by `value`
MAX_PROBLEMS = 16


class Policy(Enum):
    """What the walker does with broken structure (see the module docstring)."""

    STRICT = "strict"
    TOLERANT = "tolerant"


class BadValue(ValueError):
    """A value that cannot be read (tolerant walkers); the message names IFD, tag, offset."""


@dataclass(frozen=True, slots=True)
class Entry:
    """One IFD entry; `offset` is where its value bytes are (in the entry, or elsewhere)."""

    tag: int
    type: int
    count: int
    offset: int
    size: int  # bytes of the value; 0 for a type this reader does not know


@dataclass(slots=True)
class Ifd:
    """One IFD: `name` says where it was found ("IFD0", "ExifIFD", "SubIFD 1 of IFD0").

    `entries` keeps the file's order (duplicates too); `by_tag` the first entry of each tag.
    """

    name: str
    offset: int
    next: int
    entries: list[Entry]
    by_tag: dict[int, Entry] = field(default_factory=dict)


class IfdWalker:
    """Reads IFDs and their values from one TIFF-structured buffer, under one `Policy`.

    `label` names the format in `CorruptImage` errors; `names` gives tag names for
    messages; `space` says what the buffer is ("file", "block"); `prefix` starts each
    problem line ("EXIF ").
    """

    def __init__(
        self,
        data: bytes,
        order: str,
        *,
        policy: Policy,
        label: str,
        first: int = 0,
        base: int = 0,
        names: Mapping[int, str] | None = None,
        space: str = "block",
        prefix: str = "",
        max_ifds: int = MAX_IFDS,
    ) -> None:
        self.data = data
        self.order = order
        self.policy = policy
        self.label = label
        self.first = first
        self.base = base
        self.names: Mapping[int, str] = names or {}
        self.space = space
        self.prefix = prefix
        self.max_ifds = max_ifds
        self.problems: list[str] = []
        self._visited: set[int] = set()
        self._entries = 0

    @classmethod
    def tiff(cls, data: bytes, *, policy: Policy, label: str, **options: Any) -> IfdWalker:
        """A walker over a buffer that starts with a classic TIFF header.

        `first` is IFD0's offset, 0 when the header is broken (tolerant: a problem is
        recorded). BigTIFF is `UnsupportedFormat` when strict, a problem when tolerant.
        """
        order = struct_order(data[:2]) if len(data) >= HEADER_SIZE else None
        walker = cls(data, order or "<", policy=policy, label=label, **options)
        if order is None:
            walker._broken(f"no TIFF header: {len(data)} bytes starting with {bytes(data[:4])!r}")
            return walker
        version, first = struct.unpack_from(order + "HI", data, 2)
        if version == BIG:
            if policy is Policy.STRICT:
                raise UnsupportedFormat(
                    "BigTIFF", "BigTIFF files (over 4 GB layout) are not supported yet."
                )
            walker._broken("BigTIFF is not decoded")
        elif version != CLASSIC:
            walker._broken(f"TIFF header has version {version}, expected 42")
        else:
            walker.first = first
        return walker

    def problem(self, text: str) -> None:
        """Record a problem line (at most MAX_PROBLEMS are kept)."""
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(self.prefix + text)

    def label_of(self, tag: int) -> str:
        """A tag's name and number, for messages: "StripOffsets (273)"."""
        return f"{self.names.get(tag, 'tag')} ({tag})"

    def chain(self, first: int | None = None) -> list[Ifd]:
        """IFD0 and every IFD its `next` pointers lead to, named "IFD0", "IFD1"..."""
        ifds: list[Ifd] = []
        offset = self.first if first is None else first
        while offset:
            ifd = self.ifd(offset, f"IFD{len(ifds)}")
            if ifd is None:
                break
            ifds.append(ifd)
            offset = ifd.next
        return ifds

    def ifd(self, offset: int, name: str) -> Ifd | None:
        """The IFD at `offset`; None (tolerant) when it cannot be read at all."""
        if offset in self._visited:
            self._broken(f"{name} at byte {offset} loops back to an IFD already read (a loop)")
            return None
        if len(self._visited) >= self.max_ifds:
            self._broken(
                f"more than {self.max_ifds} IFDs: {name} at byte {offset} and the rest are not read"
            )
            return None
        self._visited.add(offset)
        data, size = self.data, len(self.data)
        if offset < HEADER_SIZE or offset + 2 > size:
            self._broken(f"{name} offset {offset} is outside the {size}-byte {self.space}")
            return None
        (count,) = struct.unpack_from(self.order + "H", data, offset)
        if count > MAX_ENTRIES:
            self._broken(
                f"{name} at byte {offset} claims {count} entries, over the limit of {MAX_ENTRIES}"
            )
            return None
        start = offset + 2
        fit = min(count, (size - start) // ENTRY_SIZE)
        end = start + ENTRY_SIZE * count
        if fit < count or (self.policy is Policy.STRICT and end + 4 > size):
            self._broken(
                f"{name} at byte {offset} claims {count} entries, only {fit} fit "
                f"in the {size}-byte {self.space}"
            )
        self._entries += fit
        if self._entries > MAX_ENTRIES_TOTAL:
            self._broken(f"more than {MAX_ENTRIES_TOTAL} IFD entries; {name} at byte {offset}")
            return None
        following = struct.unpack_from(self.order + "I", data, end)[0] if end + 4 <= size else 0
        ifd = Ifd(name, offset, following, [])
        base, sizes, inline = self.base, TYPE_SIZES, start + 8
        table = data[start : start + ENTRY_SIZE * fit]
        for tag, type_, n, pointer in struct.iter_unpack(self.order + "HHII", table):
            length = sizes.get(type_, 0) * n
            entry = Entry(tag, type_, n, inline if length <= 4 else base + pointer, length)
            ifd.entries.append(entry)
            ifd.by_tag.setdefault(tag, entry)
            inline += ENTRY_SIZE
        return ifd

    def check(self, ifd: Ifd, entry: Entry) -> None:
        """Fail unless `entry` has a known type and its value lies in the buffer."""
        if entry.type not in TYPE_SIZES:
            self._bad(f"{ifd.name} {self.label_of(entry.tag)} has unknown type {entry.type}")
        if entry.offset < 0 or entry.offset + entry.size > len(self.data):
            self._bad(
                f"{ifd.name} {self.label_of(entry.tag)} claims {entry.size} bytes at byte "
                f"{entry.offset}, past the end of the {len(self.data)}-byte {self.space}"
            )

    def raw(self, ifd: Ifd, entry: Entry) -> bytes:
        """The value bytes of `entry`."""
        self.check(ifd, entry)
        return self.data[entry.offset : entry.offset + entry.size]

    def region(self, ifd: Ifd, tag: int, offset: int, length: int) -> memoryview:
        """data[offset:offset+length] that `tag` points to (strips, tiles), bounds-checked."""
        if offset < 0 or offset + length > len(self.data):
            self._bad(
                f"{ifd.name} {self.label_of(tag)} points to {length} bytes at byte {offset}, "
                f"past the end of the {self.space} ({len(self.data)} bytes)"
            )
        return memoryview(self.data)[offset : offset + length]

    def ints(self, ifd: Ifd, tag: int, limit: int | None = None) -> tuple[int, ...]:
        """The unsigned integer values of `tag` in `ifd`; () when absent.

        With `limit`, the first `limit` values; without, all of them up to MAX_VALUES
        (more fails).
        """
        entry = ifd.by_tag.get(tag)
        if entry is None:
            return ()
        code = UNSIGNED.get(entry.type)
        if code is None:
            self._bad(
                f"{ifd.name} {self.label_of(tag)} has field type {entry.type}, not an integer"
            )
            return ()
        if limit is None and entry.count > MAX_VALUES:
            self._bad(
                f"{ifd.name} {self.label_of(tag)} claims {entry.count} values, over {MAX_VALUES}"
            )
        n = entry.count if limit is None else min(entry.count, limit)
        size = TYPE_SIZES[entry.type]
        self.check(ifd, Entry(tag, entry.type, n, entry.offset, n * size))
        return struct.unpack_from(f"{self.order}{n}{code}", self.data, entry.offset)

    def first_int(self, ifd: Ifd, tag: int, default: int) -> int:
        """The first unsigned integer value of `tag`, or `default` when absent or empty."""
        values = self.ints(ifd, tag, 1)
        return values[0] if values else default

    def integer(self, ifd: Ifd, entry: Entry) -> int | None:
        """The first value of an integer entry (signed or not), or None when it is not one."""
        if entry.type not in INTEGERS or entry.count < 1:
            return None
        size = TYPE_SIZES[entry.type]
        self.check(ifd, Entry(entry.tag, entry.type, 1, entry.offset, size))
        code = self.order + NUMBER_CODES[entry.type]
        return int(struct.unpack_from(code, self.data, entry.offset)[0])

    def value(self, ifd: Ifd, entry: Entry) -> Any:
        """The decoded value of `entry`.

        ASCII -> str; one number -> int or float; several -> a tuple; RATIONAL ->
        float, or None when the denominator is 0 (no meaningful number); UNDEFINED ->
        bytes up to MAX_BYTES, else a "<N bytes>" note; arrays over MAX_ARRAY values
        -> a "<N values>" note.
        """
        typ, n = entry.type, entry.count
        if typ == ASCII:
            return text(self.raw(ifd, entry))
        if typ == UNDEFINED:
            if n <= MAX_BYTES:
                return self.raw(ifd, entry)
            self.check(ifd, entry)
            return f"<{n} bytes>"
        if n > MAX_ARRAY:
            self.check(ifd, entry)  # a claim past the end is still a problem
            return f"<{n} values>"
        decoded = numbers(self.raw(ifd, entry), typ, n, self.order)
        return decoded[0] if n == 1 else decoded

    def _broken(self, message: str) -> None:
        """A header or IFD that cannot be read: raise (strict) or record (tolerant)."""
        if self.policy is Policy.STRICT:
            raise CorruptImage(self.label, message)
        self.problem(message)

    def _bad(self, message: str) -> None:
        """A value that cannot be read: `CorruptImage` (strict) or `BadValue` (tolerant)."""
        if self.policy is Policy.STRICT:
            raise CorruptImage(self.label, message)
        raise BadValue(message)


def looks_like_ifd(data: bytes, offset: int, order: str, max_entries: int) -> bool:
    """Whether an IFD of 1 to `max_entries` entries fits at `offset` in byte order `order`:
    how a maker note's byte order and start are guessed before it is walked."""
    if offset < 0 or offset + 2 > len(data):
        return False
    count = int(struct.unpack_from(order + "H", data, offset)[0])
    return 0 < count <= max_entries and offset + 2 + ENTRY_SIZE * count <= len(data)
