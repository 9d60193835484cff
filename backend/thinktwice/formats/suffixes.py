"""File-name suffixes of each format, the one a cleaned copy gets first.

The one table for every place that names files: the pipeline's "named .jpg but
is a PNG" note, the service's download names, the CLI's folder walk and the
covered copy whose format had to change.
"""

from __future__ import annotations

SUFFIXES: dict[str, tuple[str, ...]] = {
    "jpeg": (".jpg", ".jpeg", ".jpe", ".jfif"),
    "png": (".png",),
    "apng": (".png", ".apng"),
    "webp": (".webp",),
    "gif": (".gif",),
    "tiff": (".tiff", ".tif"),
    "heic": (".heic", ".heif", ".hif"),
    "heif": (".heif", ".heic", ".hif"),
    "avif": (".avif",),
}

# Every suffix an image ThinkTwice handles may have.
IMAGE_SUFFIXES = frozenset(s for suffixes in SUFFIXES.values() for s in suffixes)

# Media types as the formats report them, to the format names above.
_BY_MEDIA_TYPE = {f"image/{name}": name for name in SUFFIXES}


def for_media_type(media_type: str) -> tuple[str, ...]:
    """The suffixes of `media_type` ("image/jpeg" -> (".jpg", ...)); () if unknown."""
    return SUFFIXES.get(_BY_MEDIA_TYPE.get(media_type, ""), ())
