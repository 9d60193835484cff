"""JPEG (JFIF, Exif, MPO): marker segments, entropy-coded scans, then EOI.

Layout: SOI (FF D8), then segments, each FF, a marker byte and (except for SOI,
EOI, RSTn and TEM) a big-endian length counting itself. APPn (FF E0-EF) and COM
(FF FE) carry metadata; DQT, DHT, SOFn, DRI... describe the pixels. Each SOS
header is followed by entropy-coded data, where a data FF is stuffed as FF 00
and FF D0-D7 are restart markers, so the first other FF xx ends the scan. A
progressive image has several scans, with DHT (and possibly APPn/COM) between
them. EOI (FF D9) ends the image; phones store more after it: MPF images
(listed in APP2 "MPF"), motion-photo MP4s, Samsung trailers, gain maps.

strip keeps what decoding needs, byte for byte and in order: SOI, a JFIF APP0
rewritten without its thumbnail, a minimal APP1 Exif holding only Orientation
(when it is not 1), the ICC_PROFILE APP2 chunks and the APP14 Adobe segment
(colour transform) from before the first scan, then every non-APP, non-COM
segment and all scan data up to and including EOI. Every other APPn, every COM
(between scans too) and everything after EOI goes, except HDR gain maps (hdr.py):
an MPF image that is a gain map is cleaned the same way and kept after EOI, with
its XMP and the primary's reduced to the gain-map properties, its ISO 21496-1
segments, and a fresh MPF index pointing at it (mpf.py); `drop_hdr` drops them too.
A file without EOI is refused rather than cleaned: a half-walked file could hide
anything. Scan data damaged by a reserved code (FF 02-BF) is copied verbatim up to
the EOI after it, as damaged.py explains. What is kept is gathered by kept.py.

The costly part is finding where each scan ends: `scan.next_marker` (the small
C module _jpegscan when it is built, a regular expression otherwise; same
answers); never a Python loop over bytes.
"""

from __future__ import annotations

from ...errors import CorruptImage
from ...records import Container
from .. import declared
from . import hdr, mpf
from .app import Blocks
from .damaged import damaged_scan_end
from .kept import Segment, kept_segments
from .scan import NATIVE_SCANNER, next_marker
from .signatures import APPS, COM, SOS

__all__ = ["KINDS", "NAME", "NATIVE_SCANNER", "marker_name", "read", "sniff", "strip"]

NAME = "jpeg"
KINDS, sniff = declared(NAME)  # written once, in the registry (formats/__init__.py)
_LABEL = "JPEG"

SOI, EOI, DNL, TEM = 0xD8, 0xD9, 0xDC, 0x01
ECS = 0x100  # not a marker: the entropy-coded data after an SOS header
SOF = frozenset({*range(0xC0, 0xD0)} - {0xC4, 0xC8, 0xCC})
# Segments with no length field besides SOI and EOI: restart markers and TEM.
STANDALONE = frozenset({TEM, *range(0xD0, 0xD8)})
# FF 00 is stuffing and FF 02-BF are reserved: libjpeg stops on them, and so do we.
NOT_MARKERS = frozenset({0x00, *range(0x02, 0xC0)})
MAX_SEGMENTS = 1 << 16
_NAMES = {
    0xC4: "DHT", 0xC8: "JPG", 0xCC: "DAC", 0xD8: "SOI", 0xD9: "EOI", 0xDA: "SOS",
    0xDB: "DQT", 0xDC: "DNL", 0xDD: "DRI", 0xDE: "DHP", 0xDF: "EXP", 0xFE: "COM",
    0x01: "TEM", ECS: "entropy-coded data",
}  # fmt: skip


def read(data: bytes) -> Container:
    """Every metadata block of a JPEG, its size, extra MPF images and trailer."""
    segments = _walk(data)
    blocks = Blocks(data, Container(format=NAME, media_type="image/jpeg"))
    found = blocks.found
    in_scans = False
    for marker, start, end in segments:
        if marker in APPS or marker == COM:
            blocks.add(marker, start, end)
            if in_scans:
                found.note(f"{marker_name(marker)} between scans")
        elif marker in SOF and found.width is None:  # _walk checked it is long enough
            found.height = (data[start + 5] << 8) | data[start + 6]
            found.width = (data[start + 7] << 8) | data[start + 8]
        elif marker == DNL and found.height == 0 and end - start >= 6:
            found.height = int.from_bytes(data[start + 4 : start + 6], "big")
        elif marker == SOS:
            in_scans = True
    if found.height == 0:  # no DNL said it
        found.height = None
    return blocks.finish(segments[-1][2])


def strip(data: bytes, *, drop_hdr: bool = False) -> bytes:
    """The same JPEG with only what decoding needs (see the module docstring), and its
    HDR gain maps, cleaned the same way, unless `drop_hdr`."""
    segments = _walk(data)
    kept = kept_segments(data, segments)
    attribute: int | None = None
    maps: list[tuple[int, bytes]] = []
    if not drop_hdr and kept.mpf is not None:
        attribute, maps = _gain_maps(data, *kept.mpf, segments[-1][2])
    if not maps:
        return b"".join([kept.head(), *kept.tail()])
    head = kept.head(hdr.primary_header(data, kept.xmp, [len(m) for _, m in maps]))
    tail = kept.tail()
    primary = len(head) + mpf.index_length(1 + len(maps)) + sum(map(len, tail))
    tiff_at = len(head) + 4 + len(mpf.MPF)  # MP offsets count from the index's TIFF header
    entries = [(attribute or mpf.PRIMARY_ATTRIBUTE, primary, 0)]
    at = primary
    for kind, picture in maps:
        entries.append((kind, len(picture), at - tiff_at))
        at += len(picture)
    return b"".join([head, mpf.index_segment(entries), *tail, *(m for _, m in maps)])


