"""GIF87a and GIF89a: a header, a logical screen, then blocks up to the trailer byte.

Layout: "GIF87a"/"GIF89a"; the logical screen descriptor (canvas width and height,
flags, background colour, aspect ratio) and, if its flags say so, the global
colour table. Then blocks, each opened by an introducer byte:

- 0x2C an image: a 9-byte descriptor, an optional local colour table, the LZW
  minimum code size and the compressed pixels as data sub-blocks;
- 0x21 an extension: a label byte, then data sub-blocks. 0xF9 graphic control
  (delay, disposal, transparent index), 0xFE comment, 0x01 plain text, 0xFF
  application (an 11-byte identifier, then its data);
- 0x3B the trailer: the end of the image.

Data sub-blocks are a length byte (1-255) and that many bytes, ended by a zero
length byte.

strip keeps, byte for byte and in order, what a decoder draws with: header,
screen, colour tables, images, graphic control extensions, the looping
extensions NETSCAPE2.0/ANIMEXTS1.0 and the ICC profile extension ICCRGBG1012.
It drops comments, XMP, every other application extension, unknown extensions
and bytes after the trailer. The plain text extension is dropped too: it asks
a decoder to draw text, but no browser or common library does, and the text is
free text a person typed. Its graphic control extension stays, because
browsers and Pillow carry it over to the next image, so frame timing does not
change.

A GIF whose blocks are complete but which ends without the trailer byte is
accepted, as browsers and Pillow accept it; strip adds the missing 0x3B. A
block cut off, or an unknown introducer, is CorruptImage.
"""

from __future__ import annotations

import struct
from typing import NamedTuple

from ..errors import CorruptImage
from ..records import Container, TextEntry, Trailer
from . import declared
from .appended import attach

NAME = "gif"
KINDS, sniff = declared(NAME)  # written once, in the registry (formats/__init__.py)
MEDIA_TYPE = KINDS[0].media_type
TRAILER_PREVIEW = 1 << 20

_IMAGE, _EXTENSION, _TRAILER = 0x2C, 0x21, 0x3B
_GRAPHIC_CONTROL, _COMMENT, _PLAIN_TEXT, _APPLICATION = 0xF9, 0xFE, 0x01, 0xFF
# The label of an image block: outside the byte range, so that an extension whose
# label byte happens to be 0x2C is never taken for an image (and kept by strip).
_IMAGE_BLOCK = 0x100
_SCREEN = struct.Struct("<6sHHB")  # signature, width, height, flags (then 2 more bytes)
_SCREEN_END = 13

# Application extensions a decoder needs: loop count (two spellings) and the ICC profile.
KEPT_APPLICATIONS = frozenset({b"NETSCAPE2.0", b"ANIMEXTS1.0", b"ICCRGBG1012"})
# What an application extension's data is, by its 8-byte identifier.
_APPLICATION_BLOBS = {
    b"ICCRGBG1": "icc",
    b"MGK8BIM0": "photoshop",  # ImageMagick's Photoshop image resources
    b"MGKIPTC0": "iptc",  # ImageMagick's IPTC-IIM
}
_XMP_APPLICATION = b"XMP DataXMP"
# XMP part 3: the packet is stored raw, then this 257-byte ramp (and the block
# terminator) so that a decoder walking it as sub-blocks lands on the terminator.
XMP_MAGIC_TRAILER = b"\x01" + bytes(range(255, -1, -1))


class _Block(NamedTuple):
    """One image or extension: [start, end) in the file, its label, its app identifier."""

    start: int
    end: int
    label: int  # _IMAGE_BLOCK, or the extension label
    identifier: bytes = b""


class _Layout(NamedTuple):
    screen_end: int  # after the global colour table
    blocks: list[_Block]
    end: int  # after the trailer byte, or the end of the file if it is missing


def read(data: bytes) -> Container:
    """Every metadata block of a GIF, still as bytes or text."""
    layout = _walk(data)
    _, width, height, _ = _SCREEN.unpack_from(data)
    found = Container(format=NAME, media_type=MEDIA_TYPE, width=width, height=height)
    found.frames = sum(1 for b in layout.blocks if b.label == _IMAGE_BLOCK)
    for block in layout.blocks:
        if block.label == _COMMENT:
            text = _sub_blocks(data, block.start + 2)
            found.text.append(TextEntry("GIF comment", "Comment", _decode(text)))
        elif block.label == _PLAIN_TEXT:
            text = _sub_blocks(data, block.start + 2)[12:]  # after the text grid header
            found.text.append(TextEntry("GIF plain text", "Text", _decode(text)))
            found.note("GIF plain text extension")
        elif block.label == _APPLICATION:
            _read_application(found, data, block)
        elif block.label not in (_IMAGE_BLOCK, _GRAPHIC_CONTROL):
            found.note(f"GIF extension {block.label:#04x}")
    if layout.end < len(data):
        tail = data[layout.end : layout.end + TRAILER_PREVIEW]
        found.trailer = attach(data, Trailer(layout.end, len(data) - layout.end, tail), found)
    return found


