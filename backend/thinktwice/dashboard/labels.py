"""The history's vocabularies in people's words: kinds, verdicts, decisions, ranges.

The vocabularies themselves are the engine's (Kind, Severity) and the history's
(Decision, VERDICTS); the tables here give each value its English words, which
`label()` (and the templates, through `_()`) say in the request's language. A value missing
from a table (a kind added by a newer engine) is shown by `label()` as its own
name with underscores turned into spaces.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..history import NO_SITE, WARNINGS, Decision
from ..i18n import N_, _, ngettext
from ..i18n.formats import decimal
from ..models import Kind

# In the order the filters offer them (the engine's Kind order).
KINDS: dict[str, str] = {
    Kind.LOCATION: N_("Location"),
    Kind.DEVICE_SERIAL: N_("Camera serial number"),
    Kind.DEVICE_MODEL: N_("Camera model"),
    Kind.PERSON_NAME: N_("Names"),
    Kind.CONTACT_INFO: N_("Contact details"),
    Kind.CAPTURE_TIME: N_("Time taken"),
    Kind.THUMBNAIL: N_("Hidden thumbnail"),
    Kind.HIDDEN_IMAGE: N_("Hidden pictures"),
    Kind.APPENDED_DATA: N_("Data after the image"),
    Kind.EDITING_HISTORY: N_("Editing history"),
    Kind.COMMENT: N_("Comments"),
    Kind.NUDITY: N_("Intimate content"),
    Kind.FACE: N_("Visible face"),
    Kind.CODE: N_("QR code or barcode"),
    Kind.TEXT: N_("Visible text"),
}

VERDICTS: dict[str, str] = {
    "none": N_("Nothing found"), "info": N_("Info"), "low": N_("Low"), "medium": N_("Medium"),
    "high": N_("High"), "critical": N_("Critical"),
}  # fmt: skip

# The severity filter keeps verdicts at least this severe.
SEVERITY_FILTER: dict[str, str] = {
    "info": N_("Info or worse"), "low": N_("Low or worse"), "medium": N_("Medium or worse"),
    "high": N_("High or worse"), "critical": N_("Critical only"),
}  # fmt: skip

# Severities that count as a warning, worst first: the chart stacks them.
WARNING_SEVERITIES = WARNINGS[::-1]

DECISIONS: dict[str, str] = {
    Decision.SENT_CLEANED: N_("Sent cleaned copy"),
    Decision.SENT_FACES_HIDDEN: N_("Sent with face hidden"),
    Decision.SENT_ORIGINAL: N_("Sent original"),
    Decision.CANCELLED: N_("Cancelled"),
    "none": N_("No decision"),
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
    "7": (7, N_("7 days")),
    "30": (30, N_("30 days")),
    "90": (90, N_("90 days")),
    "all": (None, N_("Everything")),
}
DEFAULT_RANGE = "all"

RETENTION_CHOICES = (7, 30, 90, 180, 365, 730)


def label(table: Mapping[str, str], value: str | None) -> str:
    """`value` in words from `table`, in the current language; unknown values as
    themselves, readable."""
    if value is None:
        return _(table["none"]) if "none" in table else ""
    known = table.get(value)
    return _(known) if known else value.replace("_", " ").capitalize()


def site_label(site: str | None) -> str:
    """A site as shown: its host name, or a phrase when none was recorded."""
    return site if site and site != NO_SITE else _("No site recorded")


def entries(count: int) -> str:
    """ "1 entry", "1,204 entries", in the current language."""
    return ngettext("{n} entry", "{n} entries", count).format(n=decimal(count))


def warnings(count: int) -> str:
    """ "1 warning", "1,204 warnings", in the current language."""
    return ngettext("{n} warning", "{n} warnings", count).format(n=decimal(count))
