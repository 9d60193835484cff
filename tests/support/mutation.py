"""Byte edits for the property tests that damage real files."""

from __future__ import annotations

from collections.abc import Iterable


def overwrite(data: bytes, edits: Iterable[tuple[int, int]]) -> bytes:
    """`data` with each (position, value) edit applied, positions wrapped to its length.

    Empty data has no byte to edit and comes back unchanged.
    """
    if not data:
        return data
    out = bytearray(data)
    for position, value in edits:
        out[position % len(out)] = value
    return bytes(out)
