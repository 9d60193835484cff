"""IPTC-IIM: the newsroom metadata (captions, by-lines, places) in JPEG, TIFF and PSD.

A stream is a run of datasets: 0x1C, record number, dataset number, a 2-byte
big-endian length (or, with the top bit set, the count of bytes holding an
extended length), then the data. Record 1 is the envelope (1:90 declares the
character set), record 2 the application record people fill in; repeated
datasets (Keywords) are separate tags, as exiftool shows them.

Text is UTF-8 when 1:90 says ESC % G; otherwise UTF-8 when the bytes are valid
UTF-8 (modern writers often omit 1:90) and Latin-1 when they are not.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field
from typing import Any

from ..records import Picture, Tag

GROUP = "IPTC"
MAX_DATASETS = 10000
MAX_BINARY = 256
_UTF8_MARKERS = (b"\x1b%G", b"\x1b%/G", b"\x1b%/I")

# (record, dataset) -> exiftool name (exiftool -listx -IPTC:All).
# fmt: off
NAMES: dict[tuple[int, int], str] = {
    (1, 0): "EnvelopeRecordVersion", (1, 5): "Destination", (1, 20): "FileFormat",
    (1, 22): "FileVersion", (1, 30): "ServiceIdentifier", (1, 40): "EnvelopeNumber",
    (1, 50): "ProductID", (1, 60): "EnvelopePriority", (1, 70): "DateSent",
    (1, 80): "TimeSent", (1, 90): "CodedCharacterSet", (1, 100): "UniqueObjectName",
    (1, 120): "ARMIdentifier", (1, 122): "ARMVersion",
    (2, 0): "ApplicationRecordVersion", (2, 3): "ObjectTypeReference",
    (2, 4): "ObjectAttributeReference", (2, 5): "ObjectName", (2, 7): "EditStatus",
    (2, 8): "EditorialUpdate", (2, 10): "Urgency", (2, 12): "SubjectReference",
    (2, 15): "Category", (2, 20): "SupplementalCategories", (2, 22): "FixtureIdentifier",
    (2, 25): "Keywords", (2, 26): "ContentLocationCode", (2, 27): "ContentLocationName",
    (2, 30): "ReleaseDate", (2, 35): "ReleaseTime", (2, 37): "ExpirationDate",
    (2, 38): "ExpirationTime", (2, 40): "SpecialInstructions", (2, 42): "ActionAdvised",
    (2, 45): "ReferenceService", (2, 47): "ReferenceDate", (2, 50): "ReferenceNumber",
    (2, 55): "DateCreated", (2, 60): "TimeCreated", (2, 62): "DigitalCreationDate",
    (2, 63): "DigitalCreationTime", (2, 65): "OriginatingProgram", (2, 70): "ProgramVersion",
    (2, 75): "ObjectCycle", (2, 80): "By-line", (2, 85): "By-lineTitle", (2, 90): "City",
    (2, 92): "Sub-location", (2, 95): "Province-State",
    (2, 100): "Country-PrimaryLocationCode", (2, 101): "Country-PrimaryLocationName",
    (2, 103): "OriginalTransmissionReference", (2, 105): "Headline", (2, 110): "Credit",
    (2, 115): "Source", (2, 116): "CopyrightNotice", (2, 118): "Contact",
    (2, 120): "Caption-Abstract", (2, 121): "LocalCaption", (2, 122): "Writer-Editor",
    (2, 125): "RasterizedCaption", (2, 130): "ImageType", (2, 131): "ImageOrientation",
    (2, 135): "LanguageIdentifier", (2, 150): "AudioType", (2, 151): "AudioSamplingRate",
    (2, 152): "AudioSamplingResolution", (2, 153): "AudioDuration", (2, 154): "AudioOutcue",
    (2, 184): "JobID", (2, 185): "MasterDocumentID", (2, 186): "ShortDocumentID",
    (2, 187): "UniqueDocumentID", (2, 188): "OwnerID", (2, 200): "ObjectPreviewFileFormat",
    (2, 201): "ObjectPreviewFileVersion", (2, 202): "ObjectPreviewData", (2, 221): "Prefs",
    (2, 225): "ClassifyState", (2, 228): "SimilarityIndex", (2, 230): "DocumentNotes",
    (2, 231): "DocumentHistory", (2, 232): "ExifCameraInfo", (2, 255): "CatalogSets",
}
# fmt: on

# Datasets that hold a 2-byte number rather than text.
NUMBERS = frozenset({(1, 0), (1, 20), (1, 22), (2, 0), (2, 200), (2, 201)})
# Binary datasets (records 3 and up are all binary image-description data).
BINARY = frozenset({(2, 125), (2, 202)})
PREVIEW = (2, 202)


@dataclass(slots=True)
class IptcData:
    """The tags of one IPTC stream, its preview picture if any, and problems."""

    tags: list[Tag] = field(default_factory=list)
    pictures: list[Picture] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def decode(data: bytes) -> IptcData:
    """Every dataset of an IPTC-IIM stream as a tag. Never raises for malformed input."""
    out = IptcData()
    utf8 = False
    pos, end = 0, len(data)
    for _ in range(MAX_DATASETS):
        if pos + 5 > end or data[pos] != 0x1C:
            if data[pos:].strip(b"\0"):  # trailing zero padding is normal; anything else not
                out.problems.append(f"IPTC: no dataset marker at byte {pos} of {end}")
            return out
        record, number = data[pos + 1], data[pos + 2]
        (size,) = struct.unpack_from(">H", data, pos + 3)
        pos += 5
        if size & 0x8000:  # extended length: the low bits say how many bytes hold it
            width = size & 0x7FFF
            if not 1 <= width <= 4 or pos + width > end:
                out.problems.append(f"IPTC: dataset {record}:{number} has a bad length field")
                return out
            size = int.from_bytes(data[pos : pos + width], "big")
            pos += width
        if pos + size > end:
            out.problems.append(
                f"IPTC: dataset {record}:{number} at byte {pos} claims {size} bytes, "
                f"{end - pos} left"
            )
            return out
        raw = data[pos : pos + size]
        pos += size
        if (record, number) == (1, 90):
            utf8 = raw.startswith(_UTF8_MARKERS)
        if (record, number) == PREVIEW:
            out.pictures.append(Picture("preview", "IPTC", raw))
        name = NAMES.get((record, number), f"IPTC_{record}_{number}")
        out.tags.append(Tag(GROUP, name, _value(record, number, raw, utf8)))
    out.problems.append(f"IPTC: more than {MAX_DATASETS} datasets, the rest is skipped")
    return out


def _value(record: int, number: int, raw: bytes, utf8: bool) -> Any:
    key = (record, number)
    if key in NUMBERS and len(raw) <= 4:
        return int.from_bytes(raw, "big")
    if key in BINARY or record > 2:
        return raw if len(raw) <= MAX_BINARY else f"<{len(raw)} bytes>"
    raw = raw.rstrip(b"\0")
    if utf8:
        return raw.decode("utf-8", "replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")
