"""What the APPn and COM segments of a JPEG hold, sorted into a Container.

An APPn segment names its content with an identifier at the start of its
payload ("Exif\\0\\0", "ICC_PROFILE\\0", "MPF\\0"...). Some blocks span several
segments and are put back together here: the ICC profile (chunks ordered by
sequence number), Photoshop IRB data (concatenated) and extended XMP (chunks
placed by offset, grouped by GUID, one packet per GUID).

APP2 "MPF" holds the Multi-Picture index: a little TIFF whose MPEntry table
gives each image's type, size and offset (from the start of that TIFF header).
The extra images live after the main image's EOI; `Blocks.finish` reports them
as pictures, and reports as the trailer only the bytes after EOI they do not
cover (motion-photo videos, Samsung SEFT trailers, gain maps listed in XMP...).
The MP index is read by mpf.py, tolerant: a bad index never makes the image
unreadable, it only gives no picture. An MP image whose own header says it is an
HDR gain map (hdr.py) is a "gain_map" picture; APP2 ISO 21496-1 segments hold its
parameters and are kept with it.

InfiRay thermal cameras (P2 Pro...) mark their files with an APP2 "IJPEG\\0"
header (after a 4-byte version); the APP3 to APP9 segments after it are theirs:
APP3 the thermal (and visible) imaging data, a picture of the scene; APP9 the
sensors' record (makers, part and serial numbers), handed on as a vendor block
for the maker-note tables. As exiftool does, APP9 counts only from 768 bytes.
Galaxy phones put a 32-byte id in APP5 "ssuniqueid\\0", handed on the same way.

APP11 "JP" segments hold JUMBF boxes; those that are a C2PA manifest store
(Content Credentials, possibly split over many segments) are joined by
`formats.jumbf` and reported as credentials.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ...records import Container, Picture, PictureKind, TextEntry, Trailer, VendorBlock
from ...structure.ifd import TIFF_HEADERS
from ..appended import attach
from ..jumbf import APP11_ID, App11Pieces, is_manifest_store
from . import hdr
from .extended import ExtendedXmp
from .mpf import MPF, mp_images
from .signatures import (
    ADOBE,
    APP0,
    APP1,
    APP2,
    APP3,
    APP5,
    APP9,
    APP11,
    APP13,
    APP14,
    COM,
    EXIF,
    ICC_HEADER,
    ICC_PROFILE,
    IJPEG,
    ISO_21496,
    JFIF,
    JFXX,
    PHOTOSHOP,
    SAMSUNG_ID,
    XMP,
    XMP_EXTENSION,
    XMP_LOOSE,
)

INFIRAY = "InfiRay"
INFIRAY_APPS = range(APP3, APP9 + 1)
INFIRAY_SENSOR_MIN = 768

# Trailers up to this size are returned whole; longer ones as their first bytes.
TRAILER_WHOLE = 64 << 10
TRAILER_PREFIX = 4 << 10

# MP type code (low 24 bits of the attribute) -> what the image is to a person.
_MP_KINDS: dict[int, PictureKind] = {0x010001: "preview", 0x010002: "preview"}
# Identifiers that are not readable text, by (marker, payload prefix).
_KNOWN_NAMES = {(APP11, APP11_ID): "JUMBF"}
_IDENT_CHARS = re.compile(rb"[A-Za-z0-9 _.:/-]+")
_IDENT_MAX = 24


class Blocks:
    """Collects a JPEG's APPn/COM payloads while the marker walk goes by."""

    def __init__(self, data: bytes, found: Container) -> None:
        self.data = data
        self.found = found
        self._icc: list[tuple[int, bytes]] = []
        self._photoshop: list[bytes] = []
        self._xmp_parts = ExtendedXmp()
        self._mpf: tuple[int, int] | None = None  # (start of the MP TIFF header, segment end)
        self._jumbf = App11Pieces()
        self._infiray = False  # an APP2 "IJPEG" header came by: APP3-APP9 are InfiRay's

    def add(self, marker: int, start: int, end: int) -> None:
        """Sort the APPn or COM segment at data[start:end] into the container."""
        body = start + 4
        if marker == COM:
            self.found.text.append(TextEntry("JPEG COM", "Comment", _text(self.data[body:end])))
            return
        for app, signature, reader in _READERS:
            if app == marker and self.data.startswith(signature, body, end):
                reader(self, body + len(signature), end)
                return
        if marker == APP2 and self.data.startswith(IJPEG, body + 4, end):
            self._infiray = True
            self.found.note(f"APP2 {INFIRAY}")
            return
        if self._infiray and marker in INFIRAY_APPS:
            self._infiray_block(marker, body, end)
            return
        self.found.note(f"APP{marker - APP0} {identifier(self.data, marker, body, end)}".rstrip())

    def finish(self, eoi_end: int) -> Container:
        """Assemble the multi-segment blocks; report MPF pictures and the trailer."""
        found = self.found
        if self._icc:
            found.icc = b"".join(chunk for _, chunk in sorted(self._icc, key=lambda c: c[0]))
        if self._photoshop:
            found.photoshop.append(b"".join(self._photoshop))
        packets, problems = self._xmp_parts.packets(found.xmp)
        found.xmp += packets
        found.problems += problems
        found.credentials += [s for s in self._jumbf.stores() if is_manifest_store(s)]
        covered: list[tuple[int, int]] = []
        if self._mpf is not None:
            covered = self._mpf_pictures(*self._mpf, eoi_end)
        trailer = _trailer(self.data, eoi_end, covered)
        found.trailer = attach(self.data, trailer, found) if trailer else None
        return found

    # Readers: each gets the payload after its identifier, data[body:end].

    def _exif(self, body: int, end: int) -> None:
        blob = self.data[body + 1 : end]  # skip the pad byte after "Exif\0"
        if blob[:4] in TIFF_HEADERS:
            self.found.exif.append(blob)
        else:
            self.found.note("APP1 Exif (not TIFF-structured)")

    def _xmp(self, body: int, end: int) -> None:
        self.found.xmp.append(self.data[body:end])

    def _loose_xmp(self, body: int, end: int) -> None:
        start = self.data.find(b"<", body, end)  # the packet starts after the identifier
        if start < 0:
            self.found.note("APP1 XMP (no packet)")
        else:
            self.found.xmp.append(self.data[start:end])

    def _xmp_extension(self, body: int, end: int) -> None:
        # GUID (32 hex digits), full length (u32), this chunk's offset (u32), the chunk.
        if end - body < 40:
            self.found.note("APP1 XMP extension (truncated header)")
            return
        length = int.from_bytes(self.data[body + 32 : body + 36], "big")
        offset = int.from_bytes(self.data[body + 36 : body + 40], "big")
        self._xmp_parts.add(self.data[body : body + 32], length, offset, self.data[body + 40 : end])

    def _icc_chunk(self, body: int, end: int) -> None:
        # Sequence number (1-based), chunk count, then the chunk.
        if end - body < ICC_HEADER - len(ICC_PROFILE):
            self.found.note("APP2 ICC_PROFILE (truncated header)")
            return
        self._icc.append((self.data[body], self.data[body + 2 : end]))

    def _mp_index(self, body: int, end: int) -> None:
        if self._mpf is None:  # only the main image's index counts
            self._mpf = (body, end)

    def _jumbf_piece(self, body: int, end: int) -> None:
        self.found.note("APP11 JUMBF")
        self._jumbf.add(self.data[body - len(APP11_ID) : end])

    def _photoshop_irb(self, body: int, end: int) -> None:
        self._photoshop.append(self.data[body:end])

    def _jfif(self, body: int, end: int) -> None:
        # Version (2), units (1), densities (2 + 2), thumbnail width, height (1 + 1), RGB.
        if end - body >= 9 and self.data[body + 7] and self.data[body + 8]:
            self.found.pictures.append(Picture("thumbnail", "JFIF"))

    def _jfxx(self, body: int, end: int) -> None:
        # Extension code: 0x10 a JPEG thumbnail, 0x11 a palette one, 0x13 an RGB one.
        code = self.data[body] if end > body else None
        if code == 0x10:
            thumb = self.data[body + 1 : end]
            self.found.pictures.append(Picture("thumbnail", "JFXX", thumb, "image/jpeg"))
        elif code in (0x11, 0x13):
            self.found.pictures.append(Picture("thumbnail", "JFXX"))
        else:
            self.found.note("APP0 JFXX")

    def _infiray_block(self, marker: int, body: int, end: int) -> None:
        self.found.note(f"APP{marker - APP0} {INFIRAY}")
        if marker == APP3:
            picture = Picture("extra_image", f"{INFIRAY} thermal data")
            if picture not in self.found.pictures:  # the data spans many APP3 segments
                self.found.pictures.append(picture)
        elif marker == APP9 and end - body >= INFIRAY_SENSOR_MIN:
            self.found.vendor.append(VendorBlock(INFIRAY, "Sensor", self.data[body:end]))

    def _samsung_id(self, body: int, end: int) -> None:
        self.found.note("APP5 Samsung")
        self.found.vendor.append(VendorBlock("Samsung", "UniqueID", self.data[body:end]))

    def _rendering(self, body: int, end: int) -> None:
        """Blocks strip keeps and nobody needs to be told of (APP14 Adobe: colour transform)."""

    def _mpf_pictures(self, base: int, end: int, eoi_end: int) -> list[tuple[int, int]]:
        """Add a Picture per non-primary MP entry; return the extents they cover.

        The index itself is named among the blocks strip removes unless every image
        it lists is a gain map: strip then writes it again, holding nothing else.
        """
        try:
            _, images, problems = mp_images(self.data, base, end, eoi_end)
        except ValueError:
            self.found.note("APP2 MPF index unreadable")
            return []
        for problem in problems:
            self.found.note(problem)
        kinds: list[PictureKind] = []
        for image in images:
            picture = self.data[image.start : image.end]
            media = "image/jpeg" if picture.startswith(b"\xff\xd8") else None
            if hdr.is_gain_map(picture):
                kind: PictureKind = "gain_map"
            else:
                kind = _MP_KINDS.get(image.attribute & 0xFFFFFF, "extra_image")
            kinds.append(kind)
            self.found.pictures.append(Picture(kind, "MPF", picture, media))
        if not kinds or problems or any(kind != "gain_map" for kind in kinds):
            self.found.note("APP2 MPF")
        return [(image.start, image.end) for image in images]

    def _gain_map_metadata(self, body: int, end: int) -> None:
        """ISO 21496-1 gain map metadata: numbers a gain map needs, said with the map."""


