"""HDR gain maps in JPEG: which MPF images are gain maps, and the headers they keep.

An Ultra HDR JPEG (Android, ISO 21496-1) and Apple's HDR JPEG are a primary JPEG whose
APP2 "MPF" index lists a second JPEG stored after the primary's EOI: the gain map.
The gain map says what it is in its own header: an XMP packet with `hdrgm:Version`
or Apple's `apdi:AuxiliaryImageType` hdrgainmap, or an APP2 ISO 21496-1 segment. The
primary's XMP holds `hdrgm:Version` and, for Ultra HDR, a GContainer directory giving
the gain map's length; its ISO 21496-1 segment holds the standard's version.

A cleaned gain map keeps only what decoding and tone mapping need: its XMP rewritten
with the gain-map properties alone (`formats.gainmap`), its ISO 21496-1 segments
(fixed binary fields: versions and fractions, at most MAX_ISO_SEGMENT bytes), and
what any JPEG keeps (see the package docstring). The file is written back by
`formats.jpeg.strip` with a fresh MPF index (`mpf.index_segment`).
"""

from __future__ import annotations

from .. import gainmap, gainmap_writer
from .signatures import APP1, APP2, ISO_21496, SOS, XMP

MAX_ISO_SEGMENT = 512  # the standard's metadata for three channels is under 100 bytes
_EOI = 0xD9
_NO_LENGTH = frozenset({0x01, *range(0xD0, 0xD8)})


def header_segments(data: bytes) -> list[tuple[int, int, int]]:
    """(marker, start, end) of the segments before the first scan; the walk stops
    quietly at anything that is not a well-formed segment (the caller only looks)."""
    found: list[tuple[int, int, int]] = []
    pos = 2 if data.startswith(b"\xff\xd8") else len(data)
    while pos + 4 <= len(data) and data[pos] == 0xFF:
        marker = data[pos + 1]
        if marker in (SOS, _EOI, 0xFF):
            break
        if marker in _NO_LENGTH:
            pos += 2
            continue
        end = pos + 2 + int.from_bytes(data[pos + 2 : pos + 4], "big")
        if end > len(data) or end < pos + 4:
            break
        found.append((marker, pos, end))
        pos = end
    return found


def xmp_packets(data: bytes) -> list[bytes]:
    """The standard XMP packets in a JPEG's header."""
    return [
        data[start + 4 + len(XMP) : end]
        for marker, start, end in header_segments(data)
        if marker == APP1 and data.startswith(XMP, start + 4, end)
    ]


def is_gain_map(picture: bytes) -> bool:
    """Whether a JPEG (an MPF image) is an HDR gain map, by what its header says."""
    if not picture.startswith(b"\xff\xd8"):
        return False
    if iso_segments(picture):
        return True
    return any(
        gainmap.may_describe_gain_map(p) and gainmap.read_packet(p).describes_gain_map
        for p in xmp_packets(picture)
    )


def iso_segments(data: bytes) -> list[bytes]:
    """The header's APP2 ISO 21496-1 segments, whole, that are short enough to be
    only the standard's fields."""
    return [
        data[start:end]
        for marker, start, end in header_segments(data)
        if marker == APP2
        and data.startswith(ISO_21496, start + 4, end)
        and end - start <= MAX_ISO_SEGMENT
    ]


def gain_map_header(picture: bytes) -> list[bytes]:
    """The segments a cleaned gain map carries besides what any JPEG keeps."""
    packets = [gainmap.read_packet(packet) for packet in xmp_packets(picture)]
    properties = [p for packet in packets for p in packet.properties]
    return [*_xmp_segment(gainmap_writer.kept_xmp(properties)), *iso_segments(picture)]


def primary_header(data: bytes, packets: list[bytes], gain_map_lengths: list[int]) -> list[bytes]:
    """The segments the primary keeps for its gain maps: its XMP rewritten with the
    gain-map properties (and the GContainer directory, when it had one, listing the
    cleaned gain maps' lengths), and its ISO 21496-1 segments."""
    read = [gainmap.read_packet(packet) for packet in packets]
    properties = [p for packet in read for p in packet.properties]
    directory: tuple[gainmap.DirectoryItem, ...] = ()
    if any(packet.announces_gain_map for packet in read):
        directory = (
            gainmap.DirectoryItem("Primary", "image/jpeg"),
            *(
                gainmap.DirectoryItem(gainmap.GAIN_MAP_SEMANTIC, "image/jpeg", length)
                for length in gain_map_lengths
            ),
        )
    # As elements: Pillow opens a JPEG whose XMP has hdrgm:Version="..." as a plain
    # JPEG, not as the MPO it is, hiding the gain map from its users.
    packet = gainmap_writer.kept_xmp(properties, directory, elements=True)
    return [*_xmp_segment(packet), *iso_segments(data)]


def _xmp_segment(packet: bytes) -> list[bytes]:
    if not packet:
        return []
    payload = XMP + packet
    return [b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload]
