"""Metadata blocks built byte by byte, for the cases no tool writes on purpose.

`TiffBuilder` lays out IFDs one after the other (children first, so parents can
point at them); `irb()` and `dataset()` build Photoshop resources and IPTC
datasets; `jpeg_blocks()` pulls the real blocks out of an exiftool-written JPEG.
"""

from __future__ import annotations

import io
import struct
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image

BYTE, ASCII, SHORT, LONG, RATIONAL = 1, 2, 3, 4, 5
SBYTE, UNDEFINED, SSHORT, SLONG, SRATIONAL, FLOAT, DOUBLE, IFD = 6, 7, 8, 9, 10, 11, 12, 13

Entry = tuple[int, int, int, bytes]  # tag, type, count, value bytes


class TiffBuilder:
    """A TIFF-structured block assembled IFD by IFD."""

    def __init__(self, order: bytes = b"II") -> None:
        self.order = order
        self.e = "<" if order == b"II" else ">"
        self.buf = bytearray(order + struct.pack(self.e + "HI", 42, 0))

    def here(self) -> int:
        """Where the next IFD will start."""
        return len(self.buf)

    def data_start(self, n_entries: int) -> int:
        """Where the first out-of-line value of the next IFD (with n entries) will sit."""
        return len(self.buf) + 2 + 12 * n_entries + 4

    def ifd(self, entries: list[Entry], next_ifd: int = 0) -> int:
        """Append an IFD (values longer than 4 bytes right after it); its offset."""
        start = len(self.buf)
        self.buf += note_ifd(self.e, entries, start, 0, next_ifd)
        return start

    def raw(self, data: bytes) -> int:
        """Append loose bytes (a thumbnail, a maker note's data); their offset."""
        start = len(self.buf)
        self.buf += data
        return start

    def finish(self, first_ifd: int) -> bytes:
        struct.pack_into(self.e + "I", self.buf, 4, first_ifd)
        return bytes(self.buf)

    # Entry helpers, in this builder's byte order.
    def ascii(self, tag: int, text: str) -> Entry:
        data = text.encode() + b"\0"
        return (tag, ASCII, len(data), data)

    def short(self, tag: int, *values: int) -> Entry:
        return (tag, SHORT, len(values), struct.pack(f"{self.e}{len(values)}H", *values))

    def long(self, tag: int, *values: int, typ: int = LONG) -> Entry:
        return (tag, typ, len(values), struct.pack(f"{self.e}{len(values)}I", *values))

    def rational(self, tag: int, *pairs: tuple[int, int]) -> Entry:
        flat = [v for pair in pairs for v in pair]
        return (tag, RATIONAL, len(pairs), struct.pack(f"{self.e}{len(flat)}I", *flat))

    def undefined(self, tag: int, data: bytes, typ: int = UNDEFINED) -> Entry:
        return (tag, typ, len(data), data)


def exif_with(
    ifd0: list[Entry], exif_ifd: list[Entry] | None = None, order: bytes = b"II"
) -> bytes:
    """IFD0 entries (plus an ExifIFD) as a TIFF block; entries built for `order`."""
    builder = TiffBuilder(order)
    extra: list[Entry] = []
    if exif_ifd is not None:
        extra.append(builder.long(0x8769, builder.ifd(exif_ifd)))
    return builder.finish(builder.ifd(ifd0 + extra))


def with_maker_note(
    make: str, note_at_offset: Callable[[int, str], bytes], order: bytes = b"II"
) -> bytes:
    """An EXIF block whose ExifIFD holds one MakerNote, built by `note_at_offset(at, e)`
    for the absolute offset `at` the note will have (many notes point at it)."""
    builder = TiffBuilder(order)
    at = builder.data_start(1)
    note = note_at_offset(at, builder.e)
    exif_ifd = builder.ifd([builder.undefined(0x927C, note)])
    ifd0 = builder.ifd([builder.ascii(0x010F, make), builder.long(0x8769, exif_ifd)])
    return builder.finish(ifd0)


