"""Edit plans: a cleaned copy as pieces of its original, short or not at all."""

from __future__ import annotations

import os

import pytest

from tests.support.images import FULL_METADATA, encode, photo, tagged_jpeg, with_metadata
from thinktwice.cleaning import clean
from thinktwice.editplan import MAX_INSERTED, Copy, apply, plan_of


def cleaned(data: bytes) -> bytes:
    out = clean(data)
    return out.data if hasattr(out, "data") else out


@pytest.mark.parametrize(
    "original",
    [
        tagged_jpeg(),
        tagged_jpeg() + os.urandom(50_000),  # a trailer after the image: dropped
        with_metadata(encode(photo(seed=3), "PNG"), ".png", *FULL_METADATA[:6]),
        with_metadata(encode(photo(seed=5), "WEBP", lossless=True), ".webp", *FULL_METADATA[:4]),
    ],
    ids=["jpeg", "jpeg with trailer", "png", "webp"],
)
def test_a_cleaned_photo_is_rebuilt_exactly_from_a_short_plan(original: bytes) -> None:
    copy = cleaned(original)
    assert copy != original
    steps = plan_of(original, copy)
    assert steps is not None
    assert apply(original, steps) == copy
    assert len(steps) <= 12
    inserted = sum(len(s) for s in steps if isinstance(s, bytes))
    assert inserted < len(copy) // 4  # mostly copied: that is the point


def test_copies_are_merged_and_runs_of_inserted_bytes_joined() -> None:
    original = os.urandom(16_384)
    copy = original[:1000] + b"NEW BYTES HERE!!" + original[5000:9000]
    steps = plan_of(original, copy)
    assert steps == (Copy(0, 1000), b"NEW BYTES HERE!!", Copy(5000, 4000))


def test_a_copy_with_nothing_of_the_original_has_no_plan() -> None:
    original = os.urandom(200_000)
    assert plan_of(original, os.urandom(MAX_INSERTED + 1000)) is None


def test_identical_bytes_are_one_copy() -> None:
    data = os.urandom(100_000)
    assert plan_of(data, data) == (Copy(0, 100_000),)


def test_a_step_past_the_original_is_refused() -> None:
    with pytest.raises(ValueError, match="reaches past the original's 10 bytes"):
        apply(b"0123456789", (Copy(5, 10),))
