"""A video's metadata tracks: the timed data a phone or camera writes beside the
pictures and sound, which the cleaner removes with their samples.

The format says what each removed track declares it holds (formats/video/tracks.py:
"MetadataTrack" its handler and sample entry, "MetadataKeys" Apple's 'mebx' keys or
another entry's MIME type). An iPhone writes the faces it detected in every frame,
its Live Photo data and how it was held; a camera a timecode (the time of day it
was filmed); an Android phone tracks of its own. A track that records a route is
said as a route (route.py). Faces are MEDIUM: where someone's face is, frame by
frame, and an identifier per face; the rest LOW.
"""

from __future__ import annotations

from ..i18n import N_, _, ngettext
from ..models import Finding, Kind, Metadata, Severity
from .rule import Context, evidence, listing, quote, text
from .tables import METADATA_KEYS, METADATA_TRACKS

# What a track's keys hold, by the key's prefix; the first match names it.
KEY_WORDS: tuple[tuple[str, str], ...] = (
    ("com.apple.quicktime.detected-face", N_("the faces it detected in each frame")),
    ("com.apple.quicktime.live-photo", N_("its Live Photo data")),
    ("com.apple.quicktime.still-image-time", N_("its Live Photo data")),
    ("com.apple.quicktime.video-orientation", N_("how the phone was held")),
    ("com.apple.quicktime.location", N_("where it was at each moment")),
    ("com.apple.quicktime.camera", N_("the camera's settings for each frame")),
)
FACE_KEYS = "com.apple.quicktime.detected-face"
# What a track is when its keys say nothing known, by its sample entry.
ENTRY_WORDS = {"tmcd": N_("a timecode (the time of day it was filmed)")}


def metadata_tracks(metadata: Metadata, context: Context) -> list[Finding]:
    """ "It has 3 metadata tracks beside its picture and sound: where the faces…"."""
    tracks = METADATA_TRACKS.select(context.tags)
    if not tracks:
        return []
    keys = {tag.group: text(tag.value) for tag in METADATA_KEYS.select(context.tags)}
    held = list(dict.fromkeys(_held(text(t.value), keys.get(t.group, "")) for t in tracks))
    message = ngettext(
        "It has a metadata track beside its picture and sound: {held}.",
        "It has {n} metadata tracks beside its picture and sound: {held}.",
        len(tracks),
    ).format(n=len(tracks), held=listing(held, 4))
    faces = any(FACE_KEYS in value for value in keys.values())
    severity = Severity.MEDIUM if faces else Severity.LOW
    details = evidence([*tracks, *METADATA_KEYS.select(context.tags)])
    return [Finding(Kind.APPENDED_DATA, severity, message, details)]


def _held(kind: str, keys: str) -> str:
    """What one track holds, in words, from its "handler/entry" and its keys."""
    for prefix, words in KEY_WORDS:
        if prefix in keys:
            return _(words)
    entry = kind.partition("/")[2]
    if entry in ENTRY_WORDS:
        return _(ENTRY_WORDS[entry])
    named = keys.partition(";")[0] or entry
    return _("data in a format of its own ({format})").format(format=quote(named, 40))