# (marker, identifier, reader), tried in order.
_READERS: tuple[tuple[int, bytes, Callable[[Blocks, int, int], None]], ...] = (
    (APP0, JFIF, Blocks._jfif),
    (APP0, JFXX, Blocks._jfxx),
    (APP1, EXIF, Blocks._exif),
    (APP1, XMP, Blocks._xmp),
    (APP1, XMP_EXTENSION, Blocks._xmp_extension),
    *((APP1, loose, Blocks._loose_xmp) for loose in XMP_LOOSE),
    (APP2, ICC_PROFILE, Blocks._icc_chunk),
    (APP2, MPF, Blocks._mp_index),
    (APP2, ISO_21496, Blocks._gain_map_metadata),
    (APP5, SAMSUNG_ID, Blocks._samsung_id),
    (APP11, APP11_ID, Blocks._jumbf_piece),
    (APP13, PHOTOSHOP, Blocks._photoshop_irb),
    (APP14, ADOBE, Blocks._rendering),
)


def identifier(data: bytes, marker: int, body: int, end: int) -> str:
    """A short readable name for an APPn payload from its leading identifier."""
    head = data[body : min(end, body + _IDENT_MAX)]
    for (app, prefix), name in _KNOWN_NAMES.items():
        if app == marker and head.startswith(prefix):
            return name
    found = _IDENT_CHARS.search(head.split(b"\x00", 1)[0])
    return found.group().decode("ascii").strip() if found else ""


def _text(raw: bytes) -> str:
    raw = raw.rstrip(b"\x00")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("latin-1")


def _trailer(data: bytes, eoi_end: int, covered: list[tuple[int, int]]) -> Trailer | None:
    """The bytes after EOI that no MPF image covers, or None when there are none.

    `offset` is where the first uncovered byte is, `length` counts every
    uncovered byte, and `data` holds them (their first TRAILER_PREFIX bytes when
    there are more than TRAILER_WHOLE).
    """
    gaps, pos = [], eoi_end
    for start, stop in sorted(covered):
        if start > pos:
            gaps.append((pos, start))
        pos = max(pos, stop)
    if pos < len(data):
        gaps.append((pos, len(data)))
    if not gaps:
        return None
    length = sum(stop - start for start, stop in gaps)
    keep = length if length <= TRAILER_WHOLE else TRAILER_PREFIX
    parts = []
    for start, stop in gaps:
        parts.append(data[start : min(stop, start + keep)])
        keep -= len(parts[-1])
        if not keep:
            break
    return Trailer(gaps[0][0], length, b"".join(parts))
