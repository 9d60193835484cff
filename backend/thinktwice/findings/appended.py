"""Appended data: bytes after the end of the image, above all motion-photo videos.

Google and Samsung phones save a "motion photo" as a JPEG (or HEIC) with an MP4
clip glued after it: viewers show the still, the clip travels along. XMP says so
(GCamera:MotionPhoto, a Container directory item with Semantic "MotionPhoto"),
Samsung marks it "MotionPhoto_Data" in its SEF trailer, and an MP4 announces
itself with "ftyp" at byte 4. Other trailers are named by their signature;
the rest is "hidden data". A trailer of only zero (or 0xFF) bytes is padding
some cameras write, and a few stray bytes are what sloppy writers leave: LOW.
"""

from __future__ import annotations

import struct

from ..models import Finding, Kind, Metadata, Severity
from ..records import Tag, Trailer
from .rule import Context, evidence, put, size, text, texts
from .tables import MOTION_PHOTO_FLAGS, MOTION_PHOTO_SEMANTIC

VIDEO = "a video"
# (offset, signature, what it is). ISO media ("ftyp") is told apart by brand below.
SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (4, b"ftyp", VIDEO),
    (0, b"\xff\xd8\xff", "another image"),
    (0, b"\x89PNG\r\n\x1a\n", "another image"),
    (0, b"PK\x03\x04", "a ZIP archive"),
    (0, b"Rar!\x1a\x07", "a RAR archive"),
    (0, b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (0, b"%PDF", "a PDF document"),
)
IMAGE_BRANDS = frozenset({b"heic", b"heix", b"mif1", b"msf1", b"avif", b"avis"})
SAMSUNG_MOTION_MARKERS = (b"MotionPhoto_Data", b"mpv2", b"MotionPhoto")
SAMSUNG_MARKERS = (b"SEFH", b"SEFT")
PADDING_BYTES = frozenset({0x00, 0xFF})
STRAY_BYTES = 16  # fewer unidentified bytes than this cannot hide a picture or a file: LOW


def appended_data(metadata: Metadata, context: Context) -> list[Finding]:
    """What sits after the end of the image, motion-photo videos first."""
    trailer = metadata.trailer
    if trailer is None or trailer.length <= 0:
        return []
    flags = [t for t in MOTION_PHOTO_FLAGS.select(context.tags) if _says_motion(t)]
    details = {
        "Trailer:offset": str(trailer.offset),
        "Trailer:length": f"{trailer.length} bytes",
        "Trailer:start": trailer.data[:16].hex(" "),
    }
    evidence(flags, details)
    what = describe(trailer)
    if flags or what == VIDEO or any(m in trailer.data for m in SAMSUNG_MOTION_MARKERS):
        seconds = video_seconds(trailer.data)
        length = f"{round(seconds)}-second " if seconds and seconds >= 1 else ""
        message = f"A {length}video is hidden after the photo (motion photo)."
        put(details, "Trailer:content", "motion photo video")
        return [Finding(Kind.APPENDED_DATA, Severity.HIGH, message, details)]
    if _is_padding(trailer):
        message = f"It has {size(trailer.length)} of empty padding after the end of the image."
        return [Finding(Kind.APPENDED_DATA, Severity.LOW, message, details)]
    if what:
        put(details, "Trailer:content", what)
        message = f"{what[0].upper()}{what[1:]} is hidden after the end of the image."
    else:
        message = f"It has {size(trailer.length)} of hidden data after the end of the image."
    stray = what is None and trailer.length < STRAY_BYTES
    return [Finding(Kind.APPENDED_DATA, Severity.LOW if stray else Severity.HIGH, message, details)]


def describe(trailer: Trailer) -> str | None:
    """What the trailer's first bytes say it is ("a video", "a ZIP archive"...)."""
    data = trailer.data
    for offset, signature, what in SIGNATURES:
        if data[offset : offset + len(signature)] == signature:
            if what == VIDEO and data[8:12] in IMAGE_BRANDS:
                return "another image"
            return what
    if any(marker in data for marker in SAMSUNG_MARKERS):
        return "Samsung camera data"
    return None


def video_seconds(data: bytes) -> float | None:
    """The duration an MP4 movie header ("mvhd") in `data` gives, if there is one."""
    at = data.find(b"mvhd")
    if at < 0:
        return None
    body = at + 4
    try:
        version = data[body]
        if version == 1:
            timescale, duration = struct.unpack_from(">IQ", data, body + 4 + 16)
        else:
            timescale, duration = struct.unpack_from(">II", data, body + 4 + 8)
    except (IndexError, struct.error):
        return None
    return duration / timescale if timescale else None


def _says_motion(tag: Tag) -> bool:
    if tag.name.endswith("Semantic"):
        return any(v.casefold() == MOTION_PHOTO_SEMANTIC for v in texts(tag.value))
    return text(tag.value) == "1" or tag.value == 1


def _is_padding(trailer: Trailer) -> bool:
    # Only when the whole trailer was handed over: a prefix of zeros proves nothing.
    whole = len(trailer.data) >= trailer.length
    return whole and set(trailer.data) <= PADDING_BYTES
