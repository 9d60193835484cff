"""HDR gain-map JPEGs built in code, as Android (Ultra HDR) and Apple write them.

An Ultra HDR file is a primary JPEG with `hdrgm:Version` and a GContainer directory
in its XMP and an APP2 MPF index, then, after its EOI, the gain map: a greyscale JPEG
whose XMP holds the hdrgm parameters and which has an ISO 21496-1 segment. Both
images here also carry what a phone writes (GPS, serial numbers, names, by exiftool),
so a cleaner that keeps the gain map whole would be caught. The MPF index is written
little-endian by `mpf_segment` below, independently of the engine's writer.
"""

from __future__ import annotations

import struct
from functools import cache

from tests.support.containers import after_soi, jpeg_segment
from tests.support.images import FULL_METADATA, SERIAL, encode, photo, with_metadata

XMP_ID = b"http://ns.adobe.com/xap/1.0/\x00"
ISO_ID = b"urn:iso:std:iso:ts:21496:-1\x00"
# A version-0 ISO 21496-1 gain map metadata block's first fields (as libultrahdr writes).
ISO_FIELDS = bytes.fromhex("0000000000000000010000000100000000")
HDRGM_VALUES = {
    "Version": "1.0",
    "GainMapMin": "0",
    "GainMapMax": "2.16",
    "Gamma": "1",
    "OffsetSDR": "0.015625",
    "OffsetHDR": "0.015625",
    "HDRCapacityMin": "0",
    "HDRCapacityMax": "2.16",
    "BaseRenditionIsHDR": "False",
}
GAIN_MAP_SIZE = (48, 32)
APPLE_GAIN_MAP = "urn:com:apple:photo:2020:aux:hdrgainmap"
APPLE_MATTE = "urn:com:apple:photo:2018:aux:portraiteffectsmatte"
# Identifying tags a phone may leave in the gain map's own header.
GAIN_MAP_METADATA = (
    "-GPSLatitude=48.8219", "-GPSLatitudeRef=N", "-GPSLongitude=2.289", "-GPSLongitudeRef=E",
    f"-SerialNumber={SERIAL}", "-Artist=Bob Gainmap", "-XMP-dc:Creator=Bob Gainmap",
)  # fmt: skip


def _packet(description: str) -> bytes:
    return (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/" x:xmptk="Adobe XMP Core 5.1.2">'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        f"{description}</rdf:RDF></x:xmpmeta>"
    ).encode()


def hdrgm_xmp() -> bytes:
    """The gain map's XMP as libultrahdr writes it: hdrgm parameters as attributes."""
    fields = " ".join(f'hdrgm:{k}="{v}"' for k, v in HDRGM_VALUES.items())
    return _packet(
        '<rdf:Description rdf:about="" '
        f'xmlns:hdrgm="http://ns.adobe.com/hdr-gain-map/1.0/" {fields}/>'
    )


def primary_xmp(gain_map_length: int) -> bytes:
    """The primary's XMP: hdrgm:Version and the GContainer directory."""
    return _packet(
        '<rdf:Description rdf:about="" '
        'xmlns:Container="http://ns.google.com/photos/1.0/container/" '
        'xmlns:Item="http://ns.google.com/photos/1.0/container/item/" '
        'xmlns:hdrgm="http://ns.adobe.com/hdr-gain-map/1.0/" hdrgm:Version="1.0">'
        "<Container:Directory><rdf:Seq>"
        '<rdf:li rdf:parseType="Resource"><Container:Item Item:Semantic="Primary" '
        'Item:Mime="image/jpeg"/></rdf:li>'
        '<rdf:li rdf:parseType="Resource"><Container:Item Item:Semantic="GainMap" '
        f'Item:Mime="image/jpeg" Item:Length="{gain_map_length}"/></rdf:li>'
        "</rdf:Seq></Container:Directory></rdf:Description>"
    )


