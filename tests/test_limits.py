"""Limits: bytes are checked before anything else, pixels from the headers alone."""

from __future__ import annotations

import pytest

from thinktwice.errors import ImageTooLarge
from thinktwice.limits import DEFAULT_LIMITS, Limits, check_pixels, check_size
from thinktwice.records import Container


def test_over_the_byte_limit_names_both_sizes():
    with pytest.raises(ImageTooLarge, match="The file is 11 bytes; the limit is 10 bytes"):
        check_size(bytes(11), Limits(max_bytes=10))
    check_size(bytes(10), Limits(max_bytes=10))
    check_size(bytes(11), Limits(max_bytes=None))


def test_declared_pixels_count_every_frame():
    animation = Container("gif", "image/gif", width=100, height=100, frames=3)
    with pytest.raises(ImageTooLarge, match=r"100x100 pixels x 3 frame\(s\) = 30,000 pixels"):
        check_pixels(animation, Limits(max_pixels=20_000))
    check_pixels(animation, Limits(max_pixels=30_000))


def test_unknown_sizes_and_no_limit_pass():
    check_pixels(Container("jpeg", "image/jpeg"), Limits(max_pixels=1))
    check_pixels(Container("jpeg", "image/jpeg", width=10**6, height=10**6), Limits(None, None))


def test_the_defaults():
    assert Limits(512 * 1024 * 1024, 100_000_000) == DEFAULT_LIMITS
