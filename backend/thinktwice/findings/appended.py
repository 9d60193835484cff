"""Appended data: bytes after the end of the image, above all motion-photo videos.

Motion photos (a JPEG or HEIC with an MP4 clip glued after it) are said by XMP
(GCamera:MotionPhoto, a Container directory item with Semantic "MotionPhoto"),
by Samsung's SEF markers or by the clip itself; `metadata.trailer` has told what
the bytes are. Other trailers are named by their kind; the rest is "hidden
data". A trailer of only zero (or 0xFF) bytes is padding some cameras write, and
a few stray bytes are what sloppy writers leave: LOW.
"""

from __future__ import annotations

from ..models import Finding, Kind, Metadata, Severity
from ..records import Tag, TrailerKind
from ..units import size_label
from .rule import Context, evidence, put, text, texts
from .tables import MOTION_PHOTO_FLAGS, MOTION_PHOTO_SEMANTIC

# What each kind of trailer is, in the dialog's words.
WORDS: dict[TrailerKind, str] = {
    "video": "a video",
    "image": "another image",
    "zip": "a ZIP archive",
    "rar": "a RAR archive",
    "7z": "a 7-Zip archive",
    "pdf": "a PDF document",
    "samsung": "Samsung camera data",
}
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
        "Trailer:start": trailer.start,
    }
    evidence(flags, details)
    if flags or trailer.kind == "video" or trailer.motion:
        seconds = trailer.seconds
        length = f"{round(seconds)}-second " if seconds and seconds >= 1 else ""
        message = f"A {length}video is hidden after the photo (motion photo)."
        put(details, "Trailer:content", "motion photo video")
        return [Finding(Kind.APPENDED_DATA, Severity.HIGH, message, details)]
    amount = size_label(trailer.length)
    if trailer.padding:
        message = f"It has {amount} of empty padding after the end of the image."
        return [Finding(Kind.APPENDED_DATA, Severity.LOW, message, details)]
    if trailer.kind is not None:
        what = WORDS[trailer.kind]
        put(details, "Trailer:content", what)
        message = f"{what[0].upper()}{what[1:]} is hidden after the end of the image."
    else:
        message = f"It has {amount} of hidden data after the end of the image."
    stray = trailer.kind is None and trailer.length < STRAY_BYTES
    return [Finding(Kind.APPENDED_DATA, Severity.LOW if stray else Severity.HIGH, message, details)]


def _says_motion(tag: Tag) -> bool:
    if tag.name.endswith("Semantic"):
        return any(v.casefold() == MOTION_PHOTO_SEMANTIC for v in texts(tag.value))
    return text(tag.value) == "1" or tag.value == 1
