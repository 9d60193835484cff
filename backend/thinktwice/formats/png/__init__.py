"""PNG and APNG: a signature, then chunks up to IEND.

Layout: the 8-byte signature, then chunks, each a 4-byte big-endian length, a
4-letter type, the data and a CRC-32 of type and data. IHDR comes first (size,
bit depth, colour type), IEND last. A lowercase first letter marks an ancillary
chunk a decoder may skip; an uppercase one a critical chunk it must understand.
APNG adds acTL (frame count, loops), fcTL (each frame's size, offset and delay)
and fdAT (the later frames' pixels).

Metadata lives in ancillary chunks: tEXt, zTXt and iTXt text (XMP is the iTXt
"XML:com.adobe.xmp"; ImageMagick stores EXIF, IPTC, XMP and ICC as hex text
under "Raw profile type exif/iptc/xmp/icc"), eXIf, tIME, and vendor chunks
(Apple iDOT, C2PA caBX, exiftool zxIf...).

strip keeps the chunks in RENDERING, byte for byte and in their order: pixels
and palette, transparency, colour (gamma, chromaticities, sRGB, ICC, CICP, HDR
levels), significant bits, pixel density, background, histogram and animation.
Every other ancillary chunk goes, so a vendor chunk nobody knows never survives;
sPLT goes too, since no current decoder uses it and its name is free text. An
EXIF orientation other than 1 comes back as a new eXIf chunk holding only
Orientation, before the image data (browsers honour it). Bytes after IEND go.

Every chunk a cleaned file keeps must have a correct CRC, else CorruptImage: a
bad one means damaged pixels. Metadata chunks with a bad CRC are still reported
(strip drops them anyway). What each metadata chunk holds is read in chunks.py,
which inflates compressed text and ICC profiles with a hard cap.
"""

from __future__ import annotations

import struct
import zlib
from typing import NamedTuple

from ...errors import CorruptImage, UnsupportedFormat
from ...records import Container, Trailer
from .. import declared
from ..appended import attach, hold
from ..orientation import EXIF_PREFIX, orientation_exif
from ..sniff import PNG_SIGNATURE as SIGNATURE
from .chunks import READERS, iccp_profile

NAME = "png"
KINDS, sniff = declared(NAME)  # written once, in the registry (formats/__init__.py)
TRAILER_PREVIEW = 1 << 20

CRITICAL = frozenset({b"IHDR", b"PLTE", b"IDAT", b"IEND"})
RENDERING = CRITICAL | {
    b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"iCCP", b"sBIT", b"cICP", b"mDCV", b"mDCv",
    b"cLLI", b"cLLi", b"pHYs", b"bKGD", b"hIST", b"acTL", b"fcTL", b"fdAT",
}  # fmt: skip
# Chunks whose size is fixed by the spec and whose fields read/strip rely on.
_SIZES = {b"IHDR": 13, b"acTL": 8}
# Chunks that may carry the image's first pixels: an orientation eXIf goes before them.
_IMAGE_DATA = frozenset({b"IDAT", b"fcTL", b"fdAT"})
# The chunk C2PA keeps its manifest store in (decoded by metadata.c2pa).
CONTENT_CREDENTIALS = b"caBX"
# Vendor chunks named by what they hold (the findings read "C2PA" as content credentials).
KNOWN_VENDOR_CHUNKS = {
    CONTENT_CREDENTIALS: "a C2PA manifest (content credentials)",
    b"iDOT": "Apple's decoding hints",
    b"zxIf": "exiftool's compressed EXIF",
}
_HEAD = struct.Struct(">I4s")
_U32 = struct.Struct(">I")


class _Chunk(NamedTuple):
    offset: int
    type: bytes
    length: int

    @property
    def end(self) -> int:
        return self.offset + 12 + self.length

    @property
    def name(self) -> str:
        return self.type.decode("latin-1")


def read(data: bytes) -> Container:
    """Every metadata chunk of a PNG or APNG, still as bytes or text."""
    chunks, end = _walk(data)
    view = memoryview(data)
    width, height = struct.unpack_from(">II", data, chunks[0].offset + 8)
    found = Container(format=NAME, media_type="image/png", width=width, height=height)
    for chunk in chunks:
        reader = READERS.get(chunk.type)
        if reader is not None:
            reader(found, view[chunk.offset + 8 : chunk.end - 4], chunk.offset)
        elif chunk.type in KNOWN_VENDOR_CHUNKS:
            if chunk.type == CONTENT_CREDENTIALS:
                found.credentials.append(bytes(view[chunk.offset + 8 : chunk.end - 4]))
            found.note(f"PNG chunk '{chunk.name}': {KNOWN_VENDOR_CHUNKS[chunk.type]}")
        elif chunk.type not in RENDERING:
            hold(bytes(view[chunk.offset + 8 : chunk.end - 4]), found)
            found.note(f"PNG chunk '{chunk.name}'")
    if end < len(data):
        trailer = Trailer(end, len(data) - end, bytes(view[end : end + TRAILER_PREVIEW]))
        found.trailer = attach(data, trailer, found)
    return found


