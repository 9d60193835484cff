"""TIFF: a header and a chain of IFDs (image file directories), one per page.

    "II" 42 <IFD0 offset>  ->  IFD0 -> IFD1 -> ... -> 0   (or "MM" for big endian)

Each IFD lists tags; image data lives in strips or tiles the IFD points to. IFD0
also points to the EXIF and GPS IFDs and may hold XMP (700), IPTC (33723),
Photoshop resources (34377) and an ICC profile (34675). Pages whose NewSubfileType
says "reduced resolution", and SubIFDs (330), are hidden pictures: thumbnails and
previews that may show an uncropped original.

read returns the whole file as the EXIF blob (the metadata decoder walks the IFD
chain, ExifIFD, GPS and SubIFDs itself, and reports JPEG thumbnails and previews
stored as JPEGInterchangeFormat streams), routes the XMP/IPTC/Photoshop/ICC blobs
of every IFD, and lists the hidden pictures stored as strips or tiles, each with a
small TIFF holding only it, so that it can be compared with the main image.

strip rebuilds the file: one new IFD per full-resolution page holding only the
tags decoding needs (see `KEPT`), the strips or tiles copied unchanged with their
offsets recomputed, in the same byte order. Everything else is gone: text tags,
EXIF/GPS IFDs, XMP, IPTC, Photoshop, SubIFDs, reduced-resolution pages, private
tags, maker notes and any bytes nothing points to. A TIFF has no end marker, so the
only trailers read are those a footer announces (Samsung SEF, AFCP, FotoStation).
Old-style JPEG (compression 6) and camera raw files (DNG, or an IFD0 that is only a
preview) are refused, since their image data cannot be carried over losslessly this
way. BigTIFF is refused.
"""

from __future__ import annotations

from ...errors import CorruptImage, ThinkTwiceError, UnsupportedFormat
from ...records import Container, Picture, PictureKind
from ...structure.ifd import Ifd
from .. import declared
from ..appended import footed
from .file import NAME, TAG_IDS, TiffFile, tag_label
from .write import rebuild

__all__ = ["KEPT", "KINDS", "MEDIA_TYPE", "NAME", "read", "sniff", "strip"]

KINDS, sniff = declared(NAME)  # written once, in the registry (formats/__init__.py)
MEDIA_TYPE = KINDS[0].media_type

# What decoding needs, by name; every other tag is dropped.
KEPT = frozenset(
    TAG_IDS[name]
    for name in (
        "NewSubfileType", "ImageWidth", "ImageLength", "BitsPerSample", "Compression",
        "PhotometricInterpretation", "FillOrder", "StripOffsets", "Orientation",
        "SamplesPerPixel", "RowsPerStrip", "StripByteCounts", "XResolution", "YResolution",
        "PlanarConfiguration", "T4Options", "T6Options", "ResolutionUnit", "PageNumber",
        "TransferFunction", "Predictor", "WhitePoint", "PrimaryChromaticities", "ColorMap",
        "TileWidth", "TileLength", "TileOffsets", "TileByteCounts", "InkSet", "ExtraSamples",
        "SampleFormat", "JPEGTables", "YCbCrCoefficients", "YCbCrSubSampling",
        "YCbCrPositioning", "ReferenceBlackWhite", "ICCProfile",
    )
)  # fmt: skip

# Blobs routed to the container: tag -> Container list attribute.
_BLOBS = {TAG_IDS["XMP"]: "xmp", TAG_IDS["IPTC-NAA"]: "iptc", TAG_IDS["Photoshop"]: "photoshop"}
# NewSubfileType bit 0, and the old SubfileType value, for a reduced-resolution image.
_REDUCED_BIT = 1
_OLD_REDUCED = 2
# A hidden picture no larger than this on its longest side is called a thumbnail.
_THUMBNAIL_MAX_SIDE = 256
_ICC = TAG_IDS["ICCProfile"]
_JPEG_START = TAG_IDS["JPEGInterchangeFormat"]
_HEADER = 8  # byte order, 42 and IFD0's offset: no trailer starts before it
# Room over twice the file size for what read copies out (rebuilt pictures' IFDs).
_SLACK = 1 << 20


