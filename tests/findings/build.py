"""Metadata built directly, the way the decoders hand it to the findings, and the
pictures and videos the findings tests share."""

from __future__ import annotations

import struct

from PIL import Image

from tests.support.images import encode, photo
from thinktwice.findings.rule import Context, Rule
from thinktwice.models import Finding, Metadata
from thinktwice.records import Picture, Tag, TextEntry, TrailerContent

MAIN = photo(600, 400)
IMAGE = encode(MAIN, "JPEG", quality=90)


def metadata(
    *tags: tuple[str, str, object],
    text: tuple[tuple[str, str, str], ...] = (),
    pictures: tuple[Picture, ...] = (),
    trailer: TrailerContent | None = None,
    extra: tuple[str, ...] = (),
) -> Metadata:
    """A `Metadata` from (group, name, value) triples and the other parts."""
    return Metadata(
        format="jpeg",
        tags=[Tag(g, n, v) for g, n, v in tags],
        text=[TextEntry(s, k, v) for s, k, v in text],
        pictures=list(pictures),
        trailer=trailer,
        extra=list(extra),
    )


def run(rule: Rule, meta: Metadata, differs: tuple[bool | None, ...] = ()) -> list[Finding]:
    """What one rule finds in `meta`, given the thumbnail comparisons `differs`."""
    return rule(meta, Context.of(meta, differs))


def only(rule: Rule, meta: Metadata, differs: tuple[bool | None, ...] = ()) -> Finding:
    """The one finding a rule gives for `meta` (failing if there is not exactly one)."""
    found = run(rule, meta, differs)
    assert len(found) == 1, found
    return found[0]


def exif_thumbnail(data: bytes | None) -> Picture:
    """An EXIF thumbnail holding `data` (None: declared, its bytes not kept)."""
    return Picture("thumbnail", "EXIF", data, "image/jpeg")


def small(image: Image.Image) -> bytes:
    """`image` as a camera's EXIF thumbnail: at most 160 pixels a side, as a JPEG."""
    copy = image.copy()
    copy.thumbnail((160, 160))
    return encode(copy, "JPEG", quality=75)


def mp4(seconds: int = 3, version: int = 0) -> bytes:
    """The start of an MP4: ftyp, then a moov holding an mvhd with the duration."""
    ftyp = struct.pack(">I4s4sI4s", 20, b"ftyp", b"mp42", 0, b"isom")
    timescale = 1000
    if version == 1:
        body = struct.pack(">B3xQQIQ", 1, 0, 0, timescale, seconds * timescale)
    else:
        body = struct.pack(">B3xIIII", 0, 0, 0, timescale, seconds * timescale)
    mvhd = struct.pack(">I4s", 8 + len(body), b"mvhd") + body
    return ftyp + struct.pack(">I4s", 8 + len(mvhd), b"moov") + mvhd
