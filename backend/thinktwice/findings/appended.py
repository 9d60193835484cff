"""Appended data: bytes after the end of the image, above all motion-photo videos.

Motion photos (a JPEG or HEIC with an MP4 clip glued after it) are said by XMP
(GCamera:MotionPhoto, a Container directory item with Semantic "MotionPhoto"),
by Samsung's SEF markers or by the clip itself; `metadata.trailer` has told what
the bytes are. Other trailers are named by their kind; the rest is "hidden
data". A trailer of only zero (or 0xFF) bytes is padding some cameras write, and
a few stray bytes are what sloppy writers leave: LOW.
"""

from __future__ import annotations

from ..i18n import N_, _
from ..i18n.formats import decimal
from ..models import Finding, Kind, Metadata, Severity
from ..records import Tag, TrailerKind
from ..units import size_label
from .rule import Context, evidence, put, text, texts
from .tables import MOTION_PHOTO_FLAGS, MOTION_PHOTO_SEMANTIC

# What each kind of trailer is, in the dialog's words.
# What each kind of trailer is, in the dialog's words: the sentence that says it.
WORDS: dict[TrailerKind, str] = {
    "video": N_("A video is hidden after the end of the image."),
    "image": N_("Another image is hidden after the end of the image."),
    "zip": N_("A ZIP archive is hidden after the end of the image."),
    "rar": N_("A RAR archive is hidden after the end of the image."),
    "7z": N_("A 7-Zip archive is hidden after the end of the image."),
    "pdf": N_("A PDF document is hidden after the end of the image."),
    "samsung": N_("Samsung camera data is hidden after the end of the image."),
}
# What the details view names it.
CONTENT: dict[TrailerKind, str] = {
    "video": "a video", "image": "another image", "zip": "a ZIP archive",
    "rar": "a RAR archive", "7z": "a 7-Zip archive", "pdf": "a PDF document",
    "samsung": "Samsung camera data",
}  # fmt: skip
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
        if seconds and seconds >= 1:
            message = _("A {seconds}-second video is hidden after the photo (motion photo).")
        else:
            message = _("A video is hidden after the photo (motion photo).")
        message = message.format(seconds=decimal(round(seconds or 0)))
        put(details, "Trailer:content", "motion photo video")
        return [Finding(Kind.APPENDED_DATA, Severity.HIGH, message, details)]
    amount = size_label(trailer.length)
    if trailer.padding:
        message = _("It has {size} of empty padding after the end of the image.").format(
            size=amount
        )
        return [Finding(Kind.APPENDED_DATA, Severity.LOW, message, details)]
    if trailer.kind is not None:
        put(details, "Trailer:content", CONTENT[trailer.kind])
        message = _(WORDS[trailer.kind])
    else:
        message = _("It has {size} of hidden data after the end of the image.").format(size=amount)
    stray = trailer.kind is None and trailer.length < STRAY_BYTES
    return [Finding(Kind.APPENDED_DATA, Severity.LOW if stray else Severity.HIGH, message, details)]


def _says_motion(tag: Tag) -> bool:
    if tag.name.endswith("Semantic"):
        return any(v.casefold() == MOTION_PHOTO_SEMANTIC for v in texts(tag.value))
    return text(tag.value) == "1" or tag.value == 1
