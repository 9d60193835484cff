"""What format modules find in a file and what metadata decoders read out of it:
`Container` and the records it holds (`Tag`, `Picture`, `TextEntry`, `Trailer`),
a trailer's decoded `TrailerContent` and C2PA's decoded `Credentials`.

Every record is a frozen dataclass, except `Container`, which a format module
fills in as it reads.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

PictureKind = Literal[
    "thumbnail", "preview", "extra_image", "depth_map", "gain_map",
    # Apple's mattes, by what they outline.
    "portrait_matte", "skin_matte", "hair_matte", "teeth_matte", "glasses_matte", "sky_matte",
    "matte",
]  # fmt: skip
# What bytes after the end of an image are, by their signature (metadata.trailer).
TrailerKind = Literal["video", "image", "zip", "rar", "7z", "pdf", "samsung"]


@dataclass(frozen=True, slots=True)
class Tag:
    """One decoded metadata value.

    `group` says where it lives, in exiftool's spirit ("IFD0", "ExifIFD", "GPS",
    "XMP-dc", "IPTC", "PNG-tEXt", "Comment", "MakerNotes:Canon"); `name` is the
    tag name ("Artist", "GPSLatitude", "Creator"); `value` is decoded: str, int,
    float, a tuple of those, or short bytes.
    """

    group: str
    name: str
    value: Any


@dataclass(frozen=True, slots=True)
class Picture:
    """An image embedded beside the main one (thumbnail, MPF image, depth map...).

    `data` holds its encoded bytes when the container stores them whole, so the
    engine can compare it with the main image; `source` says where it was found.
    """

    kind: PictureKind
    source: str
    data: bytes | None = None
    media_type: str | None = None


@dataclass(frozen=True, slots=True)
class TextEntry:
    """Free text the container carries outside EXIF/XMP/IPTC (JPEG COM, PNG tEXt...)."""

    source: str
    key: str
    value: str


@dataclass(frozen=True, slots=True)
class TrailerBlock:
    """A named block of a known trailer format (Samsung SEF, AFCP, FotoStation).

    `name` is the block's own name ("MCC_Data", "IPTC"); `data` holds its payload
    when it is short (a few kilobytes: times, codes, IPTC), else b"".
    """

    source: str
    name: str
    length: int
    data: bytes = b""


@dataclass(frozen=True, slots=True)
class Clip:
    """A video kept inside a still (a motion photo): where, how many bytes, how long."""

    source: str
    length: int
    seconds: float | None = None


@dataclass(frozen=True, slots=True)
class Trailer:
    """Bytes after the end of the image; `data` may be a prefix when very large.

    `blocks` are the named blocks of a known trailer format found in them, and
    `clip` the video they hold, read by the formats (formats/appended.py).
    """

    offset: int
    length: int
    data: bytes
    blocks: tuple[TrailerBlock, ...] = ()
    clip: Clip | None = None


@dataclass(frozen=True, slots=True)
class TrailerContent:
    """The bytes after the image, decoded: where, how long, and what they are.

    `kind` is None for data no signature names; `motion` says a Samsung marker
    calls it a motion-photo clip; `seconds` is an MP4 movie header's duration;
    `padding` means the whole trailer is 0x00 or 0xFF bytes.
    """

    offset: int
    length: int
    start: str
    kind: TrailerKind | None
    motion: bool
    seconds: float | None
    padding: bool
    blocks: tuple[TrailerBlock, ...] = ()
    clip: Clip | None = None


@dataclass(frozen=True, slots=True)
class Credentials:
    """What a C2PA manifest store (Content Credentials) says, out of its JSON.

    `title` is the file name the active manifest was signed under; `generators`
    the claim generators ("PhotoApp 2.1"); `authors` the creators' names and
    `accounts` their identifiers and social accounts (CreativeWork, CAWG identity);
    `signer` the signing certificate's common name and `signer_org` its
    organisation; `actions` what was done ("c2pa.created"), `agents` the software
    that did it, `ai_tools` the tools that generated it when an action says AI did
    (empty strings stand for unnamed ones); `ingredients` the titles of the files
    it was made from; `manifests` how many manifests the store holds.
    """

    title: str | None = None
    generators: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    accounts: tuple[str, ...] = ()
    signer: str | None = None
    signer_org: str | None = None
    actions: tuple[str, ...] = ()
    agents: tuple[str, ...] = ()
    ai_tools: tuple[str, ...] = ()
    ingredients: tuple[str, ...] = ()
    manifests: int = 1


@dataclass(frozen=True, slots=True)
class VendorBlock:
    """A vendor's private block outside EXIF, still as bytes: who wrote it (`vendor`,
    "InfiRay"), which of its blocks it is (`name`, "Sensor"), and its payload."""

    vendor: str
    name: str
    data: bytes


@dataclass(slots=True, eq=True)
class Container:
    """What a format module finds in a file, still as raw blocks: formats know bytes.

    `exif` holds TIFF-structured blobs (starting with II*/MM*), `xmp` whole XMP
    packets (extended XMP reassembled), `iptc` IPTC-IIM streams, `photoshop`
    Photoshop image resource blocks, `credentials` C2PA manifest stores (whole
    JUMBF superboxes, put back together where a container splits them), `vendor`
    private vendor blocks the maker-note tables read (InfiRay's sensor record). `extra`
    names other non-rendering blocks
    that strip removes ("APP12 Ducky", "PNG tIME chunk"); `clips` the videos
    held in boxes of their own (HEIF 'mpvd'), `blocks` the named blocks of a
    known trailer format kept in a box of their own (HEIF 'sefd'); `problems` what the format found
    inconsistent without refusing the file (an extended XMP no packet names); `turn` how far
    a video's frames are turned clockwise to be shown (its display matrix: 0, 90, 180, 270).
    Filled in while read: mutable, so not hashable.
    """

    format: str
    media_type: str
    width: int | None = None
    height: int | None = None
    frames: int = 1
    turn: int = 0
    exif: list[bytes] = field(default_factory=list)
    xmp: list[bytes] = field(default_factory=list)
    iptc: list[bytes] = field(default_factory=list)
    photoshop: list[bytes] = field(default_factory=list)
    credentials: list[bytes] = field(default_factory=list)
    vendor: list[VendorBlock] = field(default_factory=list)
    icc: bytes | None = None
    text: list[TextEntry] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    trailer: Trailer | None = None
    extra: list[str] = field(default_factory=list)
    clips: list[Clip] = field(default_factory=list)
    blocks: list[TrailerBlock] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def note(self, name: str) -> None:
        """Name a block strip removes in `extra`, once however often it occurs."""
        if name not in self.extra:  # a handful of names: a list scan is cheapest
            self.extra.append(name)
