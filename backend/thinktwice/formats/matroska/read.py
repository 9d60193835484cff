"""What a Matroska file's metadata elements say, read out as a `Container`'s entries.

Entries are named in exiftool's spirit, group "Matroska": the Segment Info's Title,
DateUTC (as "DateTimeOriginal"), UUIDs (hex), MuxingApp, WritingApp and file names;
each track's Name ("TrackName"); each chapter's and edition's string ("ChapterName"); each
SimpleTag by the name TAGS gives it. An ISO 6709 LOCATION ("+48.8584+002.2945/") is
split into GPSLatitude and GPSLongitude, so the findings read it like any GPS.
Attached pictures are `Picture`s; other attachments (fonts...) are named.

Policy: tolerant below the top level. These elements are rewritten or dropped by
the cleaner, so one that does not parse is named in `Container.extra` rather than
failing the file.
"""

from __future__ import annotations

import re

from ...errors import CorruptImage
from ...records import Container, Picture, TextEntry
from ...structure.boxes import Readable
from . import ids
from .ebml import Element, children, date, text, uint
from .layout import Layout

GROUP = "Matroska"
MEDIA_TYPES = {"webm": "video/webm", "mkv": "video/x-matroska"}
MAX_PICTURE = 16 * 1024 * 1024  # a bigger attached picture is named, not read
_ISO6709 = re.compile(r"^\s*([+-]\d+(?:\.\d+)?)([+-]\d+(?:\.\d+)?)([+-]\d+(?:\.\d+)?)?")

INFO_STRINGS = {
    ids.TITLE: "Title", ids.MUXING_APP: "MuxingApp", ids.WRITING_APP: "WritingApp",
    ids.SEGMENT_FILENAME: "SegmentFilename", ids.PREV_FILENAME: "PrevFilename",
    ids.NEXT_FILENAME: "NextFilename",
}  # fmt: skip
UUIDS = {ids.SEGMENT_UUID: "SegmentUUID", ids.PREV_UUID: "PrevUUID", ids.NEXT_UUID: "NextUUID"}
# SimpleTag names (compared upper-cased) -> entry name. Matroska's own, and the keys
# FFmpeg copies from phone videos it remuxes.
TAGS: dict[str, str] = {
    "TITLE": "Title", "SUBTITLE": "Title", "DESCRIPTION": "Description",
    "SUMMARY": "Description", "SYNOPSIS": "Description", "COMMENT": "Comment",
    "KEYWORDS": "Keywords", "ARTIST": "Artist", "AUTHOR": "Author", "COMPOSER": "Composer",
    "DIRECTOR": "Director", "PRODUCER": "Producer", "PERFORMER": "Performer",
    "LEAD_PERFORMER": "Performer", "ACTOR": "Performer", "COPYRIGHT": "Copyright",
    "PUBLISHER": "Publisher", "ENCODED_BY": "EncodedBy", "ENCODER": "Encoder",
    "WRITING_APP": "Encoder", "DATE_RECORDED": "DateRecorded", "DATE_RELEASED": "DateReleased",
    "DATE_ENCODED": "DateEncoded", "DATE_TAGGED": "DateTagged", "DATE": "DateRecorded",
    "CREATION_TIME": "DateRecorded", "LOCATION": "GPSCoordinates",
    "RECORDING_LOCATION": "GPSCoordinates", "COMPOSITION_LOCATION": "LocationName",
    "MAKE": "Make", "MODEL": "Model",
    "COM.APPLE.QUICKTIME.MAKE": "Make", "COM.APPLE.QUICKTIME.MODEL": "Model",
    "COM.APPLE.QUICKTIME.SOFTWARE": "Encoder",
    "COM.APPLE.QUICKTIME.CREATIONDATE": "DateRecorded",
    "COM.APPLE.QUICKTIME.LOCATION.ISO6709": "GPSCoordinates",
    "COM.ANDROID.MANUFACTURER": "Make", "COM.ANDROID.MODEL": "Model",
    "COM.ANDROID.VERSION": "Encoder",
}  # fmt: skip
# Tags that say nothing of anyone: how long a track is, how many frames.
PLAIN_TAGS = frozenset({"DURATION", "NUMBER_OF_FRAMES", "NUMBER_OF_BYTES", "BPS",
                        "_STATISTICS_TAGS", "_STATISTICS_WRITING_APP",
                        "_STATISTICS_WRITING_DATE_UTC", "HANDLER_NAME", "VENDOR_ID"})  # fmt: skip


def read_metadata(data: Readable, layout: Layout) -> Container:
    """Everything identifying the metadata elements of `layout` hold, as a Container."""
    container = Container(format=layout.kind, media_type=MEDIA_TYPES[layout.kind])
    readers = {
        ids.INFO: _info, ids.TRACKS: _tracks, ids.TAGS: _tags,
        ids.ATTACHMENTS: _attachments, ids.CHAPTERS: _chapters,
    }  # fmt: skip
    for element in layout.top:
        reader = readers.get(element.id)
        if reader is None:
            continue
        try:
            reader(data, element, container)
        except CorruptImage as exc:
            container.note(f"an unreadable Matroska {ids.name(element.id)} ({exc.reason})")
    return container


