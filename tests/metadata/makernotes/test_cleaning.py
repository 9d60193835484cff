"""Cleaning drops the whole maker note, whatever the vendor: exiftool finds none of it
(and nothing else identifying) in the cleaned copy."""

from __future__ import annotations

import pytest

import thinktwice
from tests.support.exiftool import assert_clean

from . import (
    test_apple,
    test_canon,
    test_huawei,
    test_motorola,
    test_olympus,
    test_pentax,
    test_reconyx,
    test_ricoh,
)
from .notes import exiftool_maker_tags, jpeg_with_note

FIXTURES = {
    "Canon": test_canon.JPEG,
    "Pentax": jpeg_with_note("PENTAX Corporation", "PENTAX K10D", test_pentax.pentax("<")),
    "Olympus": jpeg_with_note("OLYMPUS IMAGING CORP.", "E-1",
                              test_olympus.olympus(test_olympus.HEADERS[0])),
    "Motorola": test_motorola.JPEG,
    "Ricoh": test_ricoh.JPEG,
    "Reconyx": jpeg_with_note("", "", test_reconyx.hyperfire),
    "Apple": test_apple.JPEG,
    "Huawei": jpeg_with_note("HUAWEI", "ELE-L29", test_huawei.huawei("<")),
}  # fmt: skip


@pytest.mark.parametrize("vendor", FIXTURES)
def test_the_cleaned_copy_has_no_maker_note(vendor: str) -> None:
    jpeg = FIXTURES[vendor]
    assert exiftool_maker_tags(jpeg, unknown=True)  # the fixture does carry one
    cleaned = thinktwice.clean(jpeg)
    assert exiftool_maker_tags(cleaned, unknown=True) == {}
    assert_clean(cleaned, ".jpg")
