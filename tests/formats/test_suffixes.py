"""The one table of file-name suffixes: every format has its own, the preferred first."""

from __future__ import annotations

import pytest

from thinktwice.formats.suffixes import IMAGE_SUFFIXES, SUFFIXES, for_media_type


@pytest.mark.parametrize(
    ("media_type", "first"),
    [
        ("image/jpeg", ".jpg"),
        ("image/png", ".png"),
        ("image/heic", ".heic"),
        ("image/avif", ".avif"),
    ],
)
def test_a_media_type_gives_its_formats_suffixes(media_type, first):
    assert for_media_type(media_type)[0] == first


def test_an_unknown_media_type_has_no_suffix():
    assert for_media_type("application/pdf") == ()


def test_every_suffix_is_an_image_suffix():
    assert all(set(s) <= IMAGE_SUFFIXES for s in SUFFIXES.values())
    assert {".jpg", ".tif", ".hif", ".apng"} <= IMAGE_SUFFIXES
