"""What PNG's metadata chunks hold: the readers `png.read` dispatches to.

Text (tEXt, zTXt, iTXt), XMP (the iTXt "XML:com.adobe.xmp"), ImageMagick's raw
profiles (EXIF, IPTC, XMP, ICC as hex text under "Raw profile type ..."), eXIf,
iCCP, tIME and acTL. Compressed payloads are inflated with a hard cap, so a
compression bomb costs at most INFLATE_CAP bytes.
"""

from __future__ import annotations

import struct
from collections.abc import Callable

from ...errors import CorruptImage
from ...records import Container, TextEntry
from ...structure.ifd import TIFF_HEADERS
from ...structure.inflate import inflate
from ..orientation import EXIF_PREFIX

NAME = "png"
INFLATE_CAP = 8 << 20
XMP_KEYWORD = "XML:com.adobe.xmp"
RAW_PROFILE = "raw profile type "
# What ImageMagick's "Raw profile type <name>" holds, by name.
_RAW_TARGETS = {
    "exif": "exif", "app1": "exif", "iptc": "iptc", "8bim": "photoshop",
    "xmp": "xmp", "icc": "icc", "icm": "icc",
}  # fmt: skip
# Prefixes that say what a profile blob really is, whatever its name claims.
_BLOB_PREFIXES = (
    (EXIF_PREFIX, "exif"),
    (b"http://ns.adobe.com/xap/1.0/\x00", "xmp"),
    (b"Photoshop 3.0\x00", "photoshop"),
)

_U32 = struct.Struct(">I")


def _fields(body: memoryview, count: int) -> list[bytes]:
    """`body` split at its first `count` NULs; missing fields are empty (writers are sloppy)."""
    parts = bytes(body).split(b"\x00", count)
    return parts + [b""] * (count + 1 - len(parts))


def _compressed(body: bytes, what: str, at: int) -> bytes:
    """Inflate `body`, whose first byte is the compression method (0: zlib)."""
    if body[:1] != b"\x00":
        method = body[0] if body else "none"
        raise CorruptImage(NAME, f"{what} at byte {at} has compression method {method}, not 0")
    return inflate(memoryview(body)[1:], INFLATE_CAP, label=NAME, what=what, at=at)


def _read_text(found: Container, body: memoryview, at: int) -> None:
    key, value = _fields(body, 1)
    _add_text(found, "PNG tEXt", key.decode("latin-1"), value, value.decode("latin-1"))


def _read_ztxt(found: Container, body: memoryview, at: int) -> None:
    key, rest = _fields(body, 1)
    name = key.decode("latin-1")[:79]
    value = _compressed(rest, f"zTXt chunk '{name}'", at)
    _add_text(found, "PNG zTXt", name, value, value.decode("latin-1"))


def _read_itxt(found: Container, body: memoryview, at: int) -> None:
    key, rest = _fields(body, 1)
    name = key.decode("latin-1")[:79]
    flag, text = rest[:1], _fields(memoryview(rest)[2:], 2)[2]
    if flag == b"\x01":
        text = _compressed(rest[1:2] + text, f"iTXt chunk '{name}'", at)
    _add_text(found, "PNG iTXt", name, text, text.decode("utf-8", "replace"))


def _add_text(found: Container, source: str, key: str, raw: bytes, value: str) -> None:
    """Route a text chunk: XMP, an ImageMagick raw profile, or free text."""
    if key == XMP_KEYWORD:
        found.xmp.append(raw)
    elif not (key.lower().startswith(RAW_PROFILE) and _add_raw_profile(found, key, raw)):
        found.text.append(TextEntry(source, key, value))


def _add_raw_profile(found: Container, key: str, text: bytes) -> bool:
    """Decode ImageMagick's "\\nexif\\n   1234\\n4578..." hex text; False if it is not that."""
    parts = text.split(None, 2)
    if len(parts) < 3 or not parts[1].isdigit() or len(parts[1]) > 10:
        return False
    try:
        blob = bytes.fromhex(parts[2].decode("ascii"))[: int(parts[1])]
    except (ValueError, UnicodeDecodeError):
        return False
    profile = key[len(RAW_PROFILE) :].lower()
    _add_blob(found, _RAW_TARGETS.get(profile), blob, f"PNG raw profile '{profile}'")
    return True


def _add_blob(found: Container, target: str | None, blob: bytes, label: str) -> None:
    """File a profile blob under what its prefix says it is, else under `target`."""
    for prefix, kind in _BLOB_PREFIXES:
        if blob.startswith(prefix):
            blob, target = blob[len(prefix) :], kind
            break
    if blob.startswith(b"8BIM") and target == "iptc":
        target = "photoshop"
    if target == "icc":
        found.icc = found.icc or blob  # an iCCP chunk wins: it is what decoders use
        return
    if target == "exif" and not blob.startswith(TIFF_HEADERS):
        target, label = None, label + " (not TIFF-structured)"
    lists = {"exif": found.exif, "xmp": found.xmp, "iptc": found.iptc, "photoshop": found.photoshop}
    blobs = lists.get(target or "")
    if blobs is None:
        found.note(label)
    else:
        blobs.append(blob)


def _read_exif(found: Container, body: memoryview, at: int) -> None:
    _add_blob(found, "exif", bytes(body), "PNG chunk 'eXIf'")


def _read_iccp(found: Container, body: memoryview, at: int) -> None:
    found.icc = iccp_profile(body, at)


def iccp_profile(body: memoryview, at: int) -> bytes:
    name, rest = _fields(body, 1)
    return _compressed(rest, f"iCCP profile '{name.decode('latin-1')[:79]}'", at)


def _read_time(found: Container, body: memoryview, at: int) -> None:
    if len(body) != 7:
        found.note("PNG chunk 'tIME'")
        return
    year, month, day, hour, minute, second = struct.unpack(">HBBBBB", body)
    stamp = f"{year:04d}:{month:02d}:{day:02d} {hour:02d}:{minute:02d}:{second:02d}"
    found.text.append(TextEntry("PNG tIME", "ModifyDate", stamp))


def _read_actl(found: Container, body: memoryview, at: int) -> None:
    (frames,) = _U32.unpack_from(body)
    found.format, found.media_type, found.frames = "apng", "image/apng", max(frames, 1)


READERS: dict[bytes, Callable[[Container, memoryview, int], None]] = {
    b"tEXt": _read_text,
    b"zTXt": _read_ztxt,
    b"iTXt": _read_itxt,
    b"eXIf": _read_exif,
    b"iCCP": _read_iccp,
    b"tIME": _read_time,
    b"acTL": _read_actl,
}
