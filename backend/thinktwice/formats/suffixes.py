"""File-name suffixes of each kind of file, the one a cleaned copy gets first.

Derived from what the registry declares for each format (its KINDS): the one table
for every place that names files: the pipeline's "named .jpg but is a PNG" note,
the service's download names, the CLI's folder walk and the covered copy whose
format had to change. Images and videos are kept apart: the image tables feed the
extension's checks of what an upload is (server/vocabulary.py), which hold images
only until the extension handles videos.
"""

from __future__ import annotations

from . import FORMATS


def _by_kind(family: str) -> dict[str, tuple[str, ...]]:
    return {
        kind.name: kind.suffixes
        for fmt in FORMATS
        for kind in fmt.KINDS
        if kind.media_type.startswith(family)
    }


# Kind name (as a Container reports it: "jpeg", "apng", "heic") -> suffixes.
SUFFIXES: dict[str, tuple[str, ...]] = _by_kind("image/")
# Every suffix an image ThinkTwice handles may have.
IMAGE_SUFFIXES = frozenset(s for suffixes in SUFFIXES.values() for s in suffixes)

# The same for videos ("mp4", "mov", "3gp"...).
VIDEO_KIND_SUFFIXES: dict[str, tuple[str, ...]] = _by_kind("video/")
VIDEO_SUFFIXES = frozenset(s for suffixes in VIDEO_KIND_SUFFIXES.values() for s in suffixes)

_BY_MEDIA_TYPE = {kind.media_type: kind.suffixes for fmt in FORMATS for kind in fmt.KINDS}
VIDEO_MEDIA_TYPES = frozenset(t for t in _BY_MEDIA_TYPE if t.startswith("video/"))


def for_media_type(media_type: str) -> tuple[str, ...]:
    """The suffixes of `media_type` ("image/jpeg" -> (".jpg", ...)); () if unknown."""
    return _BY_MEDIA_TYPE.get(media_type, ())