def strip(data: bytes, *, drop_hdr: bool = False) -> bytes:
    """The same PNG with only RENDERING chunks, plus orientation as a minimal eXIf.

    A PNG holds no HDR gain map: `drop_hdr` changes nothing.
    """
    chunks, _ = _walk(data)
    view = memoryview(data)
    orientation = _orientation_chunk(view, chunks)
    parts: list[bytes | memoryview] = [SIGNATURE]
    for chunk in chunks:
        if orientation and chunk.type in _IMAGE_DATA:
            parts.append(orientation)
            orientation = b""
        if chunk.type in RENDERING:
            if chunk.type == b"iCCP":  # kept, so it must inflate for the re-read to succeed
                iccp_profile(view[chunk.offset + 8 : chunk.end - 4], chunk.offset)
            parts.append(view[chunk.offset : chunk.end])
    return b"".join(parts)


def _walk(data: bytes) -> tuple[list[_Chunk], int]:
    """Every chunk up to IEND and the offset after it; checks bounds, order and CRCs."""
    if not data.startswith(SIGNATURE):
        raise CorruptImage(NAME, "the file does not start with the PNG signature")
    view = memoryview(data)
    size = len(data)
    chunks: list[_Chunk] = []
    pos = len(SIGNATURE)
    while True:
        if pos + 12 > size:
            cut = f", {size - pos} bytes into a chunk header" if pos < size else ""
            raise CorruptImage(NAME, f"no IEND chunk: the file ends at byte {size}{cut}")
        length, ctype = _HEAD.unpack_from(data, pos)
        chunk = _Chunk(pos, ctype, length)
        if not ctype.isalpha():
            raise CorruptImage(NAME, f"chunk at byte {pos} has an invalid type {ctype!r}")
        if chunk.end > size:
            raise CorruptImage(
                NAME,
                f"chunk '{chunk.name}' at byte {pos} claims {length} bytes, {size - pos - 12} left",
            )
        _check(chunk, view, first=not chunks)
        chunks.append(chunk)
        pos = chunk.end
        if ctype == b"IEND":
            break
    if not any(c.type == b"IDAT" for c in chunks):
        raise CorruptImage(NAME, "there is no IDAT chunk: the file holds no pixels")
    return chunks, pos


def _check(chunk: _Chunk, view: memoryview, first: bool) -> None:
    """Raise if `chunk` breaks a rule the cleaned file depends on."""
    where = f"chunk '{chunk.name}' at byte {chunk.offset}"
    if first and chunk.type != b"IHDR":
        if chunk.type == b"CgBI":
            raise UnsupportedFormat(
                "an Apple-optimised PNG (CgBI)",
                "This is an Apple-optimised PNG (CgBI chunk): only Apple software can "
                "decode it. Export it as a regular PNG first.",
            )
        raise CorruptImage(NAME, f"the file starts with {where}, not IHDR")
    if chunk.type[0] & 0x20 == 0 and chunk.type not in CRITICAL:
        raise CorruptImage(NAME, f"unknown critical {where}: no decoder can draw it")
    expected = _SIZES.get(chunk.type)
    if expected is not None and chunk.length != expected:
        raise CorruptImage(NAME, f"{where} is {chunk.length} bytes, not {expected}")
    if chunk.type in RENDERING:
        (stored,) = _U32.unpack_from(view, chunk.end - 4)
        actual = zlib.crc32(view[chunk.offset + 4 : chunk.end - 4])
        if stored != actual:
            raise CorruptImage(NAME, f"{where} has a bad CRC ({stored:#010x}, not {actual:#010x})")


def _orientation_chunk(view: memoryview, chunks: list[_Chunk]) -> bytes:
    """A new eXIf chunk holding only the original orientation, or b"" if it is 1 or absent."""
    for chunk in chunks:
        if chunk.type == b"eXIf":
            # No full TIFF header needed (unlike read()): the byte order is all it takes.
            tiff = bytes(view[chunk.offset + 8 : chunk.end - 4]).removeprefix(EXIF_PREFIX)
            body = orientation_exif(tiff)
            if not body:
                return b""
            return _U32.pack(len(body)) + b"eXIf" + body + _U32.pack(zlib.crc32(b"eXIf" + body))
    return b""