def _gain_maps(
    data: bytes, base: int, end: int, eoi_end: int
) -> tuple[int | None, list[tuple[int, bytes]]]:
    """The primary's MP attribute, and the MPF gain maps of `data` with theirs, cleaned."""
    try:
        primary, images, _ = mpf.mp_images(data, base, end, eoi_end)
    except ValueError:  # read() reports the broken index; strip drops it
        return None, []
    maps = []
    for image in images:
        picture = data[image.start : image.end]
        if not hdr.is_gain_map(picture):
            continue
        try:
            gain_map = kept_segments(picture, _walk(picture))
        except CorruptImage:  # a gain map that does not decode is dropped, not kept
            continue
        cleaned = b"".join([gain_map.head(hdr.gain_map_header(picture)), *gain_map.tail()])
        maps.append((image.attribute, cleaned))
    return primary, maps


def marker_name(marker: int) -> str:
    """A marker's name as the JPEG standard gives it ("APP1", "SOF2", "DHT")."""
    if marker in APPS:
        return f"APP{marker - 0xE0}"
    if marker in SOF:
        return f"SOF{marker - 0xC0}"
    if 0xD0 <= marker <= 0xD7:
        return f"RST{marker - 0xD0}"
    if 0xF0 <= marker <= 0xFD:
        return f"JPG{marker - 0xF0}"
    return _NAMES.get(marker, f"marker 0x{marker:02X}")


def _walk(data: bytes) -> list[Segment]:
    """Every segment from SOI to the main image's EOI, scan data included.

    Fill bytes before a marker are left out of the segments. Raises
    CorruptImage naming the position for anything that breaks the structure.
    """
    if not data.startswith(b"\xff\xd8"):
        raise CorruptImage(_LABEL, "the file does not start with the SOI marker (FF D8)")
    size = len(data)
    segments: list[Segment] = [(SOI, 0, 2)]
    seen_frame = scanned = False
    pos = 2
    while True:
        if pos + 1 >= size:
            raise CorruptImage(_LABEL, f"the file ends at byte {size} before the EOI marker")
        if data[pos] != 0xFF:
            raise CorruptImage(
                _LABEL, f"byte {pos} is 0x{data[pos]:02X} where a marker (0xFF) should start"
            )
        if data[pos + 1] == 0xFF:  # fill bytes: the marker follows the last FF
            pos = _last_fill_byte(data, pos)
            if pos + 1 >= size:
                raise CorruptImage(_LABEL, f"the file ends in fill bytes at byte {size}")
        marker = data[pos + 1]
        if len(segments) >= MAX_SEGMENTS:
            raise CorruptImage(_LABEL, f"more than {MAX_SEGMENTS} segments before EOI")
        if marker == EOI:
            if not scanned:
                raise CorruptImage(_LABEL, f"EOI at byte {pos} comes before any scan (SOS)")
            segments.append((EOI, pos, pos + 2))
            return segments
        if marker in STANDALONE:
            segments.append((marker, pos, pos + 2))
            pos += 2
            continue
        if marker in NOT_MARKERS:
            if segments[-1][0] == ECS:  # damaged scan data: kept whole, up to EOI
                eoi = damaged_scan_end(data, pos)
                segments[-1] = (ECS, segments[-1][1], eoi)
                segments.append((EOI, eoi, eoi + 2))
                return segments
            raise CorruptImage(_LABEL, f"byte {pos} holds FF {marker:02X}, not a JPEG marker")
        if marker == SOI:
            raise CorruptImage(_LABEL, f"a second SOI marker at byte {pos}")
        end = _segment_end(data, marker, pos)
        segments.append((marker, pos, end))
        if marker in SOF:
            if end - pos < 10:  # precision (1), height (2), width (2), components (1)
                raise CorruptImage(
                    _LABEL,
                    f"frame header {marker_name(marker)} at byte {pos} "
                    f"is {end - pos} bytes long, too short",
                )
            seen_frame = True
        elif marker == SOS:
            if not seen_frame:
                raise CorruptImage(_LABEL, f"SOS at byte {pos} comes before any SOF frame header")
            found = next_marker(data, end)
            if found < 0:
                raise CorruptImage(
                    _LABEL,
                    f"the scan data from byte {end} runs to the end of the file ({size}) "
                    "without an EOI marker",
                )
            segments.append((ECS, end, found))
            end = found
            scanned = True
        pos = end


def _last_fill_byte(data: bytes, pos: int) -> int:
    """Where the run of FF bytes starting at `pos` ends: the FF that begins the marker."""
    end = pos
    while True:  # a few kilobytes at a time: a run may be long, it is never copied whole
        chunk = data[end : end + 4096]
        rest = chunk.lstrip(b"\xff")
        end += len(chunk) - len(rest)
        if rest or not chunk:
            return end - 1


def _segment_end(data: bytes, marker: int, pos: int) -> int:
    """Where the length-prefixed segment at `pos` ends, checked against the file size."""
    left = len(data) - pos - 2
    if left < 2:
        raise CorruptImage(
            _LABEL, f"segment {marker_name(marker)} at byte {pos} is cut off before its length"
        )
    length = (data[pos + 2] << 8) | data[pos + 3]
    if length < 2:
        raise CorruptImage(
            _LABEL, f"segment {marker_name(marker)} at byte {pos} has an invalid length {length}"
        )
    if length > left:
        raise CorruptImage(
            _LABEL,
            f"segment {marker_name(marker)} at byte {pos} claims {length} bytes, {left} left",
        )
    return pos + 2 + length
