"""Hostile files built in code: decompression bombs, loops, floods and giants.

Each builder returns bytes a real attacker could send. They are small to build
(the 100 MB trailer aside) and never written to disk.
"""

from __future__ import annotations

import struct
import uuid
import zlib
from functools import cache

from tests.formats import heif_builder as hb
from tests.formats.heif_samples import colour
from tests.metadata.builders import LONG, Entry, TiffBuilder
from tests.support.containers import after_soi, jpeg_segment, png_chunk
from tests.support.images import encode, photo

EXIF = b"Exif\x00\x00"
XMP_NS = b"http://ns.adobe.com/xap/1.0/\x00"
XMP_EXTENSION = b"http://ns.adobe.com/xmp/extension/\x00"
EXTENDED_CHUNK = 65_000  # bytes of extended XMP per APP1 segment (the segment cap is 65 533)
HUGE = 100_000  # pixels on each side of a "huge" image: 10^10 pixels declared


@cache
def small_jpeg() -> bytes:
    """A 96 x 64 baseline JPEG with no metadata."""
    return encode(photo(), "JPEG", quality=85)


def jpeg_with(*segments: bytes) -> bytes:
    """`small_jpeg()` with `segments` right after SOI."""
    return after_soi(small_jpeg(), *segments)


def png_with(*chunks: bytes, width: int = 4, height: int = 4) -> bytes:
    """A greyscale PNG of `width` x `height` with `chunks` before its (tiny) IDAT."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\x00" * (4 * 5))  # the pixels of a 4 x 4 image; lies about others
    return b"".join(
        [
            b"\x89PNG\r\n\x1a\n",
            png_chunk(b"IHDR", ihdr),
            *chunks,
            png_chunk(b"IDAT", idat),
            png_chunk(b"IEND", b""),
        ]
    )


# Huge declared dimensions ---------------------------------------------------------


def huge_png() -> bytes:
    """A PNG declaring 100 000 x 100 000 pixels with a few bytes of image data."""
    return png_with(width=HUGE, height=HUGE)


def huge_gif() -> bytes:
    """A GIF whose logical screen and frame declare 65 535 x 65 535 pixels."""
    data = bytearray(encode(photo(8, 8), "GIF"))
    struct.pack_into("<HH", data, 6, 0xFFFF, 0xFFFF)
    frame = data.index(b"\x2c")  # the image descriptor: left, top, width, height
    struct.pack_into("<HH", data, frame + 5, 0xFFFF, 0xFFFF)
    return bytes(data)


def huge_webp_vp8() -> bytes:
    """A simple lossy WebP whose VP8 frame header declares 16 383 x 16 383 pixels."""
    data = bytearray(encode(photo(16, 16), "WEBP", quality=80))
    assert data[12:16] == b"VP8 "
    struct.pack_into("<HH", data, 26, 0x3FFF, 0x3FFF)
    return bytes(data)


def huge_webp_vp8x() -> bytes:
    """An extended WebP whose VP8X canvas declares 2^24 x 2^24 pixels."""
    data = bytearray(encode(photo(16, 16), "WEBP", quality=80, exif=minimal_tiff()))
    assert data[12:16] == b"VP8X"
    data[24:30] = b"\xff" * 6  # canvas width - 1 and height - 1, 24 bits each
    return bytes(data)


def huge_tiff() -> bytes:
    """A TIFF whose IFD0 declares 100 000 x 100 000 pixels in one 16-byte strip."""
    t = TiffBuilder()
    strip = t.raw(b"\x00" * 16)
    ifd0 = t.ifd(
        [
            t.long(256, HUGE),
            t.long(257, HUGE),
            t.short(258, 8),
            t.short(259, 1),
            t.short(262, 1),
            t.long(273, strip),
            t.short(277, 1),
            t.long(278, HUGE),
            t.long(279, 16),
        ]
    )
    return t.finish(ifd0)


def huge_heic() -> bytes:
    """A HEIC whose primary item's 'ispe' declares 100 000 x 100 000 pixels."""
    coded = colour()
    ispe = hb.full_box(b"ispe", 0, 0, struct.pack(">II", HUGE, HUGE))
    properties = [
        (ispe, essential) if prop[4:8] == b"ispe" else (prop, essential)
        for prop, essential in coded.properties
    ]
    return hb.build([hb.Item(1, coded.type, coded.data, properties)])