def apple_xmp(urn: str) -> bytes:
    """An Apple auxiliary image's XMP: its type and, for a gain map, the version."""
    version = "<HDRGainMap:HDRGainMapVersion>65536</HDRGainMap:HDRGainMapVersion>"
    return _packet(
        '<rdf:Description rdf:about="" xmlns:HDRGainMap="http://ns.apple.com/HDRGainMap/1.0/" '
        'xmlns:apdi="http://ns.apple.com/pixeldatainfo/1.0/">'
        f"{version if urn == APPLE_GAIN_MAP else ''}"
        f"<apdi:AuxiliaryImageType>{urn}</apdi:AuxiliaryImageType></rdf:Description>"
    )


def secondary(xmp: bytes, *segments: bytes, seed: int = 3) -> bytes:
    """A small greyscale JPEG with `xmp`, further `segments` and GAIN_MAP_METADATA."""
    grey = photo(*GAIN_MAP_SIZE, seed=seed).convert("L")
    data = after_soi(encode(grey, "JPEG", quality=90), jpeg_segment(0xE1, XMP_ID + xmp), *segments)
    return with_metadata(data, ".jpg", *GAIN_MAP_METADATA)


def mpf_segment(
    primary_size: int, images: list[tuple[int, int]], tiff_at: int, uids: bytes = b""
) -> bytes:
    """An APP2 MPF index (little-endian) for the primary and `images` (attribute,
    size), stored one after the other after the primary; `tiff_at` is where its TIFF
    header will be in the file. `uids` adds an ImageUIDList (33 bytes an image)."""
    count = 1 + len(images)
    tags = 4 if uids else 3
    entries_at = 8 + 2 + tags * 12 + 4
    ifd = struct.pack(
        "<H" + "HHI4s" + "HHII" + "HHII",
        tags, 0xB000, 7, 4, b"0100", 0xB001, 4, 1, count, 0xB002, 7, 16 * count, entries_at,
    )  # fmt: skip
    if uids:
        ifd += struct.pack("<HHII", 0xB003, 7, len(uids), entries_at + 16 * count)
    ifd += struct.pack("<I", 0)
    records = [struct.pack("<IIIHH", 0x20030000, primary_size, 0, 0, 0)]
    at = primary_size
    for attribute, size in images:
        records.append(struct.pack("<IIIHH", attribute, size, at - tiff_at, 0, 0))
        at += size
    tiff = b"II*\x00" + struct.pack("<I", 8) + ifd + b"".join(records) + uids
    return jpeg_segment(0xE2, b"MPF\x00" + tiff)


def with_mpf(primary: bytes, images: list[tuple[int, bytes]], uids: bytes = b"") -> bytes:
    """`primary` with an MPF index listing `images` (attribute, JPEG), appended after it."""
    index_size = len(mpf_segment(0, [(a, len(d)) for a, d in images], 0, uids))
    size = len(primary) + index_size
    index = mpf_segment(size, [(a, len(d)) for a, d in images], 2 + 8, uids)
    return after_soi(primary, index) + b"".join(d for _, d in images)


@cache
def ultra_hdr() -> bytes:
    """An Ultra HDR JPEG: tagged primary, tagged gain map with hdrgm XMP and ISO 21496-1."""
    gain_map = secondary(hdrgm_xmp(), jpeg_segment(0xE2, ISO_ID + ISO_FIELDS))
    primary = encode(photo(), "JPEG", quality=90)
    primary = after_soi(primary, jpeg_segment(0xE1, XMP_ID + primary_xmp(len(gain_map))))
    primary = after_soi(primary, jpeg_segment(0xE2, ISO_ID + ISO_FIELDS[:4]))
    return with_mpf(with_metadata(primary, ".jpg", *FULL_METADATA), [(0, gain_map)])


@cache
def apple_hdr() -> bytes:
    """An Apple HDR JPEG: a gain map and a portrait matte as MPF images."""
    gain_map = secondary(apple_xmp(APPLE_GAIN_MAP))
    matte = secondary(apple_xmp(APPLE_MATTE), seed=4)
    primary = with_metadata(encode(photo(), "JPEG", quality=90), ".jpg", *FULL_METADATA)
    return with_mpf(primary, [(0x020000, gain_map), (0x020000, matte)])
