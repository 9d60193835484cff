"""A maker-note tag table's rows: tag id -> exiftool's name, what it reveals, how to read it.

The tables are data (one module per maker); the readers (`ifd_notes`, `binary`)
only follow them. `Reveals` is what the findings care about:

    serial      a number unique to one body, lens or sensor (links every photo it takes)
    owner       the name the owner typed into the camera
    model       the camera's model name or type
    date, time  when the photo was taken (a date-time, or its two halves)
    capture_id  an id unique to one shot or burst (links the photo to its other versions)
    count       how many photos the camera has taken (a shutter count)
    label       a name the user gave the camera (trail cameras: where it stands)
    firmware    the firmware version (narrows the device down)
    preview_start, preview_length   where an embedded preview JPEG lies
    directory   a sub-IFD, read with the table in `sub`
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from ...structure.fields import text

Reveals = Literal[
    "serial", "owner", "model", "date", "time", "capture_id", "count", "label", "firmware",
    "preview_start", "preview_length", "directory",
]  # fmt: skip
Conv = Callable[..., Any]  # (value) for IFD rows, (bytes, byte order) for binary rows


def as_text(value: Any) -> str | None:
    """Any value as trimmed text; None when empty (cameras leave serials blank)."""
    if isinstance(value, bytes):
        # Panasonic pads the front with NULs, Canon the end with 0xFF
        value = text(value.strip(b"\0\xff"))
    elif isinstance(value, tuple):
        value = " ".join(str(v) for v in value)
    trimmed = str(value).strip(" \0")
    return trimmed or None


def as_number(value: Any) -> int | None:
    """An integer value, or None."""
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def as_hex(value: Any) -> str | None:
    """Binary ids (Canon ImageUniqueID, BYTE or UNDEFINED) as hex; zeros mean "not set"."""
    if isinstance(value, tuple) and all(isinstance(v, int) and 0 <= v < 256 for v in value):
        value = bytes(value)
    if isinstance(value, bytes) and value.strip(b"\0"):
        return value.hex()
    return None


def fixed_text(data: bytes, order: str) -> str | None:
    """A binary row's fixed-size ASCII field, cut at its first NUL; None when empty."""
    shown = data.split(b"\0", 1)[0].decode("latin-1").strip()
    return shown or None


def as_offset(value: Any) -> int | None:
    """A preview's start or length: a positive integer."""
    number = as_number(value)
    return number if number else None


@dataclass(frozen=True, slots=True)
class TagDef:
    """One row of a maker's table: exiftool's tag name, what it reveals, its converter.

    In an IFD table the key is the tag id and `conv` gets the decoded value; in a
    binary table (`size` > 0) the key is a byte offset and `conv` gets `size` bytes
    and the byte order. A directory's IFD starts `skip` bytes into its value (or at
    the offset it holds), in byte order `order` when the vendor fixes one.
    """

    name: str
    reveals: Reveals
    conv: Conv = as_text
    sub: Mapping[int, TagDef] = field(default_factory=dict)
    size: int = 0
    skip: int = 0
    order: str | None = None


Table = Mapping[int, TagDef]


def row(name: str, reveals: Reveals, conv: Conv = as_text) -> TagDef:
    """A table row (reads better in the tables than the constructor)."""
    return TagDef(name, reveals, conv)


def field_at(size: int, name: str, reveals: Reveals, conv: Conv) -> TagDef:
    """A row of a binary table: `size` bytes read by `conv`."""
    return TagDef(name, reveals, conv, size=size)


def directory(name: str, sub: Table) -> TagDef:
    """A row that points to a sub-IFD read with `sub`."""
    return TagDef(name, "directory", as_number, sub)


def names(tables: list[Table], reveals: Reveals) -> list[str]:
    """Every tag name in `tables` (and their sub-tables) that reveals `reveals`."""
    found: list[str] = []
    stack = list(tables)
    while stack:
        for definition in stack.pop(0).values():
            if definition.reveals == reveals and definition.name not in found:
                found.append(definition.name)
            if definition.sub:
                stack.append(definition.sub)
    return found
