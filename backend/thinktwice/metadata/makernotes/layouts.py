"""Where each vendor's maker note starts, what its offsets count from, its byte order.

    Canon      plain IFD at the note start, offsets from the TIFF header
    Nikon      "Nikon\\0\\x02" + a TIFF header of its own at +10; offsets from it
    FujiFilm   "FUJIFILM" + 4-byte LE IFD offset; offsets from the note, little endian
    Olympus    "OLYMPUS\\0II": IFD at +12, offsets from the note; "OM SYSTEM\\0II": IFD at
               +16, offsets from the note; "OLYMP\\0" or "EPSON\\0": IFD at +8
    Panasonic  "Panasonic\\0\\0\\0": IFD at +12, offsets from the TIFF header
    Pentax     "AOC\\0" + byte order: IFD at +6; "PENTAX \\0" + order: IFD at +10, offsets
               from the note; "RICOH\\0" + order: IFD at +8, offsets from the note
    Ricoh      Make RICOH, "Ricoh" or a TIFF header: IFD at +8
    Sony       "SONY DSC \\0\\0\\0": IFD at +12, offsets from the TIFF header
    Samsung    plain IFD (Make SAMSUNG); offsets from the TIFF header or the note
    Apple      "Apple iOS\\0" + version + "MM": IFD at +14, offsets from the note
    Motorola   "MOT\\0" + 4 bytes: IFD at +8, offsets from the note
    Huawei     "HUAWEI\\0\\0" + a TIFF header of its own at +8; offsets from it
    Google     "HDRP\\x03" + an encrypted, gzipped protobuf (Pixel's HDR+ note; "\\x02": text)
    Reconyx    binary records, little endian, by header ("\\x01\\xf1", "RECONYXUF\\0",
               "RECONYXH2\\0")

Layouts and signatures follow exiftool's MakerNotes.pm (Huawei's, which exiftool
12.57 does not read, OpenHarmony's libexif). `BLOCKS` are the vendor blocks found
outside EXIF (formats hand them over as `VendorBlock`s), read with the same tables.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import (
    apple,
    canon,
    fujifilm,
    google,
    huawei,
    infiray,
    motorola,
    nikon,
    olympus,
    panasonic,
    pentax,
    reconyx,
    ricoh,
    samsung,
    sony,
)
from .tags import Table


@dataclass(frozen=True, slots=True)
class Layout:
    """How one kind of maker note is laid out.

    `signature` (note prefix) and `make` (upper-case Make prefix) recognise it;
    with both, both must match. `base` is the offset origin: None for the TIFF
    header, else a position in the note. The IFD starts at `ifd_at` in the note,
    or, with `ifd_pointer_at`, at base + the 4-byte offset stored there.
    `order_at` is where "II"/"MM" sits; `order` a fixed byte order; neither:
    guessed like exiftool does. `fix_base` tries the other origin when the first
    one points nowhere sensible; `footer` reads Canon's footer ("II*\\0" + the
    note's original offset), which says how far an editor moved the note.
    `binary` notes are fixed records, `tags` keyed by byte offset; `protobuf` notes
    are Google's HDRP envelope around a protobuf, `tags` keyed by field number.
    """

    vendor: str
    tags: Table
    signature: bytes = b""
    make: str = ""
    ifd_at: int = 0
    ifd_pointer_at: int | None = None
    base: int | None = None
    order_at: int | None = None
    order: str | None = None
    fix_base: bool = False
    footer: bool = False
    binary: bool = False
    protobuf: bool = False


_TIFF_LE, _TIFF_BE = b"II*\0\x08\0\0\0", b"MM\0*\0\0\0\x08"

# Tried in order: signatures first (a Nikon note can sit in any camera's file),
# then the Make for notes that start straight with an IFD.
LAYOUTS: tuple[Layout, ...] = (
    Layout("Apple", apple.TAGS, signature=b"Apple iOS\0", ifd_at=14, base=0, order_at=12),
    Layout("Nikon", nikon.TAGS, signature=b"Nikon\0\x02", ifd_pointer_at=14, base=10,
           order_at=10),
    Layout("Nikon", {}, signature=b"Nikon\0\x01", ifd_at=8, order="<"),
    Layout("FujiFilm", fujifilm.TAGS, signature=b"FUJIFILM", ifd_pointer_at=8, base=0,
           order="<"),
    Layout("FujiFilm", fujifilm.TAGS, signature=b"GENERALE", ifd_pointer_at=8, base=0,
           order="<"),
    Layout("Olympus", olympus.TAGS, signature=b"OLYMPUS\0", ifd_at=12, base=0, order_at=8),
    Layout("Olympus", olympus.TAGS, signature=b"OM SYSTEM\0", ifd_at=16, base=0, order_at=12),
    Layout("Olympus", olympus.TAGS, signature=b"OLYMP\0", ifd_at=8),
    Layout("Olympus", olympus.TAGS, signature=b"EPSON\0", ifd_at=8),
    Layout("Panasonic", panasonic.TAGS, signature=b"Panasonic\0", ifd_at=12),
    Layout("Pentax", pentax.TAGS, signature=b"AOC\0", ifd_at=6, order_at=4, fix_base=True),
    Layout("Pentax", pentax.TAGS, signature=b"PENTAX \0", ifd_at=10, base=0, order_at=8),
    Layout("Pentax", pentax.TAGS, signature=b"RICOH\0", ifd_at=8, base=0, order_at=6),
    Layout("Sony", sony.TAGS, signature=b"SONY DSC \0\0\0", ifd_at=12),
    Layout("Sony", sony.TAGS, signature=b"SONY CAM \0\0\0", ifd_at=12),
    Layout("Sony", sony.TAGS, signature=b"VHAB     \0\0\0", ifd_at=12),
    Layout("Motorola", motorola.TAGS, signature=b"MOT\0", ifd_at=8, base=0),
    Layout("Google", google.TAGS, signature=b"HDRP\x03", protobuf=True),
    Layout("Google", google.TAGS, signature=b"HDRP\x02", protobuf=True),  # text: nothing read
    Layout("Huawei", huawei.TAGS, signature=b"HUAWEI\0\0", ifd_pointer_at=12, base=8,
           order_at=8),
    Layout("Reconyx", reconyx.HYPERFIRE, signature=b"\x01\xf1\x02\0", binary=True),
    Layout("Reconyx", reconyx.HYPERFIRE, signature=b"\x01\xf1\x03\0", binary=True),
    Layout("Reconyx", reconyx.HYPERFIRE, signature=b"\x01\xf1", make="RECONYX", binary=True),
    Layout("Reconyx", reconyx.ULTRAFIRE, signature=b"RECONYXUF\0", binary=True),
    Layout("Reconyx", reconyx.HYPERFIRE2, signature=b"RECONYXH2\0", binary=True),
    Layout("Ricoh", ricoh.TAGS, signature=_TIFF_LE, make="RICOH", ifd_at=8, base=0),
    Layout("Ricoh", ricoh.TAGS, signature=_TIFF_BE, make="RICOH", ifd_at=8, base=0),
    Layout("Ricoh", ricoh.TAGS, signature=b"Ricoh", make="RICOH", ifd_at=8),
    Layout("Ricoh", ricoh.TAGS, signature=b"RICOH", make="RICOH", ifd_at=8),
    Layout("Ricoh", ricoh.TAGS, signature=b"      ", make="RICOH", ifd_at=8),
    Layout("Canon", canon.TAGS, make="CANON", footer=True),
    Layout("Nikon", nikon.TAGS, make="NIKON"),
    Layout("Sony", sony.TAGS, make="SONY"),
    Layout("Samsung", samsung.TAGS, make="SAMSUNG", fix_base=True),
    Layout("Pentax", {}, make="ASAHI"),  # Casio-like notes of the Optio 330/430: nothing to tell
)  # fmt: skip


# Vendor blocks outside EXIF, by (vendor, block name); their tags' group is the vendor.
BLOCKS: dict[tuple[str, str], Layout] = {
    ("InfiRay", "Sensor"): Layout("InfiRay", infiray.SENSOR, binary=True),
    ("Samsung", "UniqueID"): Layout("Samsung", samsung.APP5, binary=True),
}


def detect(make: str, note: bytes) -> Layout | None:
    """The layout of a maker note, from its header and the camera Make."""
    upper = make.strip().upper()
    for layout in LAYOUTS:
        if layout.signature and not note.startswith(layout.signature):
            continue
        if layout.make and not upper.startswith(layout.make):
            continue
        return layout
    return None


def tables() -> list[tuple[str, Table]]:
    """Every maker's table, once each, with the group its tags get as a pattern
    (what the findings' rows are built from)."""
    found: list[tuple[str, Table]] = []
    for group, layout in [*(("MakerNotes*", x) for x in LAYOUTS),
                          *((x.vendor, x) for x in BLOCKS.values())]:  # fmt: skip
        if layout.tags and all(layout.tags is not t for _, t in found):
            found.append((group, layout.tags))
    return found
