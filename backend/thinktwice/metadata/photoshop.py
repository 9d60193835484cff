"""Photoshop image resource blocks (IRB, JPEG APP13 "Photoshop 3.0", TIFF tag 34377).

A run of resources, each: a 4-byte signature ("8BIM", or the rarer "8B64",
"MeSa", "PHUT", "AgHg", "DCSR"), a 2-byte id, a Pascal-string name padded to an
even length, a 4-byte big-endian size and the data padded to an even length.

Some resources are other metadata blocks and are handed back for their own
decoders: IPTC (0x0404), EXIF (0x0422, 0x0423), XMP (0x0424). The thumbnails
(0x0409, 0x040C: a 28-byte header, then a JPEG) become pictures. Of the rest, only
resources holding text people wrote or tools stamped (URL, captions, path and
slice names, the writing application, an auto-save path) become tags in group
"Photoshop", named as exiftool names them.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..records import Picture, Tag

GROUP = "Photoshop"
HEADER = b"Photoshop 3.0\0"
SIGNATURES = frozenset({b"8BIM", b"8B64", b"MeSa", b"PHUT", b"AgHg", b"DCSR"})
MAX_RESOURCES = 4096

IPTC, EXIF, EXIF2, XMP = 0x0404, 0x0422, 0x0423, 0x0424
THUMBNAILS = frozenset({0x0409, 0x040C})
_THUMBNAIL_HEADER = 28
_JPEG_FORMAT = 1  # kJpegRGB; 0 is raw pixels, not a file


def _pascal(data: bytes) -> list[tuple[str, Any]]:
    return [("", data[1 : 1 + data[0]].decode("latin-1"))] if data else []


def _ustr(data: bytes, pos: int) -> tuple[str | None, int]:
    """A Photoshop Unicode string at `pos` (4-byte length in UTF-16 units, then
    UTF-16BE) and the position after it; None when it does not fit."""
    if pos + 4 > len(data):
        return None, pos
    end = pos + 4 + 2 * struct.unpack_from(">I", data, pos)[0]
    if end > len(data):
        return None, pos
    return data[pos + 4 : end].decode("utf-16-be", "replace").rstrip("\0"), end


def _unicode(data: bytes) -> list[tuple[str, Any]]:
    text, _ = _ustr(data, 0)
    return [("", text)] if text else []


def _url_list(data: bytes) -> list[tuple[str, Any]]:
    """URL_List: a count, then per URL an 8-byte id and a Unicode string."""
    if len(data) < 4:
        return []
    urls, pos = [], 4
    for _ in range(min(struct.unpack_from(">I", data, 0)[0], 256)):
        url, pos = _ustr(data, pos + 8)
        if url is None:
            break
        urls.append(url)
    return [("", tuple(urls))] if urls else []


def _version(data: bytes) -> list[tuple[str, Any]]:
    """VersionInfo: version, a flag, then the writer and reader application names."""
    writer, pos = _ustr(data, 5)
    reader, _ = _ustr(data, pos) if writer is not None else (None, pos)
    return [(n, v) for n, v in (("WriterName", writer), ("ReaderName", reader)) if v]


def _slices(data: bytes) -> list[tuple[str, Any]]:
    """SliceInfo: the slice group name (usually the document name) at byte 20."""
    name, _ = _ustr(data, 20)
    return [("SlicesGroupName", name)] if name else []


def _flag(data: bytes) -> list[tuple[str, Any]]:
    return [("", data[0])] if data else []


def _text(data: bytes) -> list[tuple[str, Any]]:
    text = data.split(b"\0", 1)[0].decode("utf-8", "replace")
    return [("", text)] if text else []


# id -> (exiftool name, reader); a reader gives (name, value) pairs, "" meaning
# the resource's own name.
RESOURCES: dict[int, tuple[str, Callable[[bytes], list[tuple[str, Any]]]]] = {
    0x03F0: ("PStringCaption", _pascal),
    0x040A: ("CopyrightFlag", _flag),
    0x040B: ("URL", _text),
    0x041A: ("SliceInfo", _slices),
    0x041B: ("WorkflowURL", _unicode),
    0x041E: ("URL_List", _url_list),
    0x0421: ("VersionInfo", _version),
    0x043E: ("AutoSaveFilePath", _unicode),
    0x0BB7: ("ClippingPathName", _pascal),
}


@dataclass(slots=True)
class PhotoshopData:
    """What one IRB holds: tags, embedded blocks for other decoders, thumbnails."""

    tags: list[Tag] = field(default_factory=list)
    iptc: list[bytes] = field(default_factory=list)
    exif: list[bytes] = field(default_factory=list)
    xmp: list[bytes] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def decode(data: bytes) -> PhotoshopData:
    """Every resource of interest in an IRB. Never raises for malformed input."""
    out = PhotoshopData()
    pos = len(HEADER) if data.startswith(HEADER) else 0
    end = len(data)
    for _ in range(MAX_RESOURCES):
        if pos + 12 > end:
            if data[pos:].strip(b"\0"):
                out.problems.append(f"Photoshop: {end - pos} stray bytes at byte {pos}")
            return out
        if data[pos : pos + 4] not in SIGNATURES:
            if data[pos:].strip(b"\0"):
                out.problems.append(f"Photoshop: no resource signature at byte {pos}")
            return out
        (rid,) = struct.unpack_from(">H", data, pos + 4)
        name_field = (1 + data[pos + 6] + 1) & ~1
        at = pos + 6 + name_field
        if at + 4 > end:
            out.problems.append(f"Photoshop: resource 0x{rid:04x} at byte {pos} is cut short")
            return out
        (size,) = struct.unpack_from(">I", data, at)
        at += 4
        if at + size > end:
            out.problems.append(
                f"Photoshop: resource 0x{rid:04x} at byte {pos} claims {size} bytes, "
                f"{end - at} left"
            )
            return out
        _resource(rid, data[at : at + size], out)
        pos = at + size + (size & 1)
    out.problems.append(f"Photoshop: more than {MAX_RESOURCES} resources, the rest is skipped")
    return out


def _resource(rid: int, block: bytes, out: PhotoshopData) -> None:
    if rid == IPTC:
        out.iptc.append(block)
    elif rid in (EXIF, EXIF2):
        out.exif.append(block)
    elif rid == XMP:
        out.xmp.append(block)
    elif rid in THUMBNAILS:
        out.pictures.append(_thumbnail(block))
    elif rid in RESOURCES:
        name, reader = RESOURCES[rid]
        for sub, value in reader(block):
            out.tags.append(Tag(GROUP, sub or name, value))


def _thumbnail(block: bytes) -> Picture:
    """The thumbnail JPEG after its 28-byte header; data None for raw-pixel ones."""
    if len(block) < _THUMBNAIL_HEADER:
        return Picture("thumbnail", GROUP)
    fmt, *_, compressed = struct.unpack_from(">6I", block, 0)
    if fmt != _JPEG_FORMAT:
        return Picture("thumbnail", GROUP)
    jpeg = block[_THUMBNAIL_HEADER : _THUMBNAIL_HEADER + compressed]
    return Picture("thumbnail", GROUP, jpeg, "image/jpeg")
