"""Appended data: bytes after the end of the image, above all motion-photo videos.

Motion photos (a JPEG or HEIC with an MP4 clip glued after it, or in HEIC's 'mpvd'
box) are said by XMP (GCamera:MotionPhoto, a Container directory item with Semantic
"MotionPhoto"), by Samsung's SEF blocks or by the clip itself: "It holds a 3-second
video (a motion photo, 2.2 MB)". Known trailers (Samsung SEF, AFCP, FotoStation),
and those kept in a block of their own (a HEIC's or a slow-motion video's 'sefd'
box, a PNG or WebP chunk), are said by the blocks they hold, in people's words
(LOW when they only say how a video plays); what those blocks reveal (times,
places, names) the other rules report from their tags. Other trailers are named by
their kind; the rest is "hidden data". A trailer of only zero (or 0xFF) bytes is
padding some cameras write, and a few stray bytes are what sloppy writers leave:
LOW.
"""

from __future__ import annotations

from ..i18n import N_, _, ngettext
from ..i18n.formats import decimal
from ..models import Finding, Kind, Metadata, Severity
from ..records import Clip, Tag, TrailerBlock, TrailerContent, TrailerKind
from ..units import size_label
from .rule import Context, evidence, listing, put, quote, text, texts
from .tables import MOTION_PHOTO_FLAGS, MOTION_PHOTO_SEMANTIC
from .tracks import metadata_tracks

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
# Who wrote a known trailer (TrailerBlock.source), and what its blocks hold.
SOURCES = {
    "Samsung SEF": N_("Samsung camera data"),
    "AFCP": N_("an AFCP block"),
    "FotoStation": N_("a FotoStation block"),
    "IPTC": N_("an IPTC block"),
    "OnePlus": N_("OnePlus camera data"),
    "OPPO": N_("OPPO camera data"),
}
BLOCKS = {
    "Image_UTC_Data": N_("the time it was taken"),
    "MCC_Data": N_("the country of the mobile network"),
    "MotionPhoto_Data": N_("a motion photo video"),
    "IPTC": N_("captions, names and places (IPTC)"),
    "TEXT": N_("text"),
    "Nail": N_("a thumbnail"),
    "ThumbnailImage": N_("a thumbnail"),
    "PrVw": N_("a preview image"),
    "PreviewImage": N_("a preview image"),
    "SoftEdit": N_("crop settings"),
    "watermark.device": N_("the phone's name for its watermark"),
    "private.emptyspace": N_("reserved space"),
    "travel.info": N_("the name of a trip"),
    "live.subVideo": N_("a second motion photo video"),
    "hdr.transform.data": N_("HDR settings"),
    "SlowMotion_Data": N_("slow-motion settings"),
    "Super_SlowMotion_Data": N_("slow-motion settings"),
    "Super_SlowMotion_Deflickering_On": N_("slow-motion settings"),
    "Super_SlowMotion_Edit_Data": N_("slow-motion edits"),
    "Super_SlowMotion_BGM": N_("the background music chosen for it"),
    "Invalid_Data": N_("an unused block"),
}
UNUSED_BLOCK = "Invalid_Data"  # Samsung's blank block: named only when it is alone
# Samsung blocks that say how a video plays, nothing of who, where or when: LOW.
PLAYBACK_BLOCKS = frozenset({
    "SlowMotion_Data", "Super_SlowMotion_Data", "Super_SlowMotion_Deflickering_On",
    "Super_SlowMotion_Edit_Data", "Super_SlowMotion_BGM", "Invalid_Data",
})  # fmt: skip
BLOCK_PREFIXES = {"DualShot_DepthMap": N_("a depth map"), "SingeShot_DepthMap": N_("a depth map")}
# Where the blocks were found: the sentence that says what they hold.
WHERE = {
    "trailer": N_("It has {sources} after the end of the image: {held}."),
    "block": N_("It has {sources} in a block of its own: {held}."),
}
STRAY_BYTES = 16  # fewer unidentified bytes than this cannot hide a picture or a file: LOW


def appended_data(metadata: Metadata, context: Context) -> list[Finding]:
    """What sits after the end of the image (or in a box or chunk of its own), clips first,
    and a video's metadata tracks."""
    found = [_clip(clip, {"Clip:source": clip.source}, "Clip") for clip in metadata.clips]
    if metadata.blocks:
        details: dict[str, str] = {}
        for block in metadata.blocks:
            put(details, f"Block:{block.source}", f"{block.name} ({size_label(block.length)})")
        message = _blocks(tuple(metadata.blocks), "block")
        playback = all(block.name in PLAYBACK_BLOCKS for block in metadata.blocks)
        severity = Severity.LOW if playback else Severity.HIGH
        found.append(Finding(Kind.APPENDED_DATA, severity, message, details))
    trailer = metadata.trailer
    if trailer is not None and trailer.length > 0:
        found.append(_trailer(trailer, context))
    return found + metadata_tracks(metadata, context)


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
        message = _("It has {size} of empty padding after the end of the image.").format(
            size=amount
        )
        return Finding(Kind.APPENDED_DATA, Severity.LOW, message, details)
    if trailer.blocks:
        message = _blocks(trailer.blocks, "trailer")
        return Finding(Kind.APPENDED_DATA, Severity.HIGH, message, details)
    if trailer.kind is not None:
        put(details, "Trailer:content", CONTENT[trailer.kind])
        message = _(WORDS[trailer.kind])
    else:
        message = _("It has {size} of hidden data after the end of the image.").format(size=amount)
    stray = trailer.kind is None and trailer.length < STRAY_BYTES
    return Finding(Kind.APPENDED_DATA, Severity.LOW if stray else Severity.HIGH, message, details)


def _clip(clip: Clip, details: dict[str, str], where: str = "Trailer") -> Finding:
    """ "It holds a 3-second video (a motion photo, 2.2 MB)."."""
    seconds = clip.seconds
    if seconds and seconds >= 1:
        message = ngettext(
            "It holds a {seconds}-second video (a motion photo, {size}).",
            "It holds a {seconds}-second video (a motion photo, {size}).",
            round(seconds),
        )
    else:
        message = _("It holds a video (a motion photo, {size}).")
    message = message.format(seconds=decimal(round(seconds or 0)), size=size_label(clip.length))
    details = {**details, f"{where}:content": "motion photo video"}
    if seconds is not None:
        details["Clip:duration"] = f"{seconds:.1f} s"
    return Finding(Kind.APPENDED_DATA, Severity.HIGH, message, details)


def _blocks(blocks: tuple[TrailerBlock, ...], where: str) -> str:
    """ "It has Samsung camera data after the end of the image: the time it was taken…"."""
    sources = list(
        dict.fromkeys(_(SOURCES[b.source]) if b.source in SOURCES else b.source for b in blocks)
    )
    used = [block for block in blocks if block.name != UNUSED_BLOCK] or blocks
    held = list(dict.fromkeys(_words(block.name) for block in used))
    return _(WHERE[where]).format(sources=listing(sources), held=listing(held, 4))


def _words(name: str) -> str:
    for prefix, words in BLOCK_PREFIXES.items():
        if name.startswith(prefix):
            return _(words)
    if name in BLOCKS:
        return _(BLOCKS[name])
    return _("a block named {name}").format(name=quote(name, 40))


def _says_motion(tag: Tag) -> bool:
    if tag.name.endswith("Semantic"):
        return any(v.casefold() == MOTION_PHOTO_SEMANTIC for v in texts(tag.value))
    return text(tag.value) == "1" or tag.value == 1
