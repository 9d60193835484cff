"""The metadata atoms of a movie, read out as the text entries, XMP and pictures a
`Container` carries: what 'udta', 'meta' ('keys' + 'ilst', or iTunes-style 'ilst'),
'uuid' boxes and the movie, track and media headers say.

Entries are named in exiftool's spirit: group "UserData" for QuickTime 'udta' text
atoms and 3GPP boxes, "Keys" for Apple's 'mdta' keys, "ItemList" for 'ilst' items,
"QuickTime" and "Track<n>" for header times. ISO 6709 positions ("+48.8566+002.3522/")
are split into GPSLatitude and GPSLongitude, so the findings read them like any GPS.

Policy: tolerant. These boxes are dropped whole by the cleaner, so one that does not
parse is named in `Container.extra` rather than failing the file.
"""

from __future__ import annotations

import re
import struct
from datetime import UTC, datetime, timedelta

from ...errors import CorruptImage
from ...records import Container, Picture, TextEntry
from ...structure.boxes import Box, read_header
from ..appended import hold
from ..jumbf import C2PA_UUID, bmff_store
from .layout import FMT, PLAYBACK, Movie, Track, find
from .telemetry import gpmf_texts

XMP_UUID = bytes.fromhex("be7acfcb97a942e89c71999491e3afac")
_EPOCH = datetime(1904, 1, 1, tzinfo=UTC)
_ISO6709 = re.compile(r"^\s*([+-]\d+(?:\.\d+)?)([+-]\d+(?:\.\d+)?)([+-]\d+(?:\.\d+)?)?")

# QuickTime 'udta' text atoms and iTunes 'ilst' items -> tag name.
ATOMS: dict[bytes, str] = {
    b"\xa9xyz": "GPSCoordinates", b"\xa9mak": "Make", b"\xa9mod": "Model",
    b"\xa9swr": "Software", b"\xa9too": "Encoder", b"\xa9enc": "EncodedBy",
    b"\xa9day": "ContentCreateDate", b"\xa9nam": "Title", b"\xa9des": "Description",
    b"\xa9cmt": "Comment", b"\xa9inf": "Information", b"\xa9ART": "Artist",
    b"\xa9aut": "Author", b"\xa9cpy": "Copyright", b"\xa9dir": "Director",
    b"\xa9prd": "Producer", b"\xa9wrt": "Composer", b"\xa9key": "Keywords",
    b"desc": "Description", b"ldes": "LongDescription", b"cprt": "Copyright",
    b"auth": "Author", b"titl": "Title", b"dscp": "Description", b"perf": "Performer",
    b"kywd": "Keywords", b"albm": "Album", b"yrrc": "Year",
}  # fmt: skip
# GoPro's 'udta' atoms naming one camera: the lens serial as text, the body's
# serial as a 16-byte hash (all zeros when the camera writes none).
GOPRO_SERIALS: dict[bytes, str] = {b"LENS": "LensSerialNumber", b"CAME": "CameraSerialNumber"}
# What GoPro's 'udta' 'GPMF' settings say of the camera.
GOPRO_SETTINGS: dict[bytes, str] = {b"MINF": "Model", b"CASN": "CameraSerialNumber"}
# Apple's 'mdta' keys -> tag name; other keys are named in Container.extra.
KEYS: dict[str, str] = {
    "com.apple.quicktime.make": "Make",
    "com.apple.quicktime.model": "Model",
    "com.apple.quicktime.software": "Software",
    "com.apple.quicktime.creationdate": "CreationDate",
    "com.apple.quicktime.location.ISO6709": "GPSCoordinates",
    "com.apple.quicktime.location.accuracy.horizontal": "GPSHPositioningError",
    "com.apple.quicktime.content.identifier": "ContentIdentifier",
    "com.apple.quicktime.author": "Author",
    "com.apple.quicktime.artist": "Artist",
    "com.apple.quicktime.title": "Title",
    "com.apple.quicktime.displayname": "Title",
    "com.apple.quicktime.description": "Description",
    "com.apple.quicktime.comment": "Comment",
    "com.apple.quicktime.keywords": "Keywords",
    "com.apple.quicktime.copyright": "Copyright",
    "com.android.version": "AndroidVersion",
    "encoder": "Encoder",
    "com.android.manufacturer": "Make",
    "com.android.model": "Model",
}
_PICTURE_TYPES = {13: "image/jpeg", 14: "image/png", 27: "image/bmp"}


