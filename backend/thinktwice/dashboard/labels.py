"""The history's vocabularies in people's words: kinds, verdicts, decisions, ranges.

Tables only; a value missing from a table (a kind added by a newer engine) is
shown by `label()` as its own name with underscores turned into spaces.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..history import NO_SITE

# In the order the filters offer them (the engine's Kind order).
KINDS: dict[str, str] = {
    "location": "Location",
    "device_serial": "Camera serial number",
    "device_model": "Camera model",
    "person_name": "Names",
    "contact_info": "Contact details",
    "capture_time": "Time taken",
    "thumbnail": "Hidden thumbnail",
    "hidden_image": "Hidden pictures",
    "appended_data": "Data after the image",
    "editing_history": "Editing history",
    "comment": "Comments",
    "nudity": "Intimate content",
    "face": "Visible face",
    "code": "QR code or barcode",
    "text": "Visible text",
}

VERDICTS: dict[str, str] = {
    "none": "Nothing found",
    "info": "Info",
    "low": "Low",
    "medium": "Medium",
    "high": "High",
    "critical": "Critical",
}

# The severity filter keeps verdicts at least this severe.
SEVERITY_FILTER: dict[str, str] = {
    "info": "Info or worse",
    "low": "Low or worse",
    "medium": "Medium or worse",
    "high": "High or worse",
    "critical": "Critical only",
}

# Severities that count as a warning, worst first: the chart stacks them.
WARNING_SEVERITIES = ("critical", "high", "medium", "low")

DECISIONS: dict[str, str] = {
    "sent_cleaned": "Sent cleaned copy",
    "sent_blurred": "Sent with face hidden",
    "sent_original": "Sent original",
    "cancelled": "Cancelled",
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


def size_label(size: int) -> str:
    """Bytes in decimal units, as file browsers show them: "2.4 MB"."""
    value = float(size)
    for unit in ("bytes", "KB", "MB"):
        if value < 1000:
            return f"{size} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} GB"


def plural(count: int, one: str, many: str | None = None) -> str:
    """A count and its noun: "1 warning", "2 warnings", "1,204 warnings"."""
    word = one if count == 1 else (many or one + "s")
    return f"{count:,} {word}"
