"""Real maker notes, built byte by byte the way each vendor lays them out, inside a
real JPEG's EXIF block, and the two readers that judge them: exiftool and ours.

A note builder gets `at`, the absolute offset the note will have in the TIFF
block (many vendors count offsets from the TIFF header), and returns the note.
Long values sit out of line, so a wrong offset origin gives a wrong answer.
"""

from __future__ import annotations

import struct
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from tests.metadata.builders import ASCII, LONG, UNDEFINED, Entry, TiffBuilder, note_ifd
from tests.support.containers import after_soi, jpeg_segment
from tests.support.exiftool import EXIFTOOL
from tests.support.images import encode, photo
from thinktwice.metadata import exif
from thinktwice.models import Finding, Kind
from thinktwice.pipeline import inspect

NoteBuilder = Callable[[int], bytes]
IMAGE = encode(photo(64, 48), "JPEG", quality=85)
PREVIEW = encode(photo(48, 32, seed=7), "JPEG", quality=60)  # a preview JPEG inside a note
# How exiftool shows that it found the preview.
PREVIEW_SHOWN = {"PreviewImage": f"(Binary data {len(PREVIEW)} bytes, use -b option to extract)"}


def text(tag: int, value: str, size: int | None = None) -> Entry:
    """An ASCII entry, NUL-padded to `size` bytes when given (Canon's OwnerName is 32)."""
    data = value.encode() + b"\0"
    if size is not None:
        data = data.ljust(size, b"\0")
    return (tag, ASCII, len(data), data)


def raw(tag: int, data: bytes) -> Entry:
    """An UNDEFINED entry."""
    return (tag, UNDEFINED, len(data), data)


def longs(e: str, tag: int, *values: int, typ: int = LONG) -> Entry:
    """A LONG (or IFD-typed) entry of `values` in byte order `e`."""
    return (tag, typ, len(values), struct.pack(f"{e}{len(values)}I", *values))


def ifd_size(entries: list[Entry]) -> int:
    """Bytes an IFD takes with its out-of-line values (as `note_ifd` lays them out)."""
    out_of_line = sum(len(p) + (len(p) & 1) for _, _, _, p in entries if len(p) > 4)
    return 2 + 12 * len(entries) + 4 + out_of_line


def jpeg_with_note(make: str, model: str, note: NoteBuilder, order: bytes = b"II") -> bytes:
    """A JPEG whose EXIF names `make` and `model` and holds the maker note `note`
    builds (no DateTimeOriginal: any capture time comes from the note)."""
    builder = TiffBuilder(order)
    at = builder.data_start(1)
    exif_ifd = builder.ifd([builder.undefined(0x927C, note(at))])
    entries = [builder.long(0x8769, exif_ifd)]
    if model:
        entries.insert(0, builder.ascii(0x0110, model))
    if make:
        entries.insert(0, builder.ascii(0x010F, make))
    tiff = builder.finish(builder.ifd(entries))
    return after_soi(IMAGE, jpeg_segment(0xE1, b"Exif\0\0" + tiff))


def exiftool_maker_tags(jpeg: bytes, unknown: bool = False) -> dict[str, object]:
    """What exiftool reads in the maker note: {name: printed value} (as text: its JSON
    would turn "1.300" into 1.3); with `unknown`, the tags it has no name for too
    ("Unknown_0x0211", for notes it has no table for)."""
    return exiftool_group_tags(jpeg, "MakerNotes", unknown)


def exiftool_group_tags(jpeg: bytes, group: str, unknown: bool = False) -> dict[str, object]:
    """What exiftool reads in its tag `group` of the JPEG: {name: printed value}."""
    assert EXIFTOOL, "exiftool is required (Debian: libimage-exiftool-perl)"
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "note.jpg"
        path.write_bytes(jpeg)
        out = subprocess.run(
            [EXIFTOOL, "-s", "-a", *(["-U"] if unknown else []), f"-{group}:all", str(path)],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    pairs = (line.split(":", 1) for line in out.splitlines() if ":" in line)
    return {name.strip(): value.strip() for name, value in pairs}


def our_exif(jpeg: bytes) -> exif.ExifData:
    """What our EXIF decoder reads in the JPEG's APP1 EXIF segment."""
    start = jpeg.index(b"Exif\0\0")
    (length,) = struct.unpack(">H", jpeg[start - 2 : start])
    return exif.decode(jpeg[start : start - 2 + length])


def our_maker_tags(jpeg: bytes) -> dict[str, object]:
    """What our EXIF decoder reads in the maker note: {name: value}."""
    data = our_exif(jpeg)
    return {t.name: t.value for t in data.tags if t.group.startswith("MakerNotes-")}


def findings(jpeg: bytes) -> dict[Kind, Finding]:
    """The metadata findings of `jpeg`, by kind."""
    report = inspect(jpeg, "photo.jpg", pixels=False)
    return {f.kind: f for f in report.findings}


def said(finding: Finding) -> tuple[object, str]:
    """A finding's severity and sentence."""
    return finding.severity, finding.message


def ifd_note(e: str, entries: list[Entry], at: int, base: int) -> bytes:
    """A bare IFD as a note: placed at absolute `at`, offsets counted from `base`."""
    return note_ifd(e, entries, at, base)


def payload_at(entries: list[Entry], index: int, at: int) -> int:
    """Where `note_ifd` puts entry `index`'s out-of-line value, for an IFD at `at`."""
    offset = at + 2 + 12 * len(entries) + 4
    for _, _, _, payload in entries[:index]:
        if len(payload) > 4:
            offset += len(payload) + (len(payload) & 1)
    return offset


def assert_read(
    jpeg: bytes, expected: dict[str, object], printed: dict[str, str] | None = None
) -> None:
    """exiftool reads the `expected` tags in the note (shown as `printed` where it prints
    a code by its name), and so do we."""
    shown = {name: str(value) for name, value in {**expected, **(printed or {})}.items()}
    theirs = exiftool_maker_tags(jpeg)
    assert {name: str(theirs.get(name)) for name in shown} == shown
    ours = our_maker_tags(jpeg)
    assert {name: ours.get(name) for name in expected} == expected


def our_pictures(jpeg: bytes) -> list[tuple[str, str, bytes | None, str | None]]:
    """The pictures our EXIF decoder finds in the maker note."""
    data = our_exif(jpeg)
    return [(p.kind, p.source, p.data, p.media_type) for p in data.pictures
            if p.source == "EXIF MakerNote"]  # fmt: skip
