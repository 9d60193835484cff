"""Video suffixes: their own table, apart from the images' (which the extension reads)."""

from __future__ import annotations

from thinktwice.formats.suffixes import (
    IMAGE_SUFFIXES,
    SUFFIXES,
    VIDEO_KIND_SUFFIXES,
    VIDEO_SUFFIXES,
    for_media_type,
)
from thinktwice.server.vocabulary import vocabulary


def test_videos_have_their_suffixes_and_media_types():
    assert {".mp4", ".mov", ".m4v", ".3gp", ".3g2"} <= VIDEO_SUFFIXES
    assert for_media_type("video/quicktime")[0] == ".mov"
    assert for_media_type("video/3gpp")[0] == ".3gp"
    assert for_media_type("video/webm") == (".webm", ".mkv")
    assert for_media_type("video/x-matroska")[0] == ".mkv"
    assert set(VIDEO_KIND_SUFFIXES) == {"mp4", "mov", "m4v", "3gp", "3g2", "webm", "mkv"}


def test_the_image_tables_hold_no_video():
    assert not VIDEO_SUFFIXES & IMAGE_SUFFIXES
    assert not set(VIDEO_KIND_SUFFIXES) & set(SUFFIXES)
    assert all(t.startswith("image/") for t in vocabulary()["imageTypes"])
