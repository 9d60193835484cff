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

Nothing here trusts the bytes: IFD offsets are remembered (loops), IFDs, entries
and tags are capped, every value is bounds-checked; a bad IFD records a problem
and ends that branch, a bad value records a problem and skips that entry.
"""

from __future__ import annotations

import struct

from ..records import Picture, Tag
from . import ifd
from .exif_tags import (
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

TYPE_CHECKING = False  # typing is not imported at run time (see records.py)
if TYPE_CHECKING:
    from typing import Any

    from ..records import PictureKind

MAX_IFDS = 64
MAX_SUB_IFDS = 16
MAX_TAGS = 8192
MAX_PROBLEMS = 16
MAX_TEXT = 65536  # longer comments are cut: a person reads the start

_ORDERS = {b"II": "<", b"MM": ">"}

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


class ExifData:
    """What one EXIF block holds.

    `thumbnail` is the IFD1 JPEG (the classic EXIF thumbnail) when present and in
    bounds; `pictures` lists every embedded picture found (thumbnails and
    previews, data None when out of bounds). `xmp`, `iptc` and `photoshop` are
    blocks stored as TIFF tags, for their own decoders.
    """

    __slots__ = ("iptc", "photoshop", "pictures", "problems", "tags", "thumbnail", "xmp")

    def __init__(self) -> None:
        self.tags: list[Tag] = []
        self.thumbnail: bytes | None = None
        self.pictures: list[Picture] = []
        self.xmp: list[bytes] = []
        self.iptc: list[bytes] = []
        self.photoshop: list[bytes] = []
        self.problems: list[str] = []


def decode(blob: bytes) -> ExifData:
    """Every tag of a TIFF-structured block (an "Exif\\0\\0" prefix is tolerated).

    Never raises for malformed input: what cannot be read is listed in `problems`.
    """
    data = bytes(blob[6:]) if blob[:6] == b"Exif\0\0" else bytes(blob)
    out = ExifData()
    e = _ORDERS.get(data[:2])
    if e is None or len(data) < 8:
        out.problems.append(f"EXIF: no TIFF header (starts with {data[:4]!r})")
        return out
    (magic, first) = struct.unpack_from(e + "HI", data, 2)
    if magic != 42:
        kind = "BigTIFF is not decoded" if magic == 43 else f"TIFF magic is {magic}, not 42"
        out.problems.append(f"EXIF: {kind}")
        return out
    _Walker(data, e, out).run(first)
    return out


class _Walker:
    """One pass over the IFD tree, breadth first so IFD0's Make is known before
    the ExifIFD's maker note is read."""

    def __init__(self, data: bytes, e: str, out: ExifData) -> None:
        self.data, self.e, self.out = data, e, out
        self.visited: set[int] = set()
        self.queue: list[tuple[int, str, str]] = []  # a few IFDs: no deque (collections)
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

    def problem(self, text: str) -> None:
        if len(self.out.problems) < MAX_PROBLEMS:
            self.out.problems.append(f"EXIF {text}")

    def _ifd(self, offset: int, group: str, kind: str) -> int:
        """Read one IFD; the offset of the next one in its chain (0 if none)."""
        if offset in self.visited:
            self.problem(f"{group}: IFD at byte {offset} was already read (a loop)")
            return 0
        if len(self.visited) >= MAX_IFDS:
            self.problem(f"{group}: more than {MAX_IFDS} IFDs, the rest is skipped")
            return 0
        self.visited.add(offset)
        try:
            entries, following, truncated = ifd.read_ifd(self.data, offset, self.e)
        except ifd.BadIfd as exc:
            self.problem(f"{group}: {exc}")
            return 0
        if truncated:
            self.problem(f"{group}: {truncated}")
        names = GPS_TAGS if kind == _GPS else EXIF_TAGS
        thumb: dict[int, int | None] = {}
        for entry in entries:
            if len(self.out.tags) >= MAX_TAGS:
                self.problem(f"{group}: more than {MAX_TAGS} tags, the rest is skipped")
                return 0
            try:
                self._entry(entry, group, kind, names, thumb)
            except ifd.BadIfd as exc:
                self.problem(f"{group}: {exc}")
        if group != "IFD0" and len(thumb) == 2:
            self._picture(group, thumb[THUMBNAIL_OFFSET], thumb[THUMBNAIL_LENGTH])
        return following

    def _entry(
        self,
        entry: ifd.Entry,
        group: str,
        kind: str,
        names: dict[int, str],
        thumb: dict[int, int | None],
    ) -> None:
        tag = entry.tag
        if kind == _MAIN and self._structural(entry, group):
            return
        if kind == _MAIN and tag in (THUMBNAIL_OFFSET, THUMBNAIL_LENGTH):
            thumb[tag] = ifd.integer(self.data, entry, self.e)
        value = self._value(entry, kind)
        if group == "IFD0" and tag == MAKE and isinstance(value, str):
            self.make = value
        self.out.tags.append(Tag(group, names.get(tag) or f"Exif_0x{tag:04x}", value))

    def _structural(self, entry: ifd.Entry, group: str) -> bool:
        """Handle pointers, embedded blocks and the maker note; False for plain tags."""
        tag = entry.tag
        if tag in _POINTERS:
            offset = ifd.integer(self.data, entry, self.e)
            if offset:
                self.queue.append((offset, *_POINTERS[tag]))
        elif tag == SUB_IFDS:
            for offset in ifd.integers(self.data, entry, self.e, MAX_SUB_IFDS):
                name = "SubIFD" + (str(self.sub_ifds) if self.sub_ifds else "")
                self.sub_ifds += 1
                self.queue.append((offset, name, _MAIN))
        elif tag in _BLOCK_FIELDS:
            getattr(self.out, _BLOCK_FIELDS[tag]).append(ifd.raw(self.data, entry))
        elif tag in EMBEDDED_BLOCKS:
            ifd.check(self.data, entry)  # the ICC profile: the container keeps it
        elif tag == MAKER_NOTE:
            self._maker_note(entry, group)
        else:
            return False
        return True

    def _maker_note(self, entry: ifd.Entry, group: str) -> None:
        # Imported here: verifying a cleaned file decodes EXIF but never meets a
        # maker note, and the clean command's start-up counts against each batch.
        from . import makernotes

        note = ifd.raw(self.data, entry)
        tags = makernotes.decode(self.make, note, self.data, entry.offset, self.e)
        vendor = next((t.value for t in tags if t.name == "MakerNoteVendor"), None)
        summary = f"<{len(note)} bytes, {vendor}>" if vendor else f"<{len(note)} bytes>"
        self.out.tags.append(Tag(group, "MakerNote", summary))
        self.out.tags.extend(tags)
        if note.startswith(b"\xff\xd8\xff"):  # some compacts store a bare preview JPEG
            self.out.pictures.append(Picture("preview", "EXIF MakerNote", note, "image/jpeg"))

    def _value(self, entry: ifd.Entry, kind: str) -> Any:
        tag, typ = entry.tag, entry.type
        as_bytes = typ in (ifd.BYTE, ifd.UNDEFINED)
        if kind == _MAIN and tag in XP_TAGS and as_bytes:
            return _ucs2(ifd.raw(self.data, entry)[:MAX_TEXT], "<")
        charset_text = CHARSET_TEXT_TAGS if kind == _MAIN else GPS_CHARSET_TEXT_TAGS
        if kind != _INTEROP and tag in charset_text and as_bytes:
            return _coded_text(ifd.raw(self.data, entry)[:MAX_TEXT], self.e)
        if kind == _MAIN and tag in LAYOUT_TABLES and entry.n > LAYOUT_TABLE_SHOWN:
            ifd.check(self.data, entry)
            return f"<{entry.n} values>"
        return ifd.value(self.data, entry, self.e)

    def _picture(self, group: str, offset: int | None, length: int | None) -> None:
        if not offset or not length:
            return
        kind: PictureKind = "thumbnail" if group == "IFD1" else "preview"
        data = None
        if offset + length <= len(self.data):
            data = self.data[offset : offset + length]
        else:
            self.problem(
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
        text = ifd.text(data)
    elif codec is None:
        text = _ucs2(data[8:], e)
    else:
        try:
            text = data[8:].decode(codec).split("\0", 1)[0]
        except UnicodeDecodeError:
            text = ifd.text(data[8:])
    return text.rstrip(" \0")