# IFD loops and depth ----------------------------------------------------------------


def minimal_tiff() -> bytes:
    """A TIFF-structured EXIF block holding one Artist tag."""
    t = TiffBuilder()
    return t.finish(t.ifd([t.ascii(0x013B, "Alice Example")]))


def looping_exif() -> bytes:
    """EXIF whose IFD0 points to an ExifIFD that points back to IFD0, and IFD1 to itself."""
    t = TiffBuilder()
    ifd0_at = 8
    # IFD0: Artist, ExifIFD pointer -> exif_at; next IFD -> ifd1_at. Laid out by hand.
    exif_at = ifd0_at + 2 + 12 * 2 + 4 + 14  # after IFD0 and its Artist string
    ifd1_at = exif_at + 2 + 12 * 1 + 4
    t.ifd([t.ascii(0x013B, "Alice Example"), t.long(0x8769, exif_at)], next_ifd=ifd1_at)
    assert t.here() == exif_at, t.here()
    t.ifd([t.long(0x8769, ifd0_at)])  # an ExifIFD naming IFD0 again as a sub-IFD
    assert t.here() == ifd1_at
    t.ifd([t.long(0x0201, 0)], next_ifd=ifd1_at)  # IFD1 whose next IFD is itself
    return t.finish(ifd0_at)


def chained_exif(depth: int) -> bytes:
    """EXIF nesting `depth` ExifIFD/SubIFD pointers, each IFD pointing to the next."""
    t = TiffBuilder()
    first = t.here()
    for i in range(depth):
        nxt = t.here() + 2 + 12 + 4
        tag = 0x8769 if i % 2 == 0 else 0x014A  # ExifIFD, SubIFDs: both are followed
        t.ifd([t.long(tag, nxt, typ=LONG)])
    t.ifd([t.ascii(0x013B, "Alice Example")])
    return t.finish(first)


def long_chain_exif(length: int) -> bytes:
    """EXIF with `length` IFDs chained through their next-IFD offsets."""
    t = TiffBuilder()
    first = t.here()
    for _ in range(length):
        t.ifd([t.short(0x0112, 1)], next_ifd=t.here() + 2 + 12 + 4)
    t.ifd([t.ascii(0x013B, "Alice Example")])
    return t.finish(first)


def exif_jpeg(tiff: bytes) -> bytes:
    """`small_jpeg()` carrying `tiff` as its EXIF APP1."""
    return jpeg_with(jpeg_segment(0xE1, EXIF + tiff))


def _image_entries(t: TiffBuilder, strip: int) -> list[Entry]:
    """IFD0 entries of a 4 x 4 greyscale image whose one strip is at `strip`."""
    return [
        t.long(256, 4),
        t.long(257, 4),
        t.short(258, 8),
        t.short(259, 1),
        t.short(262, 1),
        t.long(273, strip),
        t.short(277, 1),
        t.long(278, 4),
        t.long(279, 16),
    ]


def looping_tiff() -> bytes:
    """A 4 x 4 TIFF whose IFD0 is its own next IFD and its ExifIFD points back at IFD0."""
    t = TiffBuilder()
    strip = t.raw(b"\x80" * 16)
    ifd0_at = t.here()
    entries = [*_image_entries(t, strip), t.long(0x8769, ifd0_at)]
    t.ifd(sorted(entries), next_ifd=ifd0_at)
    return t.finish(ifd0_at)


def nested_tiff(depth: int) -> bytes:
    """A 4 x 4 TIFF whose ExifIFD nests `depth` ExifIFD/SubIFD pointers, then an Artist."""
    t = TiffBuilder()
    strip = t.raw(b"\x80" * 16)
    inner = t.ifd([t.ascii(0x013B, "Alice Example")])
    for i in range(depth):  # children first: each IFD points at the one before
        inner = t.ifd([t.long(0x8769 if i % 2 else 0x014A, inner)])
    ifd0 = t.ifd(sorted([*_image_entries(t, strip), t.long(0x8769, inner)]))
    return t.finish(ifd0)


