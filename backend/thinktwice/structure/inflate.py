"""zlib decompression with a hard cap: a compression bomb costs at most `cap` bytes.

Policy: strict. Data that does not inflate, or whose compressed stream is cut off,
is `CorruptImage`; output past the cap is `ImageTooLarge` (nothing past the cap is
ever produced).
"""

from __future__ import annotations

import zlib

from ..errors import CorruptImage, ImageTooLarge


def inflate(payload: bytes | memoryview, cap: int, *, label: str, what: str, at: int) -> bytes:
    """`payload` (a zlib stream) inflated, refusing more than `cap` bytes.

    `label` names the format ("png") and `what` the block ("zTXt 'Comment'") found at
    byte `at`, for the error messages.
    """
    inflater = zlib.decompressobj()
    try:
        out = inflater.decompress(payload, cap + 1)
    except zlib.error as exc:
        raise CorruptImage(label, f"{what} at byte {at} does not inflate ({exc})") from None
    if len(out) > cap:
        raise ImageTooLarge(f"{label.upper()} {what} at byte {at} inflates past {cap >> 20} MiB")
    if not inflater.eof:
        raise CorruptImage(label, f"{what} at byte {at}: its compressed data is cut off")
    return out
