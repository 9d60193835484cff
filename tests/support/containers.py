"""Container pieces built byte by byte: PNG chunks and JPEG marker segments."""

from __future__ import annotations

import struct
import zlib


def png_chunk(kind: bytes, body: bytes) -> bytes:
    """A PNG chunk with a correct CRC."""
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def jpeg_segment(marker: int, payload: bytes) -> bytes:
    """One length-prefixed JPEG marker segment."""
    return bytes((0xFF, marker)) + struct.pack(">H", len(payload) + 2) + payload


def after_soi(data: bytes, *segments: bytes) -> bytes:
    """The JPEG `data` with `segments` inserted right after its SOI marker."""
    return data[:2] + b"".join(segments) + data[2:]
