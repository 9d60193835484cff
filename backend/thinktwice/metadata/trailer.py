"""What the bytes after the end of an image are: a video, another image, an archive...

Google and Samsung phones save a "motion photo" as a JPEG (or HEIC) with an MP4
clip glued after it: viewers show the still, the clip travels along. An MP4
announces itself with "ftyp" at byte 4 (a HEIF brand there is another image),
Samsung marks its clip "MotionPhoto_Data" in its SEF trailer, and other trailers
are told by their signature. Only a prefix of a long trailer is kept by the
formats, so a prefix of zeros does not make padding. The formats have read the
known trailers' blocks and the clip (formats/appended.py); a short trailer they
did not call a clip is still measured by the one movie reader.
"""

from __future__ import annotations

from ..formats.appended import clip_of
from ..records import Trailer, TrailerContent, TrailerKind

# (offset, signature, kind). ISO media ("ftyp") is told apart by brand below.
SIGNATURES: tuple[tuple[int, bytes, TrailerKind], ...] = (
    (4, b"ftyp", "video"),
    (0, b"\xff\xd8\xff", "image"),
    (0, b"\x89PNG\r\n\x1a\n", "image"),
    (0, b"PK\x03\x04", "zip"),
    (0, b"Rar!\x1a\x07", "rar"),
    (0, b"7z\xbc\xaf\x27\x1c", "7z"),
    (0, b"%PDF", "pdf"),
)
IMAGE_BRANDS = frozenset({b"heic", b"heix", b"mif1", b"msf1", b"avif", b"avis"})
SAMSUNG_MOTION_MARKERS = (b"MotionPhoto_Data", b"mpv2", b"MotionPhoto")
SAMSUNG_MARKERS = (b"SEFH", b"SEFT")
PADDING_BYTES = frozenset({0x00, 0xFF})
SHOWN_BYTES = 16  # how much of the start the details view shows


def read_trailer(trailer: Trailer) -> TrailerContent:
    """What `trailer`'s bytes say about themselves."""
    data = trailer.data
    whole = len(data) >= trailer.length
    kind = kind_of(data)
    clip = trailer.clip
    if clip is None and kind == "video":
        clip = clip_of(data, "trailer")
    return TrailerContent(
        offset=trailer.offset,
        length=trailer.length,
        start=data[:SHOWN_BYTES].hex(" "),
        kind=kind,
        motion=any(marker in data for marker in SAMSUNG_MOTION_MARKERS),
        seconds=clip.seconds if clip else None,
        padding=whole and set(data) <= PADDING_BYTES,
        blocks=trailer.blocks,
        clip=trailer.clip,
    )


def kind_of(data: bytes) -> TrailerKind | None:
    """What the trailer's first bytes say it is, or None."""
    for offset, signature, kind in SIGNATURES:
        if data[offset : offset + len(signature)] == signature:
            return "image" if kind == "video" and data[8:12] in IMAGE_BRANDS else kind
    if any(marker in data for marker in SAMSUNG_MARKERS):
        return "samsung"
    return None