def read(data: bytes) -> Container:
    """The metadata blocks and hidden pictures of a TIFF file, still as bytes."""
    tiff = TiffFile(data)
    pages, hidden = _pages(tiff)
    ifd0 = pages[0]
    subifds = [
        tiff.ifd(offset, f"SubIFD {index} of {page.name}")
        for page in pages
        for index, offset in enumerate(tiff.ints(page, TAG_IDS["SubIFDs"]))
    ]
    container = Container(
        format=NAME,
        media_type=MEDIA_TYPE,
        width=tiff.first_int(ifd0, TAG_IDS["ImageWidth"], 0) or None,
        height=tiff.first_int(ifd0, TAG_IDS["ImageLength"], 0) or None,
        frames=len(pages),
        exif=[data],
    )
    copies = _Copies(tiff)
    # JPEG streams are the EXIF decoder's to report: only strips and tiles here.
    for ifd in hidden:
        if _JPEG_START not in ifd.by_tag:
            picture = copies.picture(ifd)
            container.pictures.append(Picture(_kind(tiff, ifd), ifd.name, *picture))
    for ifd in subifds:
        if _JPEG_START not in ifd.by_tag:
            container.pictures.append(Picture("preview", "SubIFD", *copies.picture(ifd)))
    for ifd in pages + hidden + subifds:
        for tag, attribute in _BLOBS.items():
            blobs: list[bytes] = getattr(container, attribute)
            if tag in ifd.by_tag and (blob := copies.value(ifd, tag)) not in blobs:
                blobs.append(blob)
        if _ICC in ifd.by_tag and container.icc is None:
            container.icc = copies.value(ifd, _ICC)
    container.trailer = footed(data, _HEADER, container)
    return container


def strip(data: bytes, *, drop_hdr: bool = False) -> bytes:
    """The same TIFF rebuilt with only what decoding needs (see the module docstring).

    A TIFF holds no HDR gain map: `drop_hdr` changes nothing.
    """
    tiff = TiffFile(data)
    pages, _ = _pages(tiff)
    ifd0 = pages[0]
    if TAG_IDS["DNGVersion"] in ifd0.by_tag:
        raise UnsupportedFormat(
            "a DNG raw image", "DNG raw images cannot be cleaned losslessly: export a TIFF first."
        )
    if _is_reduced(tiff, ifd0):
        raise UnsupportedFormat(
            "a camera raw file",
            "IFD0 of this TIFF is a reduced-resolution preview (a camera raw file); "
            "cleaning it would drop the raw image.",
        )
    return rebuild(tiff, pages, KEPT)


def _pages(tiff: TiffFile) -> tuple[list[Ifd], list[Ifd]]:
    """The main chain split into full-resolution pages (IFD0 always) and hidden pictures."""
    ifd0, *rest = tiff.chain()
    pages = [ifd0] + [ifd for ifd in rest if not _is_reduced(tiff, ifd)]
    return pages, [ifd for ifd in rest if _is_reduced(tiff, ifd)]


def _is_reduced(tiff: TiffFile, ifd: Ifd) -> bool:
    """A reduced-resolution copy: by its subfile type, or an EXIF-style JPEG thumbnail."""
    jpeg_only = _JPEG_START in ifd.by_tag and not (
        {TAG_IDS["StripOffsets"], TAG_IDS["TileOffsets"]} & ifd.by_tag.keys()
    )
    return (
        bool(tiff.first_int(ifd, TAG_IDS["NewSubfileType"], 0) & _REDUCED_BIT)
        or tiff.first_int(ifd, TAG_IDS["SubfileType"], 0) == _OLD_REDUCED
        or jpeg_only
    )


def _kind(tiff: TiffFile, ifd: Ifd) -> PictureKind:
    side = max(
        tiff.first_int(ifd, TAG_IDS["ImageWidth"], 0),
        tiff.first_int(ifd, TAG_IDS["ImageLength"], 0),
    )
    return "thumbnail" if 0 < side <= _THUMBNAIL_MAX_SIDE else "preview"


class _Copies:
    """Bytes copied out of the file for read: each region once, all within a budget.

    IFDs may point many times at the same or overlapping bytes; without a budget a
    small hostile file could make read hold many times its own size.
    """

    def __init__(self, tiff: TiffFile) -> None:
        self.tiff = tiff
        self.left = 2 * len(tiff.data) + _SLACK
        self._done: dict[tuple[int, int], bytes] = {}

    def value(self, ifd: Ifd, tag: int) -> bytes:
        """The value bytes of `tag` in `ifd`."""
        entry = ifd.by_tag[tag]
        key = (entry.offset, entry.size)
        if key not in self._done:
            self._done[key] = self._take(ifd, tag, self.tiff.raw(ifd, entry))
        return self._done[key]

    def picture(self, ifd: Ifd) -> tuple[bytes | None, str | None]:
        """A hidden picture as a TIFF holding only it, and its media type.

        A picture whose data cannot be carried out (corrupt, old-style JPEG, over
        the budget) is still reported, without data: strip drops it either way.
        """
        try:
            alone = rebuild(self.tiff, [ifd], KEPT, limit=self.left)
            self.left -= len(alone)
            return alone, MEDIA_TYPE
        except ThinkTwiceError:
            return None, None

    def _take(self, ifd: Ifd, tag: int, raw: bytes) -> bytes:
        if len(raw) > self.left:
            raise CorruptImage(
                NAME,
                f"{ifd.name} {tag_label(tag)} ({len(raw)} bytes) takes what read copies past "
                "twice the file's size: the IFDs point at the same bytes over and over",
            )
        self.left -= len(raw)
        return bytes(raw)
