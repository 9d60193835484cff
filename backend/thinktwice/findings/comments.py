"""Comments: titles, descriptions, keywords and notes someone wrote into the file.

Cameras fill some of these fields with their own name or a stock phrase
("OLYMPUS DIGITAL CAMERA"); those say nothing and are skipped. Editors that sign
a comment ("Created with GIMP") belong to the editing trail, not here. Free text
under keys no other rule knows (a PNG "parameters" chunk with an image
generator's prompt, say) is reported too, as a note.
"""

from __future__ import annotations

import re
from collections.abc import Set as AbstractSet

from ..i18n import N_, _, ngettext
from ..models import Finding, Kind, Metadata, Severity
from ..records import Tag
from .device import device_tags
from .editing import editor_names
from .rule import Context, TagTable, distinct, evidence, quote, text, texts
from .tables import (
    CAPTURE_IDS,
    COMMENT_FIELDS,
    CONTACT_FIELDS,
    CONTACT_TEXT,
    DEVICE_ROLES,
    DOCUMENT_IDS,
    EDIT_SETTINGS,
    HIDDEN_IMAGE_DECLARATIONS,
    HISTORY,
    LOCATION_EVIDENCE,
    MACHINE_TEXT_KEYS,
    MEANINGLESS_COMMENT_PATTERNS,
    MEANINGLESS_COMMENTS,
    METADATA_KEYS,
    METADATA_TRACKS,
    MOTION_PHOTO_FLAGS,
    PEOPLE_SHOWN,
    PERSON_NAMES,
    PLACE_LEVELS,
    POSITION_TEXT,
    ROUTE_ENDS,
    ROUTE_POINTS,
    SERIAL_NUMBERS,
    SOFTWARE,
    THUMBNAIL_TAGS,
    TIME_EVIDENCE,
    TIME_SOURCES,
)

UNKNOWN_TEXT = N_("a text note")
_MEANINGLESS = tuple(re.compile(pattern) for pattern in MEANINGLESS_COMMENT_PATTERNS)
# Every table whose tags some rule reports: free-text entries outside all of
# them are still reported here, as notes.
CLAIMED: tuple[TagTable, ...] = (
    *(t for _, t in PLACE_LEVELS), LOCATION_EVIDENCE, SERIAL_NUMBERS, CAPTURE_IDS,
    *(t for _, t in DEVICE_ROLES), PERSON_NAMES, PEOPLE_SHOWN,
    *(t for _, t in CONTACT_FIELDS), CONTACT_TEXT, SOFTWARE, HISTORY, DOCUMENT_IDS,
    EDIT_SETTINGS, *(t for _, t in COMMENT_FIELDS),
    *(t for s in TIME_SOURCES for t in (s.date, s.time, s.offset) if t is not None),
    TIME_EVIDENCE, THUMBNAIL_TAGS, *(t for _, t in HIDDEN_IMAGE_DECLARATIONS),
    MOTION_PHOTO_FLAGS, POSITION_TEXT, ROUTE_POINTS, ROUTE_ENDS, METADATA_TRACKS, METADATA_KEYS,
)  # fmt: skip


def comment(metadata: Metadata, context: Context) -> list[Finding]:
    """Text a person wrote: titles, descriptions, comments, keywords, notes."""
    device_words = _device_words(context)
    found: list[tuple[str, Tag, str]] = []
    for noun, table in COMMENT_FIELDS:
        found += [(noun, tag, value) for tag in table.select(context.tags)
                  for value in _meaningful(tag, device_words)]  # fmt: skip
    found += [(UNKNOWN_TEXT, tag, value) for tag in context.text if _unclaimed(tag)
              for value in _meaningful(tag, device_words)]  # fmt: skip
    if not found:
        return []
    noun, _tag, first = found[0]
    others = len({value.casefold() for _n, _t, value in found}) - 1
    if others:
        message = ngettext(
            "It contains {what}: {text} (and {n} more text).",
            "It contains {what}: {text} (and {n} more texts).",
            others,
        )
    else:
        message = _("It contains {what}: {text}.")
    message = message.format(what=_(noun), text=quote(first), n=others)
    details = evidence(distinct(tag for _n, tag, _v in found))
    return [Finding(Kind.COMMENT, Severity.MEDIUM, message, details)]


def meaningless(value: str, device_words: AbstractSet[str] = frozenset()) -> bool:
    """Whether a comment is a camera's or tool's stock text rather than a person's."""
    folded = value.casefold()
    return (
        folded in MEANINGLESS_COMMENTS
        or folded in device_words
        or any(p.match(value) for p in _MEANINGLESS)
    )


def _meaningful(tag: Tag, device_words: AbstractSet[str]) -> list[str]:
    if editor_names(tag):
        return []
    # Keywords and other lists read as one text: "home, private".
    joined = text(tag.value) if isinstance(tag.value, tuple | list) else None
    pieces = [joined] if joined else texts(tag.value)
    return [p for p in pieces if not meaningless(p, device_words)]


def _device_words(context: Context) -> set[str]:
    # Cameras that write their own name as the description ("NIKON D70", "Canon").
    values = [text(t.value) for t in device_tags(context)]
    words = {v.casefold() for v in values if v}
    words |= {f"{a} {b}" for a in words for b in words}
    return words


def _unclaimed(tag: Tag) -> bool:
    return not tag.name.startswith(MACHINE_TEXT_KEYS) and not any(t.matches(tag) for t in CLAIMED)
