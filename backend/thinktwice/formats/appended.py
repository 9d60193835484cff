"""What known trailers after an image hold: Samsung SEF blocks, AFCP and FotoStation
records, appended IPTC, and a motion photo's MP4 clip.

Trailers are read from the end of the file backwards, as exiftool does, since each
format is found by its footer: Samsung's "SEFT" (structure/sef.py), AFCP's "AXS!"
(or "AXS*" little endian) 12-byte footer whose offset leads to an "AXS" header and a
directory of (tag, size, absolute offset) entries, and FotoStation's records, each
ending in a 10-byte footer: tag (2), record size with footer (4), 0xA1B2C3D4 — all
big endian. OnePlus and OPPO phones (one camera, ColorOS) end theirs with a JSON
directory, a list of {"name", "offset", "length"} (each offset counted back from
the directory's start), then "jxrs" (OnePlus; "wtmk" on OPPO) and the directory's
length with this footer (u32 little endian), as exiftool 13.17's Trailer.pm reads
it. AFCP and FotoStation carry IPTC-IIM records (names, places, captions): they go
to the container's IPTC for the one decoder. A clip is an MP4 ('ftyp' not naming a
HEIF brand) at the start of the trailer, later in it when a movie reads there (after
a Google gain map), or in Samsung's MotionPhoto_Data block; its length comes from
the movie header, read by formats/video's one box reader.

Every container with an end (JPEG's EOI, PNG's IEND, WebP's RIFF size, GIF's
trailer byte, HEIF's last box) hands what follows it to `attach`. A TIFF has no
end: `footed` finds only the trailers a footer announces, as exiftool does. `hold`
reads one kept in a block of its own (a HEIF 'sefd' box, an unknown PNG or RIFF chunk).

Policy: tolerant. A footer that leads nowhere ends the walk; what was not understood
stays anonymous bytes for the findings to report.
"""

from __future__ import annotations

import json
import struct
from dataclasses import dataclass, field, replace

from ..errors import CorruptImage, UnsupportedFormat
from ..records import Clip, Container, Picture, PictureKind, Trailer, TrailerBlock
from ..structure.sef import sef_entries

BLOCK_KEPT = 4096  # payloads up to this size are kept for the decoders (times, codes, IPTC)
FOOTED_PREFIX = 1 << 16  # how much of a footed trailer is kept for its signature and padding
MAX_RECORDS = 64
MAX_NAME = 80
MAX_BLOCKS = 256  # phones write a handful
SAMSUNG, AFCP, FOTOSTATION = "Samsung SEF", "AFCP", "FotoStation"
SEF_CLIP = 0x0A30  # MotionPhoto_Data
# Samsung blocks that are pictures (exiftool's Samsung::Trailer names).
SEF_PICTURES: dict[int, PictureKind] = {
    0x0001: "extra_image", 0x0A20: "extra_image", 0x0AB1: "depth_map", 0x0B41: "depth_map",
}  # fmt: skip
AFCP_FOOTERS = {b"AXS!": ">", b"AXS*": "<"}
AFCP_PICTURES: dict[str, PictureKind] = {"Nail": "thumbnail", "PrVw": "preview"}
FOTOSTATION_SIGNATURE = 0xA1B2C3D4
FOTOSTATION_FOOTER = struct.Struct(">HII")
# FotoStation record tags: 1 IPTC, 2 soft crop, 3 thumbnail, 4 preview.
FOTOSTATION_NAMES = {1: "IPTC", 2: "SoftEdit", 3: "ThumbnailImage", 4: "PreviewImage"}
FOTOSTATION_PICTURES: dict[int, PictureKind] = {3: "thumbnail", 4: "preview"}
# The ColorOS trailer's footer tag and who writes it; with it, the directory's length.
OPLUS_FOOTERS = {b"jxrs": "OnePlus", b"wtmk": "OPPO"}
MAX_DIRECTORY = 1 << 20
IMAGE_BRANDS = frozenset({b"heic", b"heix", b"mif1", b"msf1", b"avif", b"avis"})
IPTC_STARTS = (b"\x1c\x01", b"\x1c\x02")


@dataclass(slots=True)
class Appended:
    """What the trailer's known formats hold."""

    blocks: list[TrailerBlock] = field(default_factory=list)
    iptc: list[bytes] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    clip: Clip | None = None


