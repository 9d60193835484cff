"""Trailers as phones and photo-desk tools append them, built with struct.

Samsung SEF (little endian): blocks, then "SEFH", version, count, 12-byte entries
(two zero bytes, type, distance back from SEFH, size), the directory's length and
"SEFT". AFCP: "AXS!" header (version, entry count), (tag, size, absolute offset)
entries, the blocks, then the 12-byte "AXS!" footer with the header's offset.
FotoStation: records of data followed by tag (2), size with footer (4), 0xA1B2C3D4.
OnePlus (as exiftool 13.17 reads it): blocks, a JSON list of {"name", "offset",
"length"} with offsets counted back from the list's start, NUL padding, "jxrs" and
the length of list, padding and footer (u32 LE).
"""

from __future__ import annotations

import json
import struct

from tests.findings.build import mp4

TIMESTAMP_MS = "1710435731000"  # 14 March 2024, 17:02:11 UTC


def movie(seconds: int = 3, frames: int = 2_200_000) -> bytes:
    """An MP4 clip of `seconds`: ftyp, moov with mvhd, then `frames` zero bytes of mdat."""
    return mp4(seconds) + struct.pack(">I4s", 8 + frames, b"mdat") + bytes(frames)


def sef(*blocks: tuple[int, str, bytes]) -> bytes:
    """A Samsung SEF trailer holding (type, name, payload) blocks, in order."""
    body = b""
    starts = []
    for kind, name, payload in blocks:
        starts.append(len(body))
        body += struct.pack("<HHI", 0, kind, len(name)) + name.encode() + payload
    directory = b"SEFH" + struct.pack("<II", 101, len(blocks))
    for (kind, name, payload), start in zip(blocks, starts, strict=True):
        size = 8 + len(name) + len(payload)
        directory += struct.pack("<HHII", 0, kind, len(body) - start, size)
    return body + directory + struct.pack("<I", len(directory)) + b"SEFT"


def samsung_motion_photo(clip: bytes) -> bytes:
    """The SEF trailer of a Galaxy motion photo: clip, capture time, network country."""
    return sef(
        (0x0A30, "MotionPhoto_Data", clip),
        (0x0A01, "Image_UTC_Data", TIMESTAMP_MS.encode()),
        (0x0AA1, "MCC_Data", b"208"),
    )


def afcp(image_length: int, iptc: bytes) -> bytes:
    """An AFCP trailer holding `iptc`, for an image of `image_length` bytes (offsets are
    absolute in the file)."""
    header = b"AXS!" + struct.pack(">HH", 1, 1) + bytes(4)
    data_at = image_length + len(header) + 12
    directory = struct.pack(">4sII", b"IPTC", len(iptc), data_at)
    return header + directory + iptc + b"AXS!" + struct.pack(">I", image_length) + bytes(4)


def fotostation(iptc: bytes) -> bytes:
    """A FotoStation trailer with one IPTC record."""
    return iptc + struct.pack(">HII", 1, len(iptc) + 10, 0xA1B2C3D4)


def iptc(*datasets: tuple[int, str]) -> bytes:
    """An IPTC-IIM stream: record 1 says UTF-8, then record 2 datasets (number, text)."""
    out = b"\x1c\x01\x5a" + struct.pack(">H", 3) + b"\x1b%G"
    for number, value in datasets:
        raw = value.encode()
        out += b"\x1c\x02" + bytes([number]) + struct.pack(">H", len(raw)) + raw
    return out


def oneplus(*blocks: tuple[str, bytes]) -> bytes:
    """A OnePlus trailer holding (name, payload) blocks, in order."""
    body = b"".join(payload for _, payload in blocks)
    entries, at = [], 0
    for name, payload in blocks:
        entries.append({"name": name, "offset": len(body) - at, "length": len(payload)})
        at += len(payload)
    directory = json.dumps(entries).encode() + b"\0\0"
    return body + directory + b"jxrs" + struct.pack("<I", len(directory) + 8)


def oneplus_watermark(device: str) -> bytes:
    """What a OnePlus phone appends: the watermark's device name, the trailer's length."""
    return oneplus(
        ("watermark.device", b"\x01\x00\x02\x00\x00" + device.encode() + b"\0"),
        ("private.emptyspace", b"\0\0\0\0"),
    )


def oppo_live_photo(trip: str) -> bytes:
    """The end of an OPPO Find X9 Ultra trailer as lucky0523/lossless-motionphoto-mux
    describes one: a silent clip, the watermark's device, the trip, a "wtmk" directory."""
    body = oneplus(
        ("live.subVideo", movie(1, frames=2000)),
        ("watermark.device", b"\x01\x00\x02\x00\x00OPPO Find X9 Ultra\0"),
        ("travel.info", json.dumps({"travelName": trip}).encode()),
    )
    return body[:-8] + b"wtmk" + body[-4:]
