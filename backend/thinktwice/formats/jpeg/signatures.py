"""JPEG marker codes of the APPn and COM segments, and the identifiers that open their
payloads ("Exif\\0", "ICC_PROFILE\\0"...): one table the readers and writers share."""

from __future__ import annotations

APP0, APP1, APP2, APP3, APP5, APP9, APP11, APP13, APP14, COM = (
    0xE0, 0xE1, 0xE2, 0xE3, 0xE5, 0xE9, 0xEB, 0xED, 0xEE, 0xFE,
)  # fmt: skip
APPS = range(0xE0, 0xF0)
SOS = 0xDA
JFIF = b"JFIF\x00"
JFXX = b"JFXX\x00"
EXIF = b"Exif\x00"  # then a pad byte, normally 0 (some writers put 0xFF)
XMP = b"http://ns.adobe.com/xap/1.0/\x00"
XMP_EXTENSION = b"http://ns.adobe.com/xmp/extension/\x00"
# Older writers: a space instead of the NUL, or "XMP\0" first; exiftool reads both.
XMP_LOOSE = (b"http://ns.adobe.com/xap/1.0/", b"XMP\x00")
ICC_PROFILE = b"ICC_PROFILE\x00"
ISO_21496 = b"urn:iso:std:iso:ts:21496:-1\x00"  # gain map metadata (ISO 21496-1)
PHOTOSHOP = b"Photoshop 3.0\x00"
ADOBE = b"Adobe"
ICC_HEADER = len(ICC_PROFILE) + 2  # then sequence number and chunk count
SAMSUNG_ID = b"ssuniqueid\x00"
IJPEG = b"IJPEG\x00"  # InfiRay's APP2 header, after a 4-byte version