def strip(data: bytes, *, drop_hdr: bool = False) -> bytes:
    """The same GIF with only images, timing, looping and ICC, ended by the trailer byte.

    A GIF holds no HDR gain map: `drop_hdr` changes nothing.
    """
    layout = _walk(data)
    view = memoryview(data)
    parts: list[bytes | memoryview] = [view[: layout.screen_end]]
    parts += (view[b.start : b.end] for b in layout.blocks if _kept(b))
    parts.append(bytes([_TRAILER]))
    return b"".join(parts)


def _kept(block: _Block) -> bool:
    if block.label == _APPLICATION:
        return block.identifier in KEPT_APPLICATIONS
    return block.label in (_IMAGE_BLOCK, _GRAPHIC_CONTROL)


def _walk(data: bytes) -> _Layout:
    """The screen and every block up to the trailer; checks every length against the file."""
    size = len(data)
    if not sniff(data):
        raise CorruptImage(NAME, "the file does not start with GIF87a or GIF89a")
    if size < _SCREEN_END:
        raise CorruptImage(NAME, f"the file is {size} bytes, too short for a GIF header")
    screen_end = pos = _SCREEN_END + _colour_table(data[10])
    if pos > size:
        raise CorruptImage(NAME, f"the global colour table ends at byte {pos}, past the file end")
    blocks: list[_Block] = []
    while pos < size and data[pos] != _TRAILER:
        introducer = data[pos]
        if introducer == _IMAGE:
            block = _image(data, pos)
        elif introducer == _EXTENSION and pos + 2 <= size:
            block = _extension(data, pos)
        elif introducer == _EXTENSION:
            raise CorruptImage(NAME, f"the extension at byte {pos} is cut off")
        else:
            raise CorruptImage(NAME, f"unknown block introducer {introducer:#04x} at byte {pos}")
        blocks.append(block)
        pos = block.end
    if not any(b.label == _IMAGE_BLOCK for b in blocks):
        raise CorruptImage(NAME, f"there is no image before the end at byte {pos}")
    return _Layout(screen_end, blocks, min(pos + 1, size))


def _image(data: bytes, pos: int) -> _Block:
    """An image block: descriptor, local colour table, LZW code size, pixel sub-blocks."""
    if pos + 10 > len(data):
        raise CorruptImage(NAME, f"the image descriptor at byte {pos} is cut off")
    pixels = pos + 10 + _colour_table(data[pos + 9])
    if pixels >= len(data):
        raise CorruptImage(NAME, f"the image at byte {pos} is cut off before its pixels")
    return _Block(pos, _skip_sub_blocks(data, pixels + 1), _IMAGE_BLOCK)


def _extension(data: bytes, pos: int) -> _Block:
    """An extension block; application extensions carry their identifier."""
    label = data[pos + 1]
    end = _skip_sub_blocks(data, pos + 2)
    identifier = b""
    if label == _APPLICATION:
        length = data[pos + 2]
        identifier = data[pos + 3 : pos + 3 + length]
    return _Block(pos, end, label, identifier)


def _skip_sub_blocks(data: bytes, pos: int) -> int:
    """The offset just after the zero-length terminator of the sub-blocks at `pos`."""
    size = len(data)
    while True:
        if pos >= size:
            raise CorruptImage(NAME, f"the data sub-blocks are cut off at byte {size}")
        length = data[pos]
        if length == 0:
            return pos + 1
        if pos + 1 + length > size:
            raise CorruptImage(
                NAME, f"the sub-block at byte {pos} claims {length} bytes, {size - pos - 1} left"
            )
        pos += 1 + length


def _sub_blocks(data: bytes, pos: int) -> bytes:
    """The payload of the (already validated) sub-blocks at `pos`, lengths removed."""
    parts = []
    while length := data[pos]:
        parts.append(data[pos + 1 : pos + 1 + length])
        pos += 1 + length
    return b"".join(parts)


def _read_application(found: Container, data: bytes, block: _Block) -> None:
    """File an application extension's data by its identifier."""
    body = block.start + 3 + len(block.identifier)
    if block.identifier == _XMP_APPLICATION:
        # The packet is stored raw: its bytes double as sub-block lengths.
        packet = data[body : block.end - 1]
        found.xmp.append(packet.removesuffix(XMP_MAGIC_TRAILER))
        return
    target = _APPLICATION_BLOBS.get(block.identifier[:8])
    blobs = {"photoshop": found.photoshop, "iptc": found.iptc}.get(target or "")
    # With an empty identifier sub-block, the block ends right there.
    payload = _sub_blocks(data, body) if body < block.end else b""
    if target == "icc":
        found.icc = payload
    elif blobs is not None:
        blobs.append(payload)
    elif block.identifier not in KEPT_APPLICATIONS:
        name = block.identifier[:8].decode("ascii", "backslashreplace")
        found.note(f"GIF application extension '{name}'")


def _colour_table(flags: int) -> int:
    """The size in bytes of the colour table announced by descriptor `flags`."""
    return 3 << ((flags & 7) + 1) if flags & 0x80 else 0


def _decode(text: bytes) -> str:
    # The spec says 7-bit ASCII; real files carry UTF-8, and older ones Latin-1.
    try:
        return text.decode("utf-8")
    except UnicodeDecodeError:
        return text.decode("latin-1")
