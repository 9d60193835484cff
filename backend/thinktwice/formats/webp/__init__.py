"""WebP: a RIFF container of chunks.

    "RIFF" <u32 LE size> "WEBP"  then chunks: <fourcc> <u32 LE size> <payload> [pad byte]

The RIFF size counts from "WEBP" to the end of the last chunk; bytes after it are
a trailer. A chunk whose size is odd is followed by one pad byte. Three layouts:

- simple lossy: one "VP8 " chunk; simple lossless: one "VP8L" chunk;
- extended: "VP8X" first (flags + canvas size), then "ICCP", "ANIM" and one
  "ANMF" per frame (a 16-byte frame header, then sub-chunks "ALPH"/"VP8 "/"VP8L"),
  or a still "ALPH" + "VP8 " / "VP8L", and finally "EXIF" and "XMP ".

strip keeps what rendering needs: VP8X (its flags rewritten to match what remains),
ICCP, ANIM, ANMF (only image sub-chunks inside), ALPH, VP8 and VP8L, all copied
unchanged. It drops EXIF, XMP, unknown chunks and the trailer. When the EXIF
orientation is not 1, a minimal EXIF chunk holding only Orientation is kept, and a
VP8X chunk is added to a simple file so that the EXIF chunk is allowed. Both read
and strip work from the one walk of the RIFF in riff.py.
"""

from __future__ import annotations

import struct
from collections.abc import Callable

from ...records import Container, Trailer
from .. import declared
from ..appended import attach, hold
from ..orientation import EXIF_PREFIX, exif_tiff, orientation_exif
from .riff import (
    ALPHA,
    ANMF_HEADER,
    CHUNK_HEADER,
    IMAGE,
    NAME,
    VP8X_SIZE,
    Chunk,
    frame_chunks,
    parse,
)

__all__ = ["KINDS", "MEDIA_TYPE", "NAME", "is_lossless", "read", "sniff", "strip"]

KINDS, sniff = declared(NAME)  # written once, in the registry (formats/__init__.py)
MEDIA_TYPE = KINDS[0].media_type

# The trailer is kept for inspection up to this many bytes (enough to recognise it).
_TRAILER_KEPT = 1 << 16

# VP8X flag bits (first payload byte). XMP (0x04) is never kept; the reserved bits
# are written as 0.
_ICC = 0x20
_EXIF = 0x08
_ANIMATION = 0x02
# Flags that describe the image data, which strip copies unchanged.
_IMAGE_FLAGS = ALPHA | _ANIMATION

# Chunks rendering needs, at top level and inside an ANMF frame.
_KEPT = frozenset({b"VP8X", b"ICCP", b"ANIM", b"ANMF", b"ALPH", b"VP8 ", b"VP8L"})
_FRAME_KEPT = frozenset({b"ALPH", b"VP8 ", b"VP8L"})


def read(data: bytes) -> Container:
    """The metadata chunks of a WebP file, still as bytes."""
    layout = parse(data)
    container = Container(
        format=NAME, media_type=MEDIA_TYPE, width=layout.width, height=layout.height
    )
    frames = 0
    for chunk in layout.chunks:
        if chunk.fourcc in _READERS:
            _READERS[chunk.fourcc](container, bytes(data[chunk.payload]))
        elif chunk.fourcc == b"ANMF":
            frames += 1
            for sub in frame_chunks(data, chunk):
                if sub.fourcc not in _FRAME_KEPT:
                    container.note(f"WebP chunk {sub.label} in an ANMF frame")
        elif chunk.fourcc not in _KEPT:
            hold(bytes(data[chunk.payload]), container)
            container.note(f"WebP chunk {chunk.label}")
    container.frames = max(frames, 1)
    if layout.riff_end < len(data):
        end = layout.riff_end
        trailer = Trailer(end, len(data) - end, bytes(data[end : end + _TRAILER_KEPT]))
        container.trailer = attach(data, trailer, container)
    return container


