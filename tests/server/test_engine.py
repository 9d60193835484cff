"""Names of cleaned copies, and the download header that carries them."""

from __future__ import annotations

import pytest

from thinktwice.server.engine import clean_filename, content_disposition


@pytest.mark.parametrize(
    ("original", "format_name", "expected"),
    [
        ("IMG_2041.jpg", "jpeg", "IMG_2041.clean.jpg"),
        ("IMG_2041.JPEG", "jpeg", "IMG_2041.clean.JPEG"),
        ("photo.png", "jpeg", "photo.clean.jpg"),  # named .png, really a JPEG
        ("photo", "webp", "photo.clean.webp"),
        ("C:\\Users\\alice\\Pictures\\me.heic", "heic", "me.clean.heic"),
        ("/home/alice/me.tif", "tiff", "me.clean.tif"),
        ('we"ird;name\n.gif', "gif", "we_ird_name_.clean.gif"),
        ("", "png", "image.clean.png"),
        (None, "avif", "image.clean.avif"),
        ("..", "png", "image.clean.png"),
    ],
)
def test_the_cleaned_copy_is_named_after_the_original(
    original: str | None, format_name: str, expected: str
) -> None:
    assert clean_filename(original, format_name) == expected


def test_a_long_name_is_shortened() -> None:
    assert len(clean_filename("a" * 500 + ".jpg", "jpeg")) < 140


def test_the_download_header_carries_unicode_names_safely() -> None:
    header = content_disposition("Café.clean.jpg")
    assert header.startswith("attachment; ")
    assert 'filename="Caf_.clean.jpg"' in header
    assert "filename*=UTF-8''Caf%C3%A9.clean.jpg" in header
