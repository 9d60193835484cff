"""TIFF image file directories (IFDs): the entry reader EXIF and maker notes share.

An IFD is a 2-byte entry count, then 12-byte entries (tag, type, count, value or
offset), then a 4-byte offset of the next IFD. A value of 4 bytes or less sits in
the entry itself; a longer one lives at `base + offset` (the base is the TIFF
header for EXIF, and vendor-specific for maker notes).

Nothing here trusts the bytes: every count and offset is checked against the
buffer before use, and failures are reported as `BadIfd` for the caller (the EXIF
and maker note walkers) to turn into a recorded problem.
"""

from __future__ import annotations

import struct

# Bytes per value of each TIFF type (1-12 are TIFF 6, 13 is the EXIF "IFD" type).
TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4}
ASCII, UNDEFINED, BYTE = 2, 7, 1
_NUMBER_CODES = {1: "B", 3: "H", 4: "I", 6: "b", 8: "h", 9: "i", 11: "f", 12: "d", 13: "I"}
_RATIONAL_CODES = {5: "I", 10: "i"}

MAX_ENTRIES = 4096  # no real IFD comes near; a larger count is garbage or an attack
MAX_ARRAY = 64  # numeric arrays longer than this are summarised, not materialised
MAX_BYTES = 256  # UNDEFINED values longer than this are summarised

TYPE_CHECKING = False  # typing is not imported at run time (see records.py)
if TYPE_CHECKING:
    from typing import Any


class BadIfd(Exception):
    """An IFD or a value that cannot be read; the message names position and value."""


class Entry:
    """One IFD entry; `offset` is the absolute position of its value in the buffer.

    A slotted class, not a dataclass or a named tuple: thousands are made per file,
    and this module is on `thinktwice clean`'s start-up path (see records.py).
    """

    __slots__ = ("n", "offset", "size", "tag", "type")

    def __init__(self, tag: int, type: int, n: int, offset: int, size: int) -> None:
        self.tag = tag
        self.type = type
        self.n = n  # number of values
        self.offset = offset
        self.size = size


def read_ifd(buf: bytes, pos: int, e: str, base: int = 0) -> tuple[list[Entry], int, str | None]:
    """The entries of the IFD at `pos`, the next IFD's offset (0 if none) and a problem.

    `e` is the struct byte order ("<" or ">"). Raises `BadIfd` when the IFD itself
    is out of bounds or absurd; a truncated entry table gives the entries that fit
    and a problem string.
    """
    if pos < 0 or pos + 2 > len(buf):
        raise BadIfd(f"IFD offset {pos} is outside the {len(buf)}-byte block")
    (count,) = struct.unpack_from(e + "H", buf, pos)
    if count > MAX_ENTRIES:
        raise BadIfd(f"IFD at byte {pos} claims {count} entries (limit {MAX_ENTRIES})")
    start = pos + 2
    fit = min(count, (len(buf) - start) // 12)
    problem = None
    if fit < count:
        problem = f"IFD at byte {pos} claims {count} entries, only {fit} fit"
    entries = []
    sizes = TYPE_SIZES
    inline = start + 8
    for tag, typ, n, pointer in struct.iter_unpack(e + "HHII", buf[start : start + 12 * fit]):
        size = sizes.get(typ, 0) * n
        entries.append(Entry(tag, typ, n, inline if size <= 4 else base + pointer, size))
        inline += 12
    end = start + 12 * count
    following = struct.unpack_from(e + "I", buf, end)[0] if end + 4 <= len(buf) else 0
    return entries, following, problem


def check(buf: bytes, entry: Entry) -> None:
    """Raise `BadIfd` unless the value of `entry` has a known type and lies in `buf`."""
    if entry.type not in TYPE_SIZES:
        raise BadIfd(f"tag 0x{entry.tag:04x} has unknown type {entry.type}")
    if entry.offset < 0 or entry.offset + entry.size > len(buf):
        raise BadIfd(
            f"tag 0x{entry.tag:04x} value at byte {entry.offset} claims {entry.size} bytes, "
            f"block has {len(buf)}"
        )


def raw(buf: bytes, entry: Entry) -> bytes:
    """The value bytes of `entry`; `BadIfd` when they lie outside the buffer."""
    check(buf, entry)
    return buf[entry.offset : entry.offset + entry.size]


def text(data: bytes) -> str:
    """A C string as text: cut at the first NUL (as exiftool does), UTF-8 else Latin-1."""
    cut = data.find(b"\0")
    if cut >= 0:
        data = data[:cut]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def value(buf: bytes, entry: Entry, e: str) -> Any:
    """The decoded value of `entry`.

    ASCII -> str; one number -> int or float; several -> a tuple; RATIONAL ->
    float, or None when the denominator is 0 (no meaningful number); UNDEFINED ->
    bytes up to MAX_BYTES, else a "<N bytes>" note; arrays over MAX_ARRAY values
    -> a "<N values>" note. Raises `BadIfd` for values outside the buffer.
    """
    typ, n = entry.type, entry.n
    if typ == ASCII:
        return text(raw(buf, entry))
    if typ == UNDEFINED:
        if n <= MAX_BYTES:
            return raw(buf, entry)
        check(buf, entry)
        return f"<{n} bytes>"
    if n > MAX_ARRAY:
        check(buf, entry)  # a claim past the end is still a problem
        return f"<{n} values>"
    data = raw(buf, entry)
    if typ in _RATIONAL_CODES:
        pairs = struct.unpack(f"{e}{2 * n}{_RATIONAL_CODES[typ]}", data)
        numbers: tuple[Any, ...] = tuple(
            pairs[i] / pairs[i + 1] if pairs[i + 1] else None for i in range(0, 2 * n, 2)
        )
    else:
        numbers = struct.unpack(f"{e}{n}{_NUMBER_CODES[typ]}", data)
    return numbers[0] if n == 1 else numbers


def integer(buf: bytes, entry: Entry, e: str) -> int | None:
    """The first value of an integer entry, or None when it is not one."""
    if entry.type not in (1, 3, 4, 6, 8, 9, 13) or entry.n < 1:
        return None
    code = _NUMBER_CODES[entry.type]
    first = Entry(entry.tag, entry.type, 1, entry.offset, TYPE_SIZES[entry.type])
    data = raw(buf, first)
    return int(struct.unpack(e + code, data)[0])


def integers(buf: bytes, entry: Entry, e: str, limit: int) -> tuple[int, ...]:
    """Up to `limit` values of an integer entry (SubIFDs offsets), bounds-checked."""
    if entry.type not in (3, 4, 13):
        return ()
    n = min(entry.n, limit)
    size = TYPE_SIZES[entry.type]
    data = raw(buf, Entry(entry.tag, entry.type, n, entry.offset, n * size))
    return struct.unpack(f"{e}{n}{_NUMBER_CODES[entry.type]}", data)
