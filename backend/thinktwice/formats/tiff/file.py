"""A TIFF file's IFDs, read through the structure's walker under the strict policy.

A TIFF's pixels hang on its pointers, so anything out of bounds, any loop and any
cap passed is a `CorruptImage` naming the IFD, the tag and the offset (see
`thinktwice.structure.ifd`). BigTIFF is refused as unsupported.
"""

from __future__ import annotations

from ...errors import CorruptImage
from ...structure.ifd import Entry, Ifd, IfdWalker, Policy

NAME = "tiff"
MAX_PAGES = 1000

# Names for the tags this package talks about, used in error messages and tables.
TAG_NAMES = {
    254: "NewSubfileType", 255: "SubfileType", 256: "ImageWidth", 257: "ImageLength",
    258: "BitsPerSample", 259: "Compression", 262: "PhotometricInterpretation",
    266: "FillOrder", 269: "DocumentName", 270: "ImageDescription", 271: "Make",
    272: "Model", 273: "StripOffsets", 274: "Orientation", 277: "SamplesPerPixel",
    278: "RowsPerStrip", 279: "StripByteCounts", 282: "XResolution", 283: "YResolution",
    284: "PlanarConfiguration", 285: "PageName", 292: "T4Options", 293: "T6Options",
    296: "ResolutionUnit", 297: "PageNumber", 301: "TransferFunction", 305: "Software",
    306: "DateTime", 315: "Artist", 316: "HostComputer", 317: "Predictor",
    318: "WhitePoint", 319: "PrimaryChromaticities", 320: "ColorMap", 322: "TileWidth",
    323: "TileLength", 324: "TileOffsets", 325: "TileByteCounts", 330: "SubIFDs",
    332: "InkSet", 338: "ExtraSamples", 339: "SampleFormat", 347: "JPEGTables",
    513: "JPEGInterchangeFormat", 514: "JPEGInterchangeFormatLength",
    529: "YCbCrCoefficients", 530: "YCbCrSubSampling", 531: "YCbCrPositioning",
    532: "ReferenceBlackWhite", 700: "XMP", 33432: "Copyright", 33723: "IPTC-NAA",
    34377: "Photoshop", 34675: "ICCProfile", 50706: "DNGVersion",
}  # fmt: skip
TAG_IDS = {name: tag for tag, name in TAG_NAMES.items()}


def tag_label(tag: int) -> str:
    """A tag's name and number, for messages: "StripOffsets (273)"."""
    return f"{TAG_NAMES.get(tag, 'tag')} ({tag})"


class TiffFile:
    """A classic TIFF file's header and IFDs, read lazily and bounds-checked (strict)."""

    def __init__(self, data: bytes) -> None:
        self.walker = IfdWalker.tiff(
            data, policy=Policy.STRICT, label=NAME, names=TAG_NAMES, space="file",
            max_ifds=MAX_PAGES,
        )  # fmt: skip
        self.data = data
        self.order = bytes(data[:2])
        self.endian = self.walker.order

    def chain(self) -> list[Ifd]:
        """IFD0 and every IFD its `next` pointers lead to, in order."""
        if self.walker.first == 0:
            raise CorruptImage(NAME, "the header points to no IFD: the file holds no image")
        return self.walker.chain()

    def ifd(self, offset: int, name: str) -> Ifd:
        """The IFD at `offset`, its entries parsed; each IFD may be read only once."""
        ifd = self.walker.ifd(offset, name)
        assert ifd is not None  # strict: a broken IFD raised
        return ifd

    def raw(self, ifd: Ifd, entry: Entry) -> bytes:
        """The value bytes of `entry`, checked to lie inside the file."""
        return self.walker.raw(ifd, entry)

    def region(self, ifd: Ifd, tag: int, offset: int, length: int) -> memoryview:
        """data[offset:offset+length], or a `CorruptImage` naming who pointed there."""
        return self.walker.region(ifd, tag, offset, length)

    def ints(self, ifd: Ifd, tag: int) -> tuple[int, ...]:
        """The unsigned integer values of `tag` in `ifd`; () when the tag is absent."""
        return self.walker.ints(ifd, tag)

    def first_int(self, ifd: Ifd, tag: int, default: int) -> int:
        """The first integer value of `tag`, or `default` when absent or empty."""
        return self.walker.first_int(ifd, tag, default)