def _info(data: Readable, info: Element, container: Container) -> None:
    for child in children(data, info, 1, "Info"):
        if child.id in INFO_STRINGS:
            _text(container, INFO_STRINGS[child.id], text(data, child))
        elif child.id in UUIDS:  # one file's (or its neighbours') own: it links copies
            _text(container, UUIDS[child.id], bytes(data[child.start : child.end]).hex())
        elif child.id == ids.DATE_UTC:
            _text(container, "DateTimeOriginal", date(data, child))


def _tracks(data: Readable, tracks: Element, container: Container) -> None:
    for entry in children(data, tracks, 1, "Tracks"):
        if entry.id != ids.TRACK_ENTRY:
            continue
        for child in children(data, entry, 2, "TrackEntry"):
            if child.id == ids.NAME:
                _text(container, "TrackName", text(data, child))
            elif child.id == ids.CODEC_NAME:
                _text(container, "CodecName", text(data, child))
            elif child.id == ids.VIDEO and container.width is None:
                _size(data, child, container)


def _size(data: Readable, video: Element, container: Container) -> None:
    for child in children(data, video, 3, "Video"):
        if child.id == ids.PIXEL_WIDTH:
            container.width = uint(data, child)
        elif child.id == ids.PIXEL_HEIGHT:
            container.height = uint(data, child)


def _tags(data: Readable, tags: Element, container: Container) -> None:
    container.note("Matroska Tags")
    for tag in children(data, tags, 1, "Tags"):
        if tag.id == ids.TAG:
            _simple_tags(data, tag, 2, container)


def _simple_tags(data: Readable, parent: Element, depth: int, container: Container) -> None:
    for simple in children(data, parent, depth, "Tag"):
        if simple.id != ids.SIMPLE_TAG:
            continue
        fields = {c.id: c for c in children(data, simple, depth + 1, "SimpleTag")}
        key = text(data, fields[ids.TAG_NAME]) if ids.TAG_NAME in fields else ""
        value = text(data, fields[ids.TAG_STRING]) if ids.TAG_STRING in fields else ""
        name = TAGS.get(key.upper())
        if name is not None:
            _text(container, name, value)
        elif key.upper() not in PLAIN_TAGS:
            container.note(f"a Matroska tag {key!r}")
        _simple_tags(data, simple, depth + 1, container)  # SimpleTags nest


def _attachments(data: Readable, attachments: Element, container: Container) -> None:
    for attached in children(data, attachments, 1, "Attachments"):
        if attached.id != ids.ATTACHED_FILE:
            continue
        fields = {c.id: c for c in children(data, attached, 2, "AttachedFile")}
        name = text(data, fields[ids.FILE_NAME]) if ids.FILE_NAME in fields else ""
        media_type = (
            text(data, fields[ids.FILE_MEDIA_TYPE]) if ids.FILE_MEDIA_TYPE in fields else ""
        )
        payload = fields.get(ids.FILE_DATA)
        source = f"attachment {name!r}"
        if media_type.startswith("image/") and payload is not None:
            small = payload.size <= MAX_PICTURE
            picture = bytes(data[payload.start : payload.end]) if small else None
            container.pictures.append(Picture("extra_image", source, picture, media_type))
        else:
            container.note(f"an attached file {name!r} ({media_type or 'of no stated type'})")
        if ids.FILE_DESCRIPTION in fields:
            _text(container, "AttachmentDescription", text(data, fields[ids.FILE_DESCRIPTION]))


def _chapters(data: Readable, chapters: Element, container: Container) -> None:
    _chapter_strings(data, chapters, 1, container)


def _chapter_strings(data: Readable, parent: Element, depth: int, container: Container) -> None:
    for child in children(data, parent, depth, "Chapters"):
        if child.id in (ids.CHAP_STRING, ids.EDITION_STRING):
            _text(container, "ChapterName", text(data, child))
        elif child.id in CHAPTER_MASTERS:
            _chapter_strings(data, child, depth + 1, container)


CHAPTER_MASTERS = frozenset({ids.EDITION_ENTRY, ids.CHAPTER_ATOM, ids.CHAPTER_DISPLAY,
                             ids.EDITION_DISPLAY})  # fmt: skip


def _text(container: Container, name: str, value: str) -> None:
    value = value.strip("\0 ")
    if not value:
        return
    match = _ISO6709.match(value) if name == "GPSCoordinates" else None
    if match:
        container.text.append(TextEntry(GROUP, "GPSLatitude", str(float(match[1]))))
        container.text.append(TextEntry(GROUP, "GPSLongitude", str(float(match[2]))))
        if match[3]:
            container.text.append(TextEntry(GROUP, "GPSAltitude", str(float(match[3]))))
        return
    if name == "GPSCoordinates":
        name = "LocationName"  # a place written out, not coordinates
    container.text.append(TextEntry(GROUP, name, value))
