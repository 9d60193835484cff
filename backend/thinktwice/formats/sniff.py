"""How each registered format's files start: the tests of a file's first bytes that the
registry (formats/__init__.py) runs before any format's module is imported.

Each function takes `head`, a file's first bytes (HEAD_SIZE of them, fewer for a
short file), and says whether the file is of that format; a format module offers
its own as its contract's `sniff`. Imports nothing: telling a JPEG from a HEIF costs
no parsing code.
"""

from __future__ import annotations

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
EBML_SIGNATURE = b"\x1a\x45\xdf\xa3"  # Matroska and WebM
# Brand -> HEIF family; any of them marks a HEIF file.
HEIF_BRANDS: dict[bytes, str] = {
    b"heic": "heic", b"heix": "heic", b"heim": "heic", b"heis": "heic", b"hevc": "heic",
    b"hevx": "heic", b"avif": "avif", b"avis": "avif", b"mif1": "heif", b"msf1": "heif",
    b"miaf": "heif",
}  # fmt: skip
# QuickTime files older than 'ftyp' start straight with one of these.
QUICKTIME_STARTS = frozenset({b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"})


def jpeg(head: bytes) -> bool:
    """Whether `head` starts like a JPEG: SOI then another marker."""
    return head.startswith(b"\xff\xd8\xff")


def png(head: bytes) -> bool:
    """Whether `head` starts with the PNG signature."""
    return head.startswith(PNG_SIGNATURE)


def webp(head: bytes) -> bool:
    """Whether `head` starts a RIFF WEBP file."""
    return head[:4] == b"RIFF" and head[8:12] == b"WEBP"


def heif(head: bytes) -> bool:
    """Whether `head` starts with an 'ftyp' box naming a HEIF brand."""
    if len(head) < 12 or head[4:8] != b"ftyp":
        return False
    size = int.from_bytes(head[:4], "big")
    return any(brand in HEIF_BRANDS for brand in ftyp_brands(head[8 : max(size, 12)]))


def gif(head: bytes) -> bool:
    """Whether `head` starts with a GIF87a or GIF89a signature."""
    return head[:6] in (b"GIF87a", b"GIF89a")


def tiff(head: bytes) -> bool:
    """Whether `head` starts a TIFF (BigTIFF too, so that read can refuse it by name)."""
    return head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+")


def video(head: bytes) -> bool:
    """Whether `head` starts like a movie: an 'ftyp' HEIF does not claim, or bare QuickTime."""
    if head[4:8] == b"ftyp":
        return not heif(head) and head[8:11] != b"crx"  # Canon CR3: a raw photo
    return head[4:8] in QUICKTIME_STARTS


def matroska(head: bytes) -> bool:
    """Whether `head` starts with an EBML header (its DocType is checked by `read`)."""
    return head[:4] == EBML_SIGNATURE


def ftyp_brands(payload: bytes) -> list[bytes]:
    """An 'ftyp' box's brands, from its payload: the major brand, then the compatible
    ones (the minor version skipped)."""
    brands = [payload[:4]]
    brands.extend(payload[i : i + 4] for i in range(8, len(payload) - 3, 4))
    return brands