def read_atoms(data: bytes, movie: Movie, top_level: list[tuple[Box, bytes]]) -> Container:
    """Everything identifying a movie's boxes hold, as a Container (size filled later).

    `top_level` holds the top-level boxes that are neither media nor index, with
    their payloads ('uuid', 'meta', 'free'...).
    """
    container = Container(format="", media_type="")
    moov = movie.moov
    for box in moov.children or ():
        _movie_level(data, box, "", container)
    for index, track in enumerate(movie.tracks, 1):
        for box in track.box.children or ():
            _movie_level(data, box, f"track {index} ", container)
        _times(data, track, index, container)
    mvhd = moov.child(b"mvhd")
    if mvhd is not None:
        _header_times(data, mvhd, "QuickTime", ("CreateDate", "ModifyDate"), container)
    for box, payload in top_level:
        _movie_level(payload, _rebased(box), "", container)
    return container


def _rebased(box: Box) -> Box:
    return Box(box.type, 0, box.header_size, box.size, box.usertype)


def _movie_level(data: bytes, box: Box, where: str, container: Container) -> None:
    try:
        if box.type == b"udta":
            _udta(data, box, container)
        elif box.type == b"meta":
            _meta(data, box, container)
        elif box.type == b"uuid" and box.usertype == XMP_UUID:
            container.xmp.append(bytes(data[box.start : box.end]))
        elif box.type == b"uuid" and box.usertype == C2PA_UUID:
            store = bmff_store(bytes(data[box.start : box.end]))
            if store is not None:
                container.credentials.append(store)
            container.note(f"a {where}'uuid' box (a C2PA manifest)")
        elif box.type == b"uuid":
            container.note(f"a {where}'uuid' box ({(box.usertype or b'').hex()})")
        elif box.type == b"sefd":  # Samsung's SEF trailer in a box (its slow-motion videos)
            hold(bytes(data[box.start : box.end]), container)
            container.note(f"a {where}'sefd' box (Samsung camera data)")
        elif box.type in (b"free", b"skip", b"wide"):
            if any(data[box.start : box.end]):
                container.note(f"a {where}'{box.name}' box holding leftover bytes")
        elif box.type not in PLAYBACK:
            container.note(f"a {where}'{box.name}' box")
    except (CorruptImage, struct.error, ValueError):  # ValueError: a missing NUL, bad UTF-16
        container.note(f"an unreadable {where}'{box.name}' box")


def _children(data: bytes, box: Box, skip: int = 0) -> list[Box]:
    """A box's children, tolerating the 32-bit zero QuickTime ends 'udta' with.

    Only a terminator short of a box header is dropped: the last child may itself be
    all zeros (GoPro ends 'udta' with a zero-filled 'free' atom).
    """
    where = f"'{box.name}' at byte {box.offset}"
    children, pos = [], box.start + skip
    while pos < box.end and (box.end - pos >= 8 or any(data[pos : box.end])):
        child = read_header(data, pos, box.end, FMT, where)
        children.append(child)
        pos = child.end
    return children


def _udta(data: bytes, udta: Box, container: Container) -> None:
    for atom in _children(data, udta):
        payload = bytes(data[atom.start : atom.end])
        name = ATOMS.get(atom.type)
        if atom.type == b"meta":
            _meta(data, atom, container)
        elif atom.type == b"XMP_":
            container.xmp.append(payload)
        elif atom.type == b"loci":
            _loci(payload, container)
        elif name and atom.type[0] == 0xA9:
            _text(container, "UserData", name, _quicktime_text(payload))
        elif name:  # 3GPP asset boxes: version/flags, language, then the text
            _text(container, "UserData", name, _utf(payload[6:]))
        elif atom.type == b"LENS":
            _text(container, "UserData", GOPRO_SERIALS[atom.type], _utf(payload))
        elif atom.type == b"CAME" and any(payload):
            _text(container, "UserData", GOPRO_SERIALS[atom.type], payload.hex())
        elif atom.type == b"GPMF":
            found = gpmf_texts(payload, frozenset(GOPRO_SETTINGS))
            for key, value in found.items():
                _text(container, "UserData", GOPRO_SETTINGS[key], value)
            container.note("GoPro's camera settings ('udta' 'GPMF')")
        elif atom.type == b"FIRM":
            _text(container, "UserData", "Software", _utf(payload))  # its firmware
        elif atom.type not in (b"hnti", b"name"):
            container.note(f"a 'udta' '{atom.name}' atom")


def _quicktime_text(payload: bytes) -> str:
    """A QuickTime text atom: (length, language, text) items; or an iTunes 'data' box."""
    if payload[4:8] == b"data":
        return _utf(payload[16:])
    (length,) = struct.unpack_from(">H", payload)
    return _utf(payload[4 : 4 + length])


