"""Names for what a file is when it is not an image ThinkTwice handles.

Only used to say what was detected in an `UnsupportedFormat` error; it never
echoes the file's bytes.
"""

from __future__ import annotations

# Camera raw files: sensor data with maker structures, which the engine does not
# rewrite; said plainly so a person knows to export a JPEG or HEIC instead.
RAW = "raw camera files are not cleaned: export a JPEG or HEIC from it to share"

# (offset, signature, name), checked in order.
SIGNATURES: tuple[tuple[int, bytes, str], ...] = (
    (4, b"ftypcrx ", f"a Canon CR3 raw photo ({RAW})"),
    (0, b"FUJIFILMCCD-RAW ", f"a Fujifilm RAF raw photo ({RAW})"),
    (0, b"IIU\x00", f"a Panasonic RW2 raw photo ({RAW})"),
    (0, b"IIRO", f"an Olympus ORF raw photo ({RAW})"),
    (0, b"IIRS", f"an Olympus ORF raw photo ({RAW})"),
    (0, b"MMOR", f"an Olympus ORF raw photo ({RAW})"),
    (0, b"%PDF-", "a PDF document"),
    (0, b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (0, b"\x1f\x8b", "a gzip archive"),
    (0, b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (0, b"Rar!\x1a\x07", "a RAR archive"),
    (0, b"BM", "a BMP image"),
    (0, b"\x00\x00\x01\x00", "an ICO icon"),
    (0, b"8BPS", "a Photoshop PSD document"),
    (0, b"\xff\x0a", "a JPEG XL image"),
    (0, b"\x00\x00\x00\x0cJXL \r\n\x87\n", "a JPEG XL image"),
    (0, b"\x00\x00\x00\x0cjP  \r\n\x87\n", "a JPEG 2000 image"),
    (0, b"\xff\x4f\xff\x51", "a JPEG 2000 codestream"),
    (0, b"qoif", "a QOI image"),
    (0, b"ID3", "an MP3 audio file"),
    (0, b"OggS", "an Ogg media file"),
    (0, b"fLaC", "a FLAC audio file"),
    (0, b"FLV\x01", "a Flash (FLV) video"),
    (0, b"\x00\x00\x01\xba", "an MPEG program stream video"),
    (0, b"\x30\x26\xb2\x75\x8e\x66\xcf\x11", "a Windows Media (ASF/WMV) video"),
    (0, b"MZ", "a Windows executable"),
    (0, b"\x7fELF", "an ELF executable"),
    (0, b"SQLite format 3\x00", "an SQLite database"),
    (0, b"FORM", "an IFF file"),
    (0, b"\xff\xd8", "a JPEG with an unreadable header"),
)

_TEXT_PREFIXES: tuple[tuple[bytes, str], ...] = (
    (b"<svg", "an SVG drawing"),
    (b"<?xml", "an XML document"),
    (b"<!doctype html", "an HTML page"),
    (b"<html", "an HTML page"),
    (b"{", "a JSON document"),
)


def describe(head: bytes) -> str:
    """A short phrase naming what `head` (a file's first bytes) looks like."""
    for offset, signature, name in SIGNATURES:
        if head[offset : offset + len(signature)] == signature:
            return name
    if _transport_stream(head):
        return "an MPEG transport stream video (camcorder .mts / .m2ts, broadcast .ts)"
    if head[:4] == b"RIFF" and head[8:12] == b"AVI ":
        return "an AVI video"
    if head[:4] == b"RIFF":
        kind = head[8:12].decode("latin-1").strip() or "unknown"
        return f"a RIFF file of type {kind!r} (not WebP)"
    if head[4:8] == b"ftyp" and head[8:11] == b"crx":
        return "a Canon CR3 raw photo"
    if head[4:8] == b"ftyp":
        brand = head[8:12].decode("latin-1", "replace").strip()
        return f"an ISO media file of brand {brand!r}"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    for prefix, name in _TEXT_PREFIXES:
        if lowered.startswith(prefix):
            return name
    if lowered and all(32 <= b < 127 or b in b"\t\r\n" for b in lowered):
        return "plain text"
    return "data of an unknown type"


def _transport_stream(head: bytes) -> bool:
    # Fixed-size packets, each starting with the sync byte 0x47: 188 bytes (.ts), or
    # 192 with a 4-byte time code first (.m2ts/.mts, AVCHD camcorders). Three in a row.
    return any(
        len(head) > start + 2 * size and all(head[start + i * size] == 0x47 for i in range(3))
        for start, size in ((0, 188), (4, 192))
    )