def strip(data: bytes, *, drop_hdr: bool = False) -> bytes:
    """The same WebP with only the chunks rendering needs (see the module docstring).

    A WebP holds no HDR gain map: `drop_hdr` changes nothing.
    """
    layout = parse(data)
    view = memoryview(data)
    chunks = layout.chunks
    exif = _orientation_exif(data, chunks)
    has_icc = any(c.fourcc == b"ICCP" for c in chunks)
    parts: list[bytes | memoryview] = [b""]  # the RIFF header, once the size is known
    if chunks[0].fourcc != b"VP8X" and (exif or has_icc):
        # EXIF and ICCP are only allowed in the extended layout.
        flags = ALPHA if layout.alpha else 0
        parts.append(_vp8x_chunk(flags, has_icc, exif, layout.width, layout.height))
    for chunk in chunks:
        if chunk.fourcc == b"VP8X":
            canvas = view[chunk.payload][4:]
            flags = data[chunk.start + CHUNK_HEADER] & _IMAGE_FLAGS
            parts.append(_chunk_header(b"VP8X", VP8X_SIZE))
            parts.append(bytes([_vp8x_flags(flags, has_icc, exif), 0, 0, 0]))
            parts.append(canvas)
        elif chunk.fourcc == b"ANMF":
            parts.extend(_stripped_frame(data, view, chunk))
        elif chunk.fourcc in _KEPT:
            parts.append(view[chunk.start : chunk.end])
    if exif:
        parts.append(_chunk_header(b"EXIF", len(exif)))
        parts.append(exif + b"\x00" * (len(exif) & 1))
    body = sum(len(p) for p in parts)
    parts[0] = b"RIFF" + struct.pack("<I", body + 4) + b"WEBP"
    return b"".join(parts)


def is_lossless(data: bytes) -> bool:
    """Whether the still image of a WebP file is coded lossless ("VP8L"), not lossy ("VP8 ").

    An animation, whose frames are inside ANMF chunks, gives False. Raises CorruptImage
    for a malformed file.
    """
    for chunk in parse(data).chunks:
        if chunk.fourcc in IMAGE:
            return chunk.fourcc == b"VP8L"
    return False


def _stripped_frame(data: bytes, view: memoryview, anmf: Chunk) -> list[bytes | memoryview]:
    """An ANMF chunk holding only its frame header and image sub-chunks."""
    subs = list(frame_chunks(data, anmf))
    kept = [s for s in subs if s.fourcc in _FRAME_KEPT]
    if len(kept) == len(subs):
        return [view[anmf.start : anmf.end]]
    header = view[anmf.payload.start : anmf.payload.start + ANMF_HEADER]
    size = ANMF_HEADER + sum(s.end - s.start for s in kept)
    return [_chunk_header(b"ANMF", size), header, *(view[s.start : s.end] for s in kept)]


def _orientation_exif(data: bytes, chunks: list[Chunk]) -> bytes:
    """A minimal EXIF payload when the file's orientation is not 1, else b""."""
    for chunk in chunks:
        if chunk.fourcc == b"EXIF":
            # Some writers (older exiftool, some phones) keep the JPEG APP1 "Exif\0\0" prefix;
            # no full TIFF header is needed (unlike _read_exif), only the byte order.
            tiff = bytes(data[chunk.payload]).removeprefix(EXIF_PREFIX)
            return orientation_exif(tiff, b"MM")
    return b""


def _vp8x_flags(image_flags: int, has_icc: bool, exif: bytes) -> int:
    return image_flags | (_ICC if has_icc else 0) | (_EXIF if exif else 0)


def _vp8x_chunk(image_flags: int, has_icc: bool, exif: bytes, width: int, height: int) -> bytes:
    canvas = (width - 1).to_bytes(3, "little") + (height - 1).to_bytes(3, "little")
    flags = _vp8x_flags(image_flags, has_icc, exif)
    return _chunk_header(b"VP8X", VP8X_SIZE) + bytes([flags, 0, 0, 0]) + canvas


def _chunk_header(fourcc: bytes, size: int) -> bytes:
    return fourcc + struct.pack("<I", size)


def _read_exif(container: Container, payload: bytes) -> None:
    tiff = exif_tiff(payload)
    if tiff is not None:
        container.exif.append(tiff)
    else:
        container.note("WebP EXIF chunk without a TIFF header")


def _read_xmp(container: Container, payload: bytes) -> None:
    container.xmp.append(payload)


def _read_credentials(container: Container, payload: bytes) -> None:
    container.credentials.append(payload)
    container.note("WebP chunk 'C2PA' (content credentials)")


def _read_icc(container: Container, payload: bytes) -> None:
    if container.icc is None:
        container.icc = payload


_READERS: dict[bytes, Callable[[Container, bytes], None]] = {
    b"EXIF": _read_exif,
    b"XMP ": _read_xmp,
    b"ICCP": _read_icc,
    b"C2PA": _read_credentials,
}
