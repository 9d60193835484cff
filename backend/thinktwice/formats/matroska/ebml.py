"""EBML (RFC 8794), the binary framing of Matroska and WebM: read element headers, write new ones.

An element is ``id size data``. The id and the size are variable-length integers
(vints): the count of leading zero bits of the first byte says how many more bytes
follow (1 to 8); an id keeps its marker bit, a size drops it. A size whose value
bits are all ones means "unknown": the element runs until an element that cannot
be its child (a live recording's Segment and Clusters are written so).

Policy: strict. Every read is bounds-checked against the enclosing element and
raises `CorruptImage` naming the element and its byte offset; depth is capped, so
hostile input costs bounded time. Written sizes use the smallest vint that fits,
or a given width (to keep an element's length when its header grows or shrinks).
"""

from __future__ import annotations

import struct
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from ...errors import CorruptImage
from ...structure.boxes import Readable

FORMAT = "Matroska"
MAX_DEPTH = 12  # Matroska nests Chapters deepest: about 8 levels
MAX_VINT = 8
UNKNOWN = None
# Matroska dates count nanoseconds from the millennium.
EPOCH = datetime(2001, 1, 1, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class Element:
    """One element as found: its id, where its header and data start, where it ends.

    `known` is False for an unknown-size element, whose `end` is where the reader
    found it to stop.
    """

    id: int
    offset: int
    start: int
    end: int
    known: bool = True

    @property
    def size(self) -> int:
        """Bytes of data."""
        return self.end - self.start

    @property
    def length(self) -> int:
        """Bytes of header and data."""
        return self.end - self.offset


def vint(data: Readable, pos: int, limit: int, what: str) -> tuple[int, int]:
    """The vint at `pos` with its marker bit kept (an id) and its length in bytes."""
    if pos >= limit:
        raise CorruptImage(FORMAT, f"{what} starts at byte {pos}, past its end ({limit})")
    first = data[pos : pos + 1][0]
    if first == 0:
        raise CorruptImage(FORMAT, f"{what} starts with a zero byte at byte {pos} (not a vint)")
    width = MAX_VINT + 1 - first.bit_length()
    if pos + width > limit:
        raise CorruptImage(
            FORMAT, f"{what} is {width} bytes long at byte {pos}, only {limit - pos} are left"
        )
    return int.from_bytes(data[pos : pos + width], "big"), width


def header(data: Readable, pos: int, limit: int, parent: str = "the file") -> Element:
    """The element whose header starts at `pos`, inside `limit`.

    An unknown size ends at `limit` here; the layout narrows it where it walks the
    element's children. A known size reaching past `limit` raises `CorruptImage`.
    """
    ident, id_width = vint(data, pos, limit, f"An element id in {parent}")
    raw, size_width = vint(data, pos + id_width, limit, f"The size of element {ident:#x}")
    marker = 1 << (7 * size_width)
    size = raw - marker
    start = pos + id_width + size_width
    if size == marker - 1:
        return Element(ident, pos, start, limit, known=False)
    if start + size > limit:
        raise CorruptImage(
            FORMAT,
            f"element {ident:#x} at byte {pos} in {parent} claims {size:,} bytes, "
            f"{limit - start:,} are left",
        )
    return Element(ident, pos, start, start + size)


def children(data: Readable, parent: Element, depth: int, name: str = "") -> Iterator[Element]:
    """The children of a known-size `parent`, in order (`depth`: the parent's nesting)."""
    if depth >= MAX_DEPTH:
        raise CorruptImage(FORMAT, f"elements nest deeper than {MAX_DEPTH} at byte {parent.offset}")
    where = f"{name or hex(parent.id)} at byte {parent.offset}"
    pos = parent.start
    while pos < parent.end:
        child = header(data, pos, parent.end, where)
        if not child.known:
            raise CorruptImage(FORMAT, f"element {child.id:#x} at byte {pos} has an unknown size")
        yield child
        pos = child.end


def uint(data: Readable, element: Element) -> int:
    """An unsigned integer element's value."""
    if element.size > 8:
        raise CorruptImage(FORMAT, f"integer element {element.id:#x} at byte {element.offset} "
                           f"is {element.size} bytes long (at most 8)")  # fmt: skip
    return int.from_bytes(data[element.start : element.end], "big")


def text(data: Readable, element: Element) -> str:
    """A string or UTF-8 element's value, without its NUL padding."""
    raw = bytes(data[element.start : element.end])
    return raw.split(b"\0", 1)[0].decode("utf-8", "replace")


def date(data: Readable, element: Element) -> str:
    """A date element as "YYYY-MM-DD HH:MM:SSZ" (UTC)."""
    if element.size != 8:
        raise CorruptImage(FORMAT, f"date element at byte {element.offset} is "
                           f"{element.size} bytes long (8 expected)")  # fmt: skip
    (nanoseconds,) = struct.unpack(">q", data[element.start : element.end])
    try:
        moment = EPOCH + timedelta(microseconds=nanoseconds // 1000)
    except OverflowError:
        return f"{nanoseconds} nanoseconds after 2001"
    return moment.strftime("%Y-%m-%d %H:%M:%SZ")


def encode_id(ident: int) -> bytes:
    """An element id's bytes (ids keep their marker bit)."""
    return ident.to_bytes((ident.bit_length() + 7) // 8, "big")


def encode_size(size: int, width: int | None = None) -> bytes:
    """`size` as a vint, `width` bytes long or the smallest that fits."""
    needed = next(w for w in range(1, MAX_VINT + 1) if size < (1 << (7 * w)) - 1)
    width = width or needed
    if width < needed:
        raise ValueError(f"size {size} does not fit a {width}-byte vint")
    return ((1 << (7 * width)) | size).to_bytes(width, "big")


def element(ident: int, data: bytes) -> bytes:
    """A whole element: id, smallest size, data."""
    return encode_id(ident) + encode_size(len(data)) + data


def void(length: int) -> bytes:
    """A Void element exactly `length` bytes long (at least 2): filler readers skip."""
    if length < 2:
        raise ValueError(f"a Void element takes at least 2 bytes, not {length}")
    width = 1 if length - 2 < 127 else 8
    return encode_id(VOID) + encode_size(length - 1 - width, width) + bytes(length - 1 - width)


VOID = 0xEC
