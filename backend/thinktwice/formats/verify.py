"""The proof of a clean: re-read an output and list whatever rendering does not need.

`verify` is what makes "cleaned" a promise: if the engine's own output still holds
anything but what rendering needs, that is a `CleaningFailed` error, never a result.
EXIF left in an output is walked with the structure's IFD walker (tolerant, as the
metadata decoder reads it) and checked against the tag table's RENDERING_IDS.
An HDR gain map is kept unless the person asked for it to go (`drop_hdr`): XMP may
then hold gain-map properties and nothing else (`gainmap.Packet.residue`), and a gain
map stored as a JPEG of its own is re-read and checked like the image.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from ..errors import CleaningFailed, CorruptImage
from ..records import Container, Picture
from ..structure.ifd import BadValue, IfdWalker, Policy
from ..structure.tags import (
    EXIF_IFD,
    EXIF_TAGS,
    GPS_IFD,
    GPS_TAGS,
    INTEROP_IFD,
    RENDERING_IDS,
    SUB_IFDS,
    THUMBNAIL_OFFSET,
)
from . import gainmap, jpeg
from .contract import Format
from .orientation import EXIF_PREFIX

# Pointers to further IFDs: followed, not residue themselves (their IFDs are read).
_POINTERS = {EXIF_IFD: "ExifIFD", GPS_IFD: "GPS", INTEROP_IFD: "InteropIFD"}
MAX_SUB_IFDS = 16
_T = TypeVar("_T")


def verify(fmt: Format, cleaned: bytes, *, drop_hdr: bool = False) -> None:
    """Re-read `cleaned` and raise `CleaningFailed` if anything identifying remains
    (or, with `drop_hdr`, any HDR gain map)."""
    try:
        container = fmt.read(cleaned)
    except CorruptImage as exc:
        raise CleaningFailed(fmt.NAME, [f"the output does not parse: {exc.reason}"]) from exc
    remaining = residue(container, drop_hdr=drop_hdr)
    if remaining:
        raise CleaningFailed(container.format, remaining)


def residue(container: Container, *, drop_hdr: bool = False) -> list[str]:
    """Names of whatever in `container` is not needed to render the image (its HDR
    gain maps, de-identified, are needed unless `drop_hdr`)."""
    left: list[str] = []
    for blob in container.exif:
        left += exif_residue(blob)
    if any(drop_hdr or gainmap.read_packet(packet).residue for packet in container.xmp):
        left.append("XMP")
    if container.iptc:
        left.append("IPTC")
    if container.photoshop:
        left.append("Photoshop resources")
    if container.credentials:
        left.append("C2PA Content Credentials")
    left += [f"{block.vendor} {block.name}" for block in container.vendor]
    left += [f"{t.source} {t.key}" for t in container.text]
    for picture in container.pictures:
        if picture.kind == "gain_map" and not drop_hdr:
            left += [f"gain map ({picture.source}): {name}" for name in _gain_map_residue(picture)]
        else:
            left.append(f"{picture.kind} ({picture.source})")
    if container.trailer is not None:
        left.append(f"{container.trailer.length} bytes after the image")
    left += container.extra
    return left


def exif_residue(blob: bytes) -> list[str]:
    """The "group:name" of every EXIF tag in `blob` that rendering does not need.

    The IFD tree is walked as the metadata decoder walks it (IFD0's chain, ExifIFD,
    GPS, InteropIFD, SubIFDs); XMP, IPTC and Photoshop blocks stored as tags count
    too. A blob that is not TIFF-structured holds no tags.
    """
    data = bytes(blob).removeprefix(EXIF_PREFIX)
    walker = IfdWalker.tiff(data, policy=Policy.TOLERANT, label="EXIF")
    left: list[str] = []
    queue = [(walker.first, "IFD0")] if walker.first else []
    page = sub_ifds = 0
    while queue:
        offset, group = queue.pop(0)
        ifd = walker.ifd(offset, group)
        if ifd is None:
            continue
        if group == "GPS":
            left += [f"GPS:{GPS_TAGS.get(e.tag) or _unnamed(e.tag)}" for e in ifd.entries]
            continue
        for entry in ifd.entries:
            if entry.tag in _POINTERS:
                target = _followed(walker.integer, ifd, entry)
                if target:
                    queue.append((target, _POINTERS[entry.tag]))
            elif entry.tag == SUB_IFDS:
                for target in _followed(walker.ints, ifd, SUB_IFDS, MAX_SUB_IFDS) or ():
                    queue.append((target, "SubIFD" + (str(sub_ifds) if sub_ifds else "")))
                    sub_ifds += 1
            elif entry.tag not in RENDERING_IDS:
                left.append(f"{group}:{EXIF_TAGS.get(entry.tag) or _unnamed(entry.tag)}")
                if entry.tag == THUMBNAIL_OFFSET and group != "IFD0":
                    left.append("EXIF thumbnail")
        if group == f"IFD{page}" and ifd.next:
            page += 1
            queue.append((ifd.next, f"IFD{page}"))
    return left


def _gain_map_residue(picture: Picture) -> list[str]:
    """What a kept gain map holds besides its pixels and parameters. One stored as a
    JPEG is re-read whole; one stored as items of the file (HEIF) has its metadata
    items and properties listed in the container itself."""
    if picture.data is None:
        return []
    if picture.media_type != "image/jpeg":
        return ["a gain map that is not a JPEG"]
    try:
        return residue(jpeg.read(picture.data))
    except CorruptImage as exc:
        return [f"unreadable ({exc.reason})"]


def _unnamed(tag: int) -> str:
    return f"Exif_0x{tag:04x}"


def _followed(read: Callable[..., _T], *args: Any) -> _T | None:
    """A pointer's value, or None when it cannot be read (nothing to follow)."""
    try:
        return read(*args)
    except BadValue:
        return None
