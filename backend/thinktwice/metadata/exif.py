"""EXIF: the TIFF-structured block cameras write, walked IFD by IFD.

Layout: "II*\\0" (little endian) or "MM\\0*" (big endian), then the offset of
IFD0. IFD0 describes the main image and points to the ExifIFD (0x8769: capture
settings; it holds the MakerNote and points to the InteropIFD 0xA005), the GPS
IFD (0x8825) and SubIFDs (0x014A). The next-IFD chain gives IFD1 (the thumbnail
in JPEG EXIF) and, in TIFF files, further pages (IFD2, IFD3...). Offsets count
from the TIFF header. Groups are named as `exiftool -G1` names them.

Whole metadata blocks stored as tags (XMP 700, IPTC 33723, Photoshop 34377, ICC
34675) are not emitted as tags: XMP, IPTC and Photoshop are handed back for
their own decoders, and the ICC profile is the container's business.

The IFDs are read by the structure's walker under its tolerant policy: IFD offsets
are remembered (loops), IFDs, entries and tags are capped, every value is
bounds-checked; a bad IFD records a problem and ends that branch, a bad value
records a problem and skips that entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..records import Picture, PictureKind, Tag
from ..structure.fields import BYTE, UNDEFINED, text
from ..structure.ifd import BadValue, Entry, Ifd, IfdWalker, Policy
from ..structure.tags import (
    CHARSET_TEXT_TAGS,
    EMBEDDED_BLOCKS,
    EXIF_IFD,
    EXIF_TAGS,
    GPS_CHARSET_TEXT_TAGS,
    GPS_IFD,
    GPS_TAGS,
    INTEROP_IFD,
    IPTC_TAG,
    LAYOUT_TABLE_SHOWN,
    LAYOUT_TABLES,
    MAKE,
    MAKER_NOTE,
    PHOTOSHOP_TAG,
    SUB_IFDS,
    THUMBNAIL_LENGTH,
    THUMBNAIL_OFFSET,
    XMP_TAG,
    XP_TAGS,
)
from . import makernotes

MAX_IFDS = 64
MAX_SUB_IFDS = 16
MAX_TAGS = 8192
MAX_TEXT = 65536  # longer comments are cut: a person reads the start

# What kind of IFD a pointer leads to: its group and which ids it uses.
_MAIN, _GPS, _INTEROP = "main", "gps", "interop"
_POINTERS = {
    EXIF_IFD: ("ExifIFD", _MAIN),
    GPS_IFD: ("GPS", _GPS),
    INTEROP_IFD: ("InteropIFD", _INTEROP),
}
_BLOCK_FIELDS = {XMP_TAG: "xmp", IPTC_TAG: "iptc", PHOTOSHOP_TAG: "photoshop"}

# The 8-byte character code in front of UserComment-like text, and its codec
# (None: the TIFF byte order decides, for UCS-2).
_CHARSETS: dict[bytes, str | None] = {
    b"ASCII\0\0\0": "utf-8",
    b"UNICODE\0": None,
    b"JIS\0\0\0\0\0": "iso2022_jp",
    b"\0" * 8: "utf-8",
}


@dataclass(slots=True)
class ExifData:
    """What one EXIF block holds.

    `thumbnail` is the IFD1 JPEG (the classic EXIF thumbnail) when present and in
    bounds; `pictures` lists every embedded picture found (thumbnails and
    previews, data None when out of bounds). `xmp`, `iptc` and `photoshop` are
    blocks stored as TIFF tags, for their own decoders.
    """

    tags: list[Tag] = field(default_factory=list)
    thumbnail: bytes | None = None
    pictures: list[Picture] = field(default_factory=list)
    xmp: list[bytes] = field(default_factory=list)
    iptc: list[bytes] = field(default_factory=list)
    photoshop: list[bytes] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def decode(blob: bytes) -> ExifData:
    """Every tag of a TIFF-structured block (an "Exif\\0\\0" prefix is tolerated).

    Never raises for malformed input: what cannot be read is listed in `problems`.
    """
    data = bytes(blob[6:]) if blob[:6] == b"Exif\0\0" else bytes(blob)
    out = ExifData()
    walker = IfdWalker.tiff(
        data, policy=Policy.TOLERANT, label="EXIF", names=EXIF_TAGS, prefix="EXIF ",
        max_ifds=MAX_IFDS,
    )  # fmt: skip
    out.problems = walker.problems
    if walker.first:
        _Walker(walker, out).run(walker.first)
    return out


class _Walker:
    """One pass over the IFD tree, breadth first so IFD0's Make is known before
    the ExifIFD's maker note is read."""

    def __init__(self, walker: IfdWalker, out: ExifData) -> None:
        self.walker, self.data, self.e, self.out = walker, walker.data, walker.order, out
        self.queue: list[tuple[int, str, str]] = []
        self.make = ""
        self.sub_ifds = 0

    def run(self, first: int) -> None:
        self.queue.append((first, "IFD0", _MAIN))
        page = 0
        while self.queue:
            offset, group, kind = self.queue.pop(0)
            following = self._ifd(offset, group, kind)
            if group == f"IFD{page}" and following:
                page += 1
                self.queue.append((following, f"IFD{page}", _MAIN))

    def _ifd(self, offset: int, group: str, kind: str) -> int:
        """Read one IFD; the offset of the next one in its chain (0 if none)."""
        ifd = self.walker.ifd(offset, group)
        if ifd is None:
            return 0
        names = GPS_TAGS if kind == _GPS else EXIF_TAGS
        thumb: dict[int, int | None] = {}
        for entry in ifd.entries:
            if len(self.out.tags) >= MAX_TAGS:
                self.walker.problem(f"{group}: more than {MAX_TAGS} tags, the rest is skipped")
                return 0
            try:
                self._entry(ifd, entry, kind, names, thumb)
            except BadValue as exc:
                self.walker.problem(str(exc))
        if group != "IFD0" and len(thumb) == 2:
            self._picture(group, thumb[THUMBNAIL_OFFSET], thumb[THUMBNAIL_LENGTH])
        return ifd.next

    def _entry(
        self,
        ifd: Ifd,
        entry: Entry,
        kind: str,
        names: dict[int, str],
        thumb: dict[int, int | None],
    ) -> None:
        tag, group = entry.tag, ifd.name
        if kind == _MAIN and self._structural(ifd, entry):
            return
        if kind == _MAIN and tag in (THUMBNAIL_OFFSET, THUMBNAIL_LENGTH):
            thumb[tag] = self.walker.integer(ifd, entry)
        value = self._value(ifd, entry, kind)
        if group == "IFD0" and tag == MAKE and isinstance(value, str):
            self.make = value
        self.out.tags.append(Tag(group, names.get(tag) or f"Exif_0x{tag:04x}", value))

    def _structural(self, ifd: Ifd, entry: Entry) -> bool:
        """Handle pointers, embedded blocks and the maker note; False for plain tags."""
        tag, walker = entry.tag, self.walker
        if tag in _POINTERS:
            offset = walker.integer(ifd, entry)
            if offset:
                self.queue.append((offset, *_POINTERS[tag]))
        elif tag == SUB_IFDS:
            for offset in walker.ints(ifd, tag, MAX_SUB_IFDS) if entry.type in (3, 4, 13) else ():
                name = "SubIFD" + (str(self.sub_ifds) if self.sub_ifds else "")
                self.sub_ifds += 1
                self.queue.append((offset, name, _MAIN))
        elif tag in _BLOCK_FIELDS:
            getattr(self.out, _BLOCK_FIELDS[tag]).append(walker.raw(ifd, entry))
        elif tag in EMBEDDED_BLOCKS:
            walker.check(ifd, entry)  # the ICC profile: the container keeps it
        elif tag == MAKER_NOTE:
            self._maker_note(ifd, entry)
        else:
            return False
        return True

    def _maker_note(self, ifd: Ifd, entry: Entry) -> None:
        note = self.walker.raw(ifd, entry)
        found = makernotes.decode(self.make, note, self.data, entry.offset, self.e)
        vendor = found.vendor
        summary = f"<{len(note)} bytes, {vendor}>" if vendor else f"<{len(note)} bytes>"
        self.out.tags.append(Tag(ifd.name, "MakerNote", summary))
        self.out.tags.extend(found.tags)
        self.out.pictures.extend(found.pictures)
        if note.startswith(b"\xff\xd8\xff"):  # some compacts store a bare preview JPEG
            self.out.pictures.append(Picture("preview", "EXIF MakerNote", note, "image/jpeg"))

    def _value(self, ifd: Ifd, entry: Entry, kind: str) -> Any:
        tag, typ, walker = entry.tag, entry.type, self.walker
        as_bytes = typ in (BYTE, UNDEFINED)
        if kind == _MAIN and tag in XP_TAGS and as_bytes:
            return _ucs2(walker.raw(ifd, entry)[:MAX_TEXT], "<")
        charset_text = CHARSET_TEXT_TAGS if kind == _MAIN else GPS_CHARSET_TEXT_TAGS
        if kind != _INTEROP and tag in charset_text and as_bytes:
            return _coded_text(walker.raw(ifd, entry)[:MAX_TEXT], self.e)
        if kind == _MAIN and tag in LAYOUT_TABLES and entry.count > LAYOUT_TABLE_SHOWN:
            walker.check(ifd, entry)
            return f"<{entry.count} values>"
        return walker.value(ifd, entry)

    def _picture(self, group: str, offset: int | None, length: int | None) -> None:
        if not offset or not length:
            return
        kind: PictureKind = "thumbnail" if group == "IFD1" else "preview"
        data = None
        if offset + length <= len(self.data):
            data = self.data[offset : offset + length]
        else:
            self.walker.problem(
                f"{group}: {kind} at byte {offset} claims {length} bytes, "
                f"block has {len(self.data)}"
            )
        media = "image/jpeg" if data and data.startswith(b"\xff\xd8") else None
        self.out.pictures.append(Picture(kind, f"EXIF {group}", data, media))
        if data is not None and self.out.thumbnail is None:
            self.out.thumbnail = data


def _ucs2(data: bytes, e: str) -> str:
    """UCS-2 text (XP* tags, "UNICODE" comments), cut at the first NUL character."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        e, data = ("<" if data[:2] == b"\xff\xfe" else ">"), data[2:]
    decoded = data[: len(data) & ~1].decode("utf-16-le" if e == "<" else "utf-16-be", "replace")
    return decoded.split("\0", 1)[0]


def _coded_text(data: bytes, e: str) -> str:
    """UserComment-style text: an 8-byte character code, then the text."""
    codec = _CHARSETS.get(data[:8], "unknown")
    if codec == "unknown":
        decoded = text(data)
    elif codec is None:
        decoded = _ucs2(data[8:], e)
    else:
        try:
            decoded = data[8:].decode(codec).split("\0", 1)[0]
        except UnicodeDecodeError:
            decoded = text(data[8:])
    return decoded.rstrip(" \0")
