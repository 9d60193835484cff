"""The history's vocabularies in people's words: kinds, verdicts, decisions, ranges.

The vocabularies themselves are the engine's (Kind, Severity) and the history's
(Decision, VERDICTS); the tables here give each value its words. A value missing
from a table (a kind added by a newer engine) is shown by `label()` as its own
name with underscores turned into spaces.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..history import NO_SITE, SEVERITIES, WARNINGS, Decision
from ..models import Kind

# In the order the filters offer them (the engine's Kind order).
KINDS: dict[str, str] = {
    Kind.LOCATION: "Location",
    Kind.DEVICE_SERIAL: "Camera serial number",
    Kind.DEVICE_MODEL: "Camera model",
    Kind.PERSON_NAME: "Names",
    Kind.CONTACT_INFO: "Contact details",
    Kind.CAPTURE_TIME: "Time taken",
    Kind.THUMBNAIL: "Hidden thumbnail",
    Kind.HIDDEN_IMAGE: "Hidden pictures",
    Kind.APPENDED_DATA: "Data after the image",
    Kind.EDITING_HISTORY: "Editing history",
    Kind.COMMENT: "Comments",
    Kind.NUDITY: "Intimate content",
    Kind.FACE: "Visible face",
    Kind.CODE: "QR code or barcode",
    Kind.TEXT: "Visible text",
}

VERDICTS: dict[str, str] = {"none": "Nothing found", **{s: s.capitalize() for s in SEVERITIES}}

# The severity filter keeps verdicts at least this severe.
SEVERITY_FILTER: dict[str, str] = {
    **{s: f"{s.capitalize()} or worse" for s in SEVERITIES[:-1]},
    SEVERITIES[-1]: f"{SEVERITIES[-1].capitalize()} only",
}

# Severities that count as a warning, worst first: the chart stacks them.
WARNING_SEVERITIES = WARNINGS[::-1]

DECISIONS: dict[str, str] = {
    Decision.SENT_CLEANED: "Sent cleaned copy",
    Decision.SENT_FACES_HIDDEN: "Sent with face hidden",
    Decision.SENT_ORIGINAL: "Sent original",
    Decision.CANCELLED: "Cancelled",
    "none": "No decision",
}

FORMATS: dict[str, str] = {
    "jpeg": "JPEG",
    "png": "PNG",
    "apng": "APNG",
    "webp": "WebP",
    "gif": "GIF",
    "tiff": "TIFF",
    "heic": "HEIC",
    "heif": "HEIF",
    "avif": "AVIF",
}
# The engine's video formats (formats.video.KINDS, formats.matroska.KINDS): shown as
# videos, not photos.
VIDEO_FORMATS: dict[str, str] = {
    "mp4": "MP4",
    "mov": "MOV",
    "m4v": "M4V",
    "3gp": "3GP",
    "3g2": "3G2",
    "webm": "WebM",
    "mkv": "MKV",
}
FORMATS.update(VIDEO_FORMATS)

# The overview's periods: query value -> (days back, or None for everything; label).
RANGES: dict[str, tuple[int | None, str]] = {
    "7": (7, "7 days"),
    "30": (30, "30 days"),
    "90": (90, "90 days"),
    "all": (None, "Everything"),
}
DEFAULT_RANGE = "all"

RETENTION_CHOICES = (7, 30, 90, 180, 365, 730)


def label(table: Mapping[str, str], value: str | None) -> str:
    """`value` in words from `table`; unknown values as themselves, readable."""
    if value is None:
        return table.get("none", "")
    return table.get(value) or value.replace("_", " ").capitalize()


def site_label(site: str | None) -> str:
    """A site as shown: its host name, or a phrase when none was recorded."""
    return site if site and site != NO_SITE else "No site recorded"


def plural(count: int, one: str, many: str | None = None) -> str:
    """A count and its noun: "1 warning", "2 warnings", "1,204 warnings"."""
    word = one if count == 1 else (many or one + "s")
    return f"{count:,} {word}"