def attach(data: bytes, trailer: Trailer, container: Container) -> Trailer:
    """`trailer` with its known blocks and clip; their IPTC and pictures go to `container`."""
    found = read_appended(data, trailer.offset, len(data))
    container.iptc += found.iptc
    container.pictures += found.pictures
    return replace(trailer, blocks=tuple(found.blocks), clip=found.clip)


def hold(payload: bytes, container: Container) -> None:
    """The known trailer `payload` is, if it is one: a block of its own (a HEIF's or a
    video's 'sefd' box, an unknown PNG or RIFF chunk); its blocks, IPTC, pictures and clip go to
    `container`."""
    found = read_appended(payload, 0, len(payload))
    container.blocks += found.blocks
    container.iptc += found.iptc
    container.pictures += found.pictures
    container.clips += [found.clip] if found.clip else []


def footed(data: bytes, start: int, container: Container) -> Trailer | None:
    """The known trailers that end a file with no end marker (TIFF), found by their
    footers alone as exiftool finds them, none before `start`; None if there are none."""
    found = Appended()
    at = _footers(data, start, len(data), found)
    if at == len(data):
        return None
    container.iptc += found.iptc
    container.pictures += found.pictures
    prefix = bytes(data[at : at + FOOTED_PREFIX])
    return Trailer(at, len(data) - at, prefix, tuple(found.blocks), found.clip)


def read_appended(data: bytes, start: int, end: int) -> Appended:
    """The known trailers in data[start:end], read from the end backwards."""
    out = Appended()
    end = _footers(data, start, end, out)
    if data.startswith(IPTC_STARTS, start) and end > start:
        out.blocks.append(TrailerBlock("IPTC", "IPTC", end - start, _kept(data, start, end)))
        out.iptc.append(bytes(data[start:end]))
    elif out.clip is None:
        out.clip = _embedded_clip(data, start, end)
    return out


def _footers(data: bytes, start: int, end: int, out: Appended) -> int:
    """Where the run of footed trailers (SEF, AFCP, FotoStation, OnePlus/OPPO) ending at
    `end` starts."""
    for _ in range(MAX_RECORDS):
        before = _footer(data, start, end, out)
        if before is None:
            break
        end = before
    return end


def _footer(data: bytes, start: int, end: int, out: Appended) -> int | None:
    """Where the footed trailer ending at `end` starts (0 for a 'sefd' box's), or None."""
    for read in (_sef, _afcp, _fotostation, _oplus):
        before = read(data, start, end, out)
        if before is not None:
            return before
    return None


def clip_of(data: bytes | memoryview, source: str) -> Clip:
    """`data` as a clip: its size and, when it is a readable movie, its duration."""
    # Imported here: the video package's checks re-read JPEGs (gain maps), whose reader
    # imports this module; a photo without a clip never loads the movie reader.
    from .video.layout import load, seconds

    try:
        duration = seconds(load(data))
    except (CorruptImage, UnsupportedFormat):
        duration = None
    return Clip(source, len(data), duration)


def _sef(data: bytes, start: int, end: int, out: Appended) -> int | None:
    entries = sef_entries(data, start, end)
    if not entries:
        return None
    view = memoryview(data)
    for entry in entries:
        stop = entry.offset + entry.length
        name = entry.name or f"type 0x{entry.type:04x}"
        out.blocks.append(
            TrailerBlock(SAMSUNG, name, entry.length, _kept(data, entry.offset, stop))
        )
        if entry.type == SEF_CLIP:
            out.clip = clip_of(view[entry.offset : stop], f"{SAMSUNG} {name}")
        elif entry.type in SEF_PICTURES:
            picture = bytes(data[entry.offset : stop])
            media = "image/jpeg" if picture.startswith(b"\xff\xd8") else None
            out.pictures.append(Picture(SEF_PICTURES[entry.type], SAMSUNG, picture, media))
    return min(entry.at for entry in entries)


