"""Decoders for the metadata blocks containers carry (EXIF, XMP, IPTC, Photoshop).

`decode(container)` turns a `Container`'s raw blocks into the flat `Metadata`
view the findings read. Blocks nest: EXIF can hold XMP, IPTC and Photoshop
blocks as TIFF tags, and a Photoshop IRB can hold IPTC, EXIF and XMP; each goes
through the same decoder wherever it was found (a block already listed by the
container is not decoded twice). C2PA manifest stores are read by c2pa.py: their
credentials, the tags of their exif assertions and their thumbnails. Vendor
blocks (InfiRay's sensor record), and maker notes XMP holds as base64, are read
by the maker-note tables.

A broken block never makes `decode` fail: the image is still valid and strip
removes the block anyway. What could not be read is listed in `problems`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

from ..models import Metadata
from ..records import Container, Picture
from . import c2pa, exif, geotiff, iptc, makernotes, oplus, photoshop, sef, xmp
from .trailer import read_trailer

MAX_NESTING = 4  # EXIF in Photoshop in EXIF...: real files nest once or twice


@dataclass(slots=True)
class _Blocks:
    """Blocks waiting to be decoded, and the ones already queued (by content).

    The container's own EXIF blocks are not hashed: in a TIFF file that block is
    the whole file, and nothing nested can equal it.
    """

    queue: deque[tuple[str, bytes, int]] = field(default_factory=deque)
    seen: set[tuple[str, bytes]] = field(default_factory=set)

    def add(self, kind: str, blocks: list[bytes], depth: int) -> None:
        for block in blocks:
            if kind == "EXIF" and depth == 0:
                self.queue.append((kind, block, depth))
            elif (kind, block) not in self.seen:
                self.seen.add((kind, block))
                self.queue.append((kind, block, depth))


def decode(container: Container) -> Metadata:
    """Every tag, picture and problem of `container`; never raises for broken blocks."""
    meta = Metadata(
        format=container.format,
        text=list(container.text),
        pictures=list(container.pictures),
        trailer=read_trailer(container.trailer) if container.trailer else None,
        extra=list(container.extra),
        clips=list(container.clips),
        problems=list(container.problems),
        blocks=list(container.blocks),
    )
    named = (*meta.blocks, *(meta.trailer.blocks if meta.trailer else ()))
    samsung, unread = sef.tags(named)
    meta.tags += samsung + oplus.tags(named)
    meta.problems += unread
    blocks = _Blocks()
    for kind, found in (
        ("EXIF", container.exif),
        ("XMP", container.xmp),
        ("IPTC", container.iptc),
        ("Photoshop", container.photoshop),
    ):
        blocks.add(kind, found, 0)
    while blocks.queue:
        kind, block, depth = blocks.queue.popleft()
        if depth > MAX_NESTING:
            meta.problems.append(f"{kind} block nested more than {MAX_NESTING} deep was skipped")
            continue
        try:
            _DECODERS[kind](block, depth, meta, blocks)
        except Exception as exc:
            # The boundary: a decoder bug must not turn a valid image into an error
            # (the block is stripped anyway); the sub-decoders are tested not to raise.
            meta.problems.append(f"{kind} block could not be decoded ({type(exc).__name__})")
    for store in container.credentials:
        _credentials(store, meta)
    for vendor_block in container.vendor:
        note = makernotes.decode_block(vendor_block)  # never raises: a short block gives less
        meta.tags += note.tags
        _add_pictures(meta, note.pictures)
    return meta


def _credentials(store: bytes, meta: Metadata) -> None:
    found = c2pa.decode(store)  # never raises for a broken store: says so in problems
    if found.credentials is not None:
        meta.credentials.append(found.credentials)
    meta.tags += found.tags
    _add_pictures(meta, found.pictures)
    meta.problems += found.problems


def _exif(block: bytes, depth: int, meta: Metadata, blocks: _Blocks) -> None:
    found = exif.decode(block)
    meta.tags += found.tags
    meta.tags += geotiff.tags(found.tags)
    _add_pictures(meta, found.pictures)
    meta.problems += found.problems
    blocks.add("XMP", found.xmp, depth + 1)
    blocks.add("IPTC", found.iptc, depth + 1)
    blocks.add("Photoshop", found.photoshop, depth + 1)


def _xmp(block: bytes, depth: int, meta: Metadata, blocks: _Blocks) -> None:
    found = xmp.decode(block)
    meta.tags += found.tags
    meta.problems += found.problems
    for tag in found.tags:  # Google keeps its HDR+ maker note in XMP too
        note = makernotes.in_xmp(tag)
        meta.tags += note.tags
        _add_pictures(meta, note.pictures)


def _iptc(block: bytes, depth: int, meta: Metadata, blocks: _Blocks) -> None:
    found = iptc.decode(block)
    meta.tags += found.tags
    _add_pictures(meta, found.pictures)
    meta.problems += found.problems


def _photoshop(block: bytes, depth: int, meta: Metadata, blocks: _Blocks) -> None:
    found = photoshop.decode(block)
    meta.tags += found.tags
    _add_pictures(meta, found.pictures)
    meta.problems += found.problems
    blocks.add("EXIF", found.exif, depth + 1)
    blocks.add("XMP", found.xmp, depth + 1)
    blocks.add("IPTC", found.iptc, depth + 1)


def _add_pictures(meta: Metadata, pictures: list[Picture]) -> None:
    """Add pictures the container did not already list (it may report the EXIF
    thumbnail itself)."""
    meta.pictures += [p for p in pictures if p not in meta.pictures]


_DECODERS: dict[str, Callable[[bytes, int, Metadata, _Blocks], None]] = {
    "EXIF": _exif,
    "XMP": _xmp,
    "IPTC": _iptc,
    "Photoshop": _photoshop,
}
