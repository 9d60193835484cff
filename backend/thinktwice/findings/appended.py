"""Appended data: bytes after the end of the image, above all motion-photo videos.

Motion photos (a JPEG or HEIC with an MP4 clip glued after it, or in HEIC's 'mpvd'
box) are said by XMP (GCamera:MotionPhoto, a Container directory item with Semantic
"MotionPhoto"), by Samsung's SEF blocks or by the clip itself: "It holds a 3-second
video (a motion photo, 2.2 MB)". Known trailers (Samsung SEF, AFCP, FotoStation),
and Samsung's SEF blocks a HEIC keeps in a 'sefd' box, are said by the blocks they
hold, in people's words; what those blocks reveal (times, places, names) the other
rules report from their tags. Other trailers are named by their kind; the rest is
"hidden data". A trailer of only zero (or 0xFF) bytes is padding some cameras
write, and a few stray bytes are what sloppy writers leave: LOW.
"""

from __future__ import annotations

from ..models import Finding, Kind, Metadata, Severity
from ..records import Clip, Tag, TrailerBlock, TrailerContent, TrailerKind
from ..units import size_label
from .rule import Context, evidence, listing, put, quote, text, texts
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
# Who wrote a known trailer (TrailerBlock.source), and what its blocks hold.
SOURCES = {
    "Samsung SEF": "Samsung camera data",
    "AFCP": "an AFCP block",
    "FotoStation": "a FotoStation block",
    "IPTC": "an IPTC block",
}
BLOCKS = {
    "Image_UTC_Data": "the time it was taken",
    "MCC_Data": "the country of the mobile network",
    "MotionPhoto_Data": "a motion photo video",
    "IPTC": "captions, names and places (IPTC)",
    "TEXT": "text",
    "Nail": "a thumbnail",
    "ThumbnailImage": "a thumbnail",
    "PrVw": "a preview image",
    "PreviewImage": "a preview image",
    "SoftEdit": "crop settings",
}
BLOCK_PREFIXES = {"DualShot_DepthMap": "a depth map", "SingeShot_DepthMap": "a depth map"}
STRAY_BYTES = 16  # fewer unidentified bytes than this cannot hide a picture or a file: LOW


def appended_data(metadata: Metadata, context: Context) -> list[Finding]:
    """What sits after the end of the image (or in a video box of its own), clips first."""
    found = [_clip(clip, {"Clip:source": clip.source}, "Clip") for clip in metadata.clips]
    if metadata.blocks:
        details: dict[str, str] = {}
        for block in metadata.blocks:
            put(details, f"Block:{block.source}", f"{block.name} ({size_label(block.length)})")
        message = _blocks(tuple(metadata.blocks), "in a box of its own")
        found.append(Finding(Kind.APPENDED_DATA, Severity.HIGH, message, details))
    trailer = metadata.trailer
    if trailer is not None and trailer.length > 0:
        found.append(_trailer(trailer, context))
    return found


def _trailer(trailer: TrailerContent, context: Context) -> Finding:
    flags = [t for t in MOTION_PHOTO_FLAGS.select(context.tags) if _says_motion(t)]
    details = {
        "Trailer:offset": str(trailer.offset),
        "Trailer:length": f"{trailer.length} bytes",
        "Trailer:start": trailer.start,
    }
    evidence(flags, details)
    for block in trailer.blocks:
        put(details, f"Trailer:{block.source}", f"{block.name} ({size_label(block.length)})")
    if trailer.clip is not None:
        return _clip(trailer.clip, details)
    if flags or trailer.kind == "video" or trailer.motion:
        return _clip(Clip("trailer", trailer.length, trailer.seconds), details)
    amount = size_label(trailer.length)
    if trailer.padding:
        message = f"It has {amount} of empty padding after the end of the image."
        return Finding(Kind.APPENDED_DATA, Severity.LOW, message, details)
    if trailer.blocks:
        message = _blocks(trailer.blocks, "after the end of the image")
        return Finding(Kind.APPENDED_DATA, Severity.HIGH, message, details)
    if trailer.kind is not None:
        what = WORDS[trailer.kind]
        put(details, "Trailer:content", what)
        message = f"{what[0].upper()}{what[1:]} is hidden after the end of the image."
    else:
        message = f"It has {amount} of hidden data after the end of the image."
    stray = trailer.kind is None and trailer.length < STRAY_BYTES
    return Finding(Kind.APPENDED_DATA, Severity.LOW if stray else Severity.HIGH, message, details)


def _clip(clip: Clip, details: dict[str, str], where: str = "Trailer") -> Finding:
    """ "It holds a 3-second video (a motion photo, 2.2 MB)."."""
    seconds = clip.seconds
    length = f"{round(seconds)}-second " if seconds and seconds >= 1 else ""
    message = f"It holds a {length}video (a motion photo, {size_label(clip.length)})."
    details = {**details, f"{where}:content": "motion photo video"}
    if seconds is not None:
        details["Clip:duration"] = f"{seconds:.1f} s"
    return Finding(Kind.APPENDED_DATA, Severity.HIGH, message, details)


def _blocks(blocks: tuple[TrailerBlock, ...], where: str) -> str:
    """ "It has Samsung camera data after the end of the image: the time it was taken…"."""
    sources = list(dict.fromkeys(SOURCES.get(block.source, block.source) for block in blocks))
    held = list(dict.fromkeys(_words(block.name) for block in blocks))
    return f"It has {listing(sources)} {where}: {listing(held, 4)}."


def _words(name: str) -> str:
    for prefix, words in BLOCK_PREFIXES.items():
        if name.startswith(prefix):
            return words
    return BLOCKS.get(name) or f"a block named {quote(name, 40)}"


def _says_motion(tag: Tag) -> bool:
    if tag.name.endswith("Semantic"):
        return any(v.casefold() == MOTION_PHOTO_SEMANTIC for v in texts(tag.value))
    return text(tag.value) == "1" or tag.value == 1