def _meta(data: bytes, meta: Box, container: Container) -> None:
    # ISO 'meta' is a full box; QuickTime's has no version and flags.
    skip = 0 if bytes(data[meta.start + 4 : meta.start + 8]) == b"hdlr" else 4
    kids = _children(data, meta, skip)
    keys: list[str] = []
    for box in kids:
        if box.type == b"keys":
            keys = _keys(bytes(data[box.start : box.end]))
    for box in kids:
        if box.type == b"ilst":
            _ilst(data, box, keys, container)
        elif box.type in (b"xml ", b"XMP_"):
            container.xmp.append(bytes(data[box.start + 4 : box.end]))
        elif box.type not in (b"hdlr", b"keys", b"free"):
            container.note(f"a 'meta' '{box.name}' box")


def _keys(payload: bytes) -> list[str]:
    (count,) = struct.unpack_from(">I", payload, 4)
    keys, pos = [], 8
    for _ in range(min(count, 4096)):
        size, _namespace = struct.unpack_from(">I4s", payload, pos)
        if size < 8:
            break
        keys.append(payload[pos + 8 : pos + size].decode("utf-8", "replace"))
        pos += size
    return keys


def _ilst(data: bytes, ilst: Box, keys: list[str], container: Container) -> None:
    for item in _children(data, ilst):
        (index,) = struct.unpack(">I", item.type)
        key = keys[index - 1] if keys and 0 < index <= len(keys) else None
        group, name = ("Keys", KEYS.get(key)) if key else ("ItemList", ATOMS.get(item.type))
        for value in (v for v in _children(data, item) if v.type == b"data"):
            kind = int.from_bytes(data[value.start : value.start + 4], "big") & 0xFFFFFF
            raw = bytes(data[value.start + 8 : value.end])
            if kind in _PICTURE_TYPES:
                source = f"{group} {key or item.name}"
                container.pictures.append(Picture("extra_image", source, raw, _PICTURE_TYPES[kind]))
            elif name is None:
                container.note(f"{group} {key or item.name!r}")
            else:
                _text(container, group, name, _value(kind, raw))


def _value(kind: int, raw: bytes) -> str:
    if kind == 23 and len(raw) == 4:
        return repr(struct.unpack(">f", raw)[0])
    if kind == 24 and len(raw) == 8:
        return repr(struct.unpack(">d", raw)[0])
    if kind in (21, 22) and 0 < len(raw) <= 8:
        return str(int.from_bytes(raw, "big", signed=kind == 21))
    return _utf(raw)


def _loci(payload: bytes, container: Container) -> None:
    """A 3GPP 'loci': language, place name, role, then longitude, latitude, altitude."""
    name_end = payload.index(b"\0", 6)
    lon, lat, _alt = struct.unpack_from(">iii", payload, name_end + 2)
    _text(container, "UserData", "LocationName", _utf(payload[6:name_end]))
    _text(container, "UserData", "GPSLatitude", f"{lat / 65536:.5f}")
    _text(container, "UserData", "GPSLongitude", f"{lon / 65536:.5f}")


def _text(container: Container, group: str, name: str, value: str) -> None:
    value = value.strip("\0 ")
    if not value:
        return
    match = _ISO6709.match(value) if name == "GPSCoordinates" else None
    if match:
        container.text.append(TextEntry(group, "GPSLatitude", str(float(match[1]))))
        container.text.append(TextEntry(group, "GPSLongitude", str(float(match[2]))))
        if match[3]:
            container.text.append(TextEntry(group, "GPSAltitude", str(float(match[3]))))
        return
    container.text.append(TextEntry(group, name, value))


def _utf(raw: bytes) -> str:
    if raw[:2] in (b"\xfe\xff", b"\xff\xfe"):
        return raw.decode("utf-16", "replace")
    return raw.decode("utf-8", "replace")


def _times(data: bytes, track: Track, index: int, container: Container) -> None:
    group = f"Track{index}"
    tkhd = track.box.child(b"tkhd")
    if tkhd is not None:
        _header_times(data, tkhd, group, ("TrackCreateDate", "TrackModifyDate"), container)
    mdhd = find(track.box, b"mdia", b"mdhd")
    if mdhd is not None:
        _header_times(data, mdhd, group, ("MediaCreateDate", "MediaModifyDate"), container)


def _header_times(
    data: bytes, box: Box, group: str, names: tuple[str, str], container: Container
) -> None:
    """The creation and modification times of 'mvhd', 'tkhd' or 'mdhd', when set."""
    wide = data[box.start : box.start + 1] == b"\1"
    code = ">QQ" if wide else ">II"
    if box.end - box.start < 4 + struct.calcsize(code):
        return  # too short for its times: the cleaner refuses it, naming the box
    values = struct.unpack_from(code, data, box.start + 4)
    for name, seconds in zip(names, values, strict=True):
        if not seconds:
            continue
        try:
            shown = (_EPOCH + timedelta(seconds=seconds)).strftime("%Y-%m-%d %H:%M:%S")
        except OverflowError:  # past year 9999: still a time the file records
            shown = f"{seconds} seconds after 1904"
        container.text.append(TextEntry(group, name, shown))
