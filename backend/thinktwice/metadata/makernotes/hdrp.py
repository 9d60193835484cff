"""The envelope of Google's HDR+ maker note (exiftool Google.pm, ProcessHDRP).

Pixel phones write "HDRP" + a version byte (2: text inside, 3: protobuf), then
the payload gzipped and XOR-ed with a xorshift64* key stream, 64-bit little-endian
word by word (seed 0x2515606b4a7791cd, multiplier 0x2545f4914f6cdd1d). `open_note`
undoes both, with a cap on what the gzip stream may grow to.
"""

from __future__ import annotations

import struct
import zlib

SIGNATURES = (b"HDRP\x02", b"HDRP\x03")
PROTOBUF_VERSION = 3
SEED, MULTIPLIER = 0x2515606B4A7791CD, 0x2545F4914F6CDD1D
MASK = (1 << 64) - 1
MAX_INFLATED = 4 << 20  # real notes inflate to some tens of kilobytes
GZIP = 16 + zlib.MAX_WBITS


def crypt(data: bytes) -> bytes:
    """XOR `data` with the key stream (the same call encrypts and decrypts)."""
    pad = -len(data) % 8
    words = struct.unpack(f"<{(len(data) + pad) // 8}Q", data + b"\0" * pad)
    key, out = SEED, []
    for word in words:
        key ^= key >> 12
        key ^= (key << 25) & MASK
        key ^= key >> 27
        key = (key * MULTIPLIER) & MASK
        out.append(word ^ key)
    return struct.pack(f"<{len(out)}Q", *out)[: len(data)]


def open_note(note: bytes) -> tuple[int, bytes] | None:
    """(version, inflated payload) of an HDRP note; None when it is not one or its
    stream is broken or inflates past MAX_INFLATED."""
    if not note.startswith(SIGNATURES):
        return None
    inflater = zlib.decompressobj(GZIP)
    try:
        payload = inflater.decompress(crypt(note[5:]), MAX_INFLATED)
    except zlib.error:
        return None
    if inflater.unconsumed_tail:
        return None  # more than MAX_INFLATED: no real note is that big
    return note[4], payload
