"""TIFF field types: bytes per value, struct codes, and a value's bytes as numbers or text.

Types 1-12 are TIFF 6's (BYTE, ASCII, SHORT, LONG, RATIONAL, SBYTE, UNDEFINED, SSHORT,
SLONG, SRATIONAL, FLOAT, DOUBLE); 13 is EXIF's IFD (an offset, read as a LONG).
"""

from __future__ import annotations

import struct
from typing import Any

TYPE_SIZES = {1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 1, 8: 2, 9: 4, 10: 8, 11: 4, 12: 8, 13: 4}
BYTE, ASCII, SHORT, LONG, UNDEFINED = 1, 2, 3, 4, 7
NUMBER_CODES = {1: "B", 3: "H", 4: "I", 6: "b", 8: "h", 9: "i", 11: "f", 12: "d", 13: "I"}
RATIONAL_CODES = {5: "I", 10: "i"}
UNSIGNED = {1: "B", 3: "H", 4: "I", 13: "I"}
INTEGERS = frozenset({1, 3, 4, 6, 8, 9, 13})


def numbers(data: bytes, type_: int, count: int, order: str) -> tuple[Any, ...]:
    """`count` values of a numeric type from `data`; a RATIONAL with a zero denominator
    is None (no meaningful number)."""
    if type_ in RATIONAL_CODES:
        pairs = struct.unpack(f"{order}{2 * count}{RATIONAL_CODES[type_]}", data)
        return tuple(
            pairs[i] / pairs[i + 1] if pairs[i + 1] else None for i in range(0, 2 * count, 2)
        )
    return struct.unpack(f"{order}{count}{NUMBER_CODES[type_]}", data)


def text(data: bytes) -> str:
    """A C string as text: cut at the first NUL (as exiftool does), UTF-8 else Latin-1."""
    cut = data.find(b"\0")
    if cut >= 0:
        data = data[:cut]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")