def note_ifd(e: str, entries: list[Entry], at: int, base: int, next_ifd: int = 0) -> bytes:
    """An IFD placed at absolute `at` and pointing on to `next_ifd`, its long values
    right after it, their offsets counted from `base` (a maker note's vendor origin;
    0 for a plain TIFF)."""
    data_at = at + 2 + 12 * len(entries) + 4
    table, data = struct.pack(e + "H", len(entries)), b""
    for tag, typ, count, payload in entries:
        if len(payload) <= 4:
            field = payload.ljust(4, b"\0")
        else:
            field = struct.pack(e + "I", data_at + len(data) - base)
            data += payload + b"\0" * (len(payload) & 1)
        table += struct.pack(e + "HHI", tag, typ, count) + field
    return table + struct.pack(e + "I", next_ifd) + data


def camera_like_block() -> bytes:
    """~45 KB like a DSLR's: 60 ExifIFD tags and a 40 KB Canon maker note of 100 entries."""
    builder = TiffBuilder()
    at = builder.data_start(61)
    entries = [short_entry("<", 0x1000 + i, i) for i in range(99)]
    note = note_ifd("<", [*entries, (0x0099, UNDEFINED, 40_000, b"\1" * 40_000)], at, 0)
    exif_ifd = builder.ifd(
        [builder.undefined(0x927C, note)] + [builder.short(0xB000 + i, i) for i in range(60)]
    )
    ifd0 = [builder.ascii(0x010F, "Canon"), builder.ascii(0x0110, "Canon EOS 5D Mark IV")]
    ifd0 += [builder.short(0x0100 + i, i) for i in range(10)]
    return builder.finish(builder.ifd([*ifd0, builder.long(0x8769, exif_ifd)]))


def ascii_entry(tag: int, text: str) -> Entry:
    data = text.encode() + b"\0"
    return (tag, ASCII, len(data), data)


def short_entry(e: str, tag: int, value: int) -> Entry:
    return (tag, SHORT, 1, struct.pack(e + "H", value))


def long_entry(e: str, tag: int, value: int, typ: int = LONG) -> Entry:
    return (tag, typ, 1, struct.pack(e + "I", value))


def irb(*resources: tuple[int, bytes], name: bytes = b"", signature: bytes = b"8BIM") -> bytes:
    """Photoshop image resources: signature, id, padded Pascal name, size, padded data."""
    out = b""
    for rid, data in resources:
        pascal = bytes([len(name)]) + name
        pascal += b"\0" * (len(pascal) & 1)
        out += signature + struct.pack(">H", rid) + pascal + struct.pack(">I", len(data))
        out += data + b"\0" * (len(data) & 1)
    return out


def unicode_string(text: str) -> bytes:
    """A Photoshop Unicode string: UTF-16 length, then UTF-16BE."""
    return struct.pack(">I", len(text)) + text.encode("utf-16-be")


def photoshop_thumbnail(jpeg: bytes, fmt: int = 1) -> bytes:
    """Resource 0x040C's data: the 28-byte header, then the JPEG."""
    return struct.pack(">6I2H", fmt, 8, 8, 24, 192, len(jpeg), 24, 1) + jpeg


def dataset(record: int, number: int, data: bytes) -> bytes:
    """One IPTC-IIM dataset, with an extended length when it does not fit 15 bits."""
    if len(data) < 0x8000:
        return bytes([0x1C, record, number]) + struct.pack(">H", len(data)) + data
    return bytes([0x1C, record, number]) + struct.pack(">HI", 0x8004, len(data)) + data


@dataclass(frozen=True)
class JpegBlocks:
    """The metadata blocks of a JPEG, as a format module would hand them over."""

    exif: bytes  # TIFF block, "Exif\0\0" removed
    xmp: bytes
    irb: bytes  # APP13 data after "Photoshop 3.0\0"
    iptc: bytes


def jpeg_blocks(jpeg: bytes) -> JpegBlocks:
    """The EXIF, XMP, Photoshop and IPTC blocks Pillow finds in `jpeg`."""
    with Image.open(io.BytesIO(jpeg)) as im:
        info = dict(im.info)
        apps = list(im.applist)  # type: ignore[attr-defined]
    irbs = [d for m, d in apps if m == "APP13" and d.startswith(b"Photoshop 3.0\0")]
    return JpegBlocks(
        exif=info.get("exif", b"")[6:],
        xmp=info.get("xmp", b""),
        irb=irbs[0][len(b"Photoshop 3.0\0") :] if irbs else b"",
        iptc=info.get("photoshop", {}).get(0x0404, b""),
    )
