"""What format modules find in a file and what metadata decoders read out of it:
`Container` and the records it holds (`Tag`, `Picture`, `TextEntry`, `Trailer`).

These are plain slotted classes, not dataclasses: this module is on the start-up
path of `thinktwice clean`, where importing `dataclasses` (it pulls in inspect,
ast and tokenize) and `typing` costs more than cleaning a photo, once per batch.
`Record` gives them what a dataclass would: value equality, hashing and a repr.
Treat every record as immutable, except `Container`, which a format module fills
in as it reads.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing is not imported at run time: see above
if TYPE_CHECKING:
    from typing import Any, Literal

    PictureKind = Literal["thumbnail", "preview", "extra_image", "depth_map", "gain_map"]


class Record:
    """Equality, hash and repr over the fields a subclass names in `__slots__`."""

    __slots__: tuple[str, ...] = ()

    def _values(self) -> tuple[object, ...]:
        return tuple(getattr(self, name) for name in self.__slots__)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Record)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({fields})"


class Tag(Record):
    """One decoded metadata value.

    `group` says where it lives, in exiftool's spirit ("IFD0", "ExifIFD", "GPS",
    "XMP-dc", "IPTC", "PNG-tEXt", "Comment", "MakerNotes:Canon"); `name` is the
    tag name ("Artist", "GPSLatitude", "Creator"); `value` is decoded: str, int,
    float, a tuple of those, or short bytes.
    """

    __slots__ = ("group", "name", "value")

    def __init__(self, group: str, name: str, value: Any) -> None:
        self.group = group
        self.name = name
        self.value = value


class Picture(Record):
    """An image embedded beside the main one (thumbnail, MPF image, depth map...).

    `data` holds its encoded bytes when the container stores them whole, so the
    engine can compare it with the main image; `source` says where it was found.
    """

    __slots__ = ("data", "kind", "media_type", "source")

    def __init__(
        self,
        kind: PictureKind,
        source: str,
        data: bytes | None = None,
        media_type: str | None = None,
    ) -> None:
        self.kind: PictureKind = kind
        self.source = source
        self.data = data
        self.media_type = media_type


class TextEntry(Record):
    """Free text the container carries outside EXIF/XMP/IPTC (JPEG COM, PNG tEXt...)."""

    __slots__ = ("key", "source", "value")

    def __init__(self, source: str, key: str, value: str) -> None:
        self.source = source
        self.key = key
        self.value = value


class Trailer(Record):
    """Bytes after the end of the image; `data` may be a prefix when very large."""

    __slots__ = ("data", "length", "offset")

    def __init__(self, offset: int, length: int, data: bytes) -> None:
        self.offset = offset
        self.length = length
        self.data = data


class Container(Record):
    """What a format module finds in a file, still as raw blocks: formats know bytes.

    `exif` holds TIFF-structured blobs (starting with II*/MM*), `xmp` whole XMP
    packets (extended XMP reassembled), `iptc` IPTC-IIM streams, `photoshop`
    Photoshop image resource blocks. `extra` names other non-rendering blocks
    that strip removes ("APP12 Ducky", "PNG tIME chunk").
    """

    __slots__ = (
        "exif",
        "extra",
        "format",
        "frames",
        "height",
        "icc",
        "iptc",
        "media_type",
        "photoshop",
        "pictures",
        "text",
        "trailer",
        "width",
        "xmp",
    )  # fmt: skip
    __hash__ = None  # type: ignore[assignment]  # filled in while read: not hashable

    def __init__(
        self,
        format: str,
        media_type: str,
        width: int | None = None,
        height: int | None = None,
        frames: int = 1,
        exif: list[bytes] | None = None,
        xmp: list[bytes] | None = None,
        iptc: list[bytes] | None = None,
        photoshop: list[bytes] | None = None,
        icc: bytes | None = None,
        text: list[TextEntry] | None = None,
        pictures: list[Picture] | None = None,
        trailer: Trailer | None = None,
        extra: list[str] | None = None,
    ) -> None:
        self.format = format
        self.media_type = media_type
        self.width = width
        self.height = height
        self.frames = frames
        self.exif = exif if exif is not None else []
        self.xmp = xmp if xmp is not None else []
        self.iptc = iptc if iptc is not None else []
        self.photoshop = photoshop if photoshop is not None else []
        self.icc = icc
        self.text = text if text is not None else []
        self.pictures = pictures if pictures is not None else []
        self.trailer = trailer
        self.extra = extra if extra is not None else []

    def note(self, name: str) -> None:
        """Name a block strip removes in `extra`, once however often it occurs."""
        if name not in self.extra:  # a handful of names: a list scan is cheapest
            self.extra.append(name)