def _afcp(data: bytes, start: int, end: int, out: Appended) -> int | None:
    footer = data[end - 12 : end] if end - start >= 24 else b""
    order = AFCP_FOOTERS.get(footer[:4])
    if order is None:
        return None
    header: int = struct.unpack(order + "I", footer[4:8])[0]
    if not start <= header <= end - 24 or data[header : header + 4] != footer[:4]:
        return None
    (count,) = struct.unpack_from(order + "H", data, header + 6)
    directory = header + 12
    if directory + 12 * count > end:
        return None
    for index in range(count):
        tag, size, at = struct.unpack_from(order + "4sII", data, directory + 12 * index)
        if not start <= at <= at + size <= end:
            continue
        name = tag.decode("latin-1")
        out.blocks.append(TrailerBlock(AFCP, name, size, _kept(data, at, at + size)))
        if name == "IPTC":
            out.iptc.append(bytes(data[at : at + size]))
        elif name in AFCP_PICTURES:
            picture = data[at : at + size]
            jpeg = picture.find(b"\xff\xd8\xff", 10)  # after a 10-byte header and padding
            media = "image/jpeg" if jpeg >= 0 else None
            shown = picture[jpeg:] if jpeg >= 0 else picture
            out.pictures.append(Picture(AFCP_PICTURES[name], AFCP, shown, media))
    return header


def _fotostation(data: bytes, start: int, end: int, out: Appended) -> int | None:
    if end - start < FOTOSTATION_FOOTER.size:
        return None
    tag, size, signature = FOTOSTATION_FOOTER.unpack_from(data, end - FOTOSTATION_FOOTER.size)
    if signature != FOTOSTATION_SIGNATURE or not 10 <= size <= end - start:
        return None
    at: int = end - size
    stop = end - FOTOSTATION_FOOTER.size
    name = FOTOSTATION_NAMES.get(tag, f"record {tag}")
    out.blocks.append(TrailerBlock(FOTOSTATION, name, stop - at, _kept(data, at, stop)))
    if tag == 1:
        out.iptc.append(bytes(data[at:stop]))
    elif tag in FOTOSTATION_PICTURES:
        picture = bytes(data[at:stop])
        media = "image/jpeg" if picture.startswith(b"\xff\xd8") else None
        out.pictures.append(Picture(FOTOSTATION_PICTURES[tag], FOTOSTATION, picture, media))
    return at


def _oplus(data: bytes, start: int, end: int, out: Appended) -> int | None:
    if end - start < 16:
        return None
    # exiftool reads "jxrs" then the length; OPPO's "wtmk" is known only from a
    # description of a Find X9 Ultra file, so the length may come first there.
    if data[end - 8 : end - 4] in OPLUS_FOOTERS:
        source, at = OPLUS_FOOTERS[data[end - 8 : end - 4]], end - 4
    elif data[end - 4 : end] == b"wtmk":
        source, at = OPLUS_FOOTERS[b"wtmk"], end - 8
    else:
        return None
    length: int = struct.unpack_from("<I", data, at)[0]
    directory = end - length
    if not 8 < length <= min(MAX_DIRECTORY, end - start):
        return None
    try:
        entries = json.loads(data[directory : end - 8].rstrip(b"\0"))
    except (ValueError, RecursionError):  # not JSON (or nested past all reason)
        return None
    if not isinstance(entries, list):
        return None
    first = directory
    for entry in entries[:MAX_BLOCKS]:
        at, name, size = _oplus_entry(entry, directory)
        if start <= at <= at + size <= directory:
            out.blocks.append(TrailerBlock(source, name, size, _kept(data, at, at + size)))
            first = min(first, at)
    return first


def _oplus_entry(entry: object, directory: int) -> tuple[int, str, int]:
    """A directory entry as (absolute offset, name, size); offsets count back from it."""
    if not isinstance(entry, dict):
        return -1, "", 0
    back, name, size = entry.get("offset"), entry.get("name"), entry.get("length")
    if not (isinstance(back, int) and isinstance(name, str) and isinstance(size, int)):
        return -1, "", 0
    return directory - back, name[:MAX_NAME], size


def _embedded_clip(data: bytes, start: int, end: int) -> Clip | None:
    """An MP4 in the trailer: at its start, or after a picture (Google writes a gain map
    between the photo and its clip) when the movie there reads."""
    at = data.find(b"ftyp", start + 4, end)
    for _ in range(MAX_RECORDS):
        if at < 0:
            return None
        if data[at + 4 : at + 8] not in IMAGE_BRANDS:
            clip = clip_of(memoryview(data)[at - 4 : end], "trailer")
            if at == start + 4 or clip.seconds is not None:
                return clip
        at = data.find(b"ftyp", at + 4, end)
    return None


def _kept(data: bytes, start: int, stop: int) -> bytes:
    return bytes(data[start:stop]) if stop - start <= BLOCK_KEPT else b""