# XMP: huge packets and entity bombs --------------------------------------------------


def xmp_packet(size: int) -> bytes:
    """A well-formed XMP packet of about `size` bytes: a creator and a long description."""
    head = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        b'<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/">'
        b"<dc:creator>Alice Example</dc:creator><dc:description>"
    )
    tail = b"</dc:description></rdf:Description></rdf:RDF></x:xmpmeta>"
    return head + b"A" * max(0, size - len(head) - len(tail)) + tail


def extended_xmp_jpeg(size: int) -> bytes:
    """A JPEG whose XMP continues in `size` bytes of extended XMP across many APP1 segments."""
    guid = uuid.UUID(int=7).hex.upper().encode()
    main = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
        b'xmlns:xmpNote="http://ns.adobe.com/xmp/note/" xmpNote:HasExtendedXMP="'
        + guid
        + b'"/></rdf:RDF></x:xmpmeta>'
    )
    extended = xmp_packet(size)
    segments = [jpeg_segment(0xE1, XMP_NS + main)]
    for offset in range(0, len(extended), EXTENDED_CHUNK):
        chunk = extended[offset : offset + EXTENDED_CHUNK]
        header = XMP_EXTENSION + guid + struct.pack(">II", len(extended), offset)
        segments.append(jpeg_segment(0xE1, header + chunk))
    return jpeg_with(*segments)


def itxt(key: bytes, text: bytes, compressed: bool = False) -> bytes:
    """A PNG iTXt chunk (zlib-compressed when asked; `text` is then already compressed)."""
    return png_chunk(b"iTXt", key + b"\x00" + bytes([int(compressed), 0]) + b"\x00\x00" + text)


def huge_xmp_png(size: int) -> bytes:
    """A PNG with a `size`-byte XMP packet in an uncompressed iTXt chunk."""
    return png_with(itxt(b"XML:com.adobe.xmp", xmp_packet(size)))


BILLION_LAUGHS = (
    b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
    + b"".join(
        b'<!ENTITY lol%d "%s">\n' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
        for i in range(1, 10)
    )
    + b']>\n<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>&lol9;</dc:creator>'
    b"</rdf:Description></rdf:RDF></x:xmpmeta>"
)


def laughs_jpeg() -> bytes:
    """A JPEG whose XMP defines the billion-laughs entities."""
    return jpeg_with(jpeg_segment(0xE1, XMP_NS + BILLION_LAUGHS))


def laughs_png() -> bytes:
    """A PNG whose iTXt XMP defines the billion-laughs entities."""
    return png_with(itxt(b"XML:com.adobe.xmp", BILLION_LAUGHS))


# Compression bombs -------------------------------------------------------------------


def deflated_zeros(size: int) -> bytes:
    """`size` zero bytes deflated, built in 1 MiB steps (never holding `size` bytes)."""
    packer = zlib.compressobj(9)
    block = bytes(1 << 20)
    parts = [packer.compress(block) for _ in range(size >> 20)]
    return b"".join(parts) + packer.flush()


def ztxt_bomb(size: int) -> bytes:
    """A PNG with a zTXt comment that inflates to `size` bytes."""
    return png_with(png_chunk(b"zTXt", b"Comment\x00\x00" + deflated_zeros(size)))


def itxt_bomb(size: int) -> bytes:
    """A PNG with a compressed iTXt XMP that inflates to `size` bytes."""
    return png_with(itxt(b"XML:com.adobe.xmp", deflated_zeros(size), compressed=True))


# Floods and trailers -------------------------------------------------------------------


def app_flood(count: int) -> bytes:
    """A JPEG with `count` small APP15 segments before its frame."""
    return jpeg_with(*[jpeg_segment(0xEF, b"x")] * count)


def trailer_jpeg(size: int) -> bytes:
    """`small_jpeg()` followed by `size` bytes that are not part of the image."""
    return small_jpeg() + b"\x5a" * size
