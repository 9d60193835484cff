"""clean(): size check, detect, strip, verify; what it hands out re-reads as clean."""

from __future__ import annotations

import pytest

from tests.formats.jpeg.hdr_samples import ultra_hdr
from tests.support.images import FULL_METADATA, encode, photo, with_metadata
from thinktwice import formats
from thinktwice.cleaning import clean
from thinktwice.errors import ImageTooLarge, UnsupportedFormat
from thinktwice.formats.verify import residue
from thinktwice.limits import Limits


@pytest.mark.parametrize(("fmt", "suffix"), [("JPEG", ".jpg"), ("PNG", ".png"), ("TIFF", ".tif")])
def test_a_cleaned_file_holds_nothing_identifying(fmt, suffix):
    data = with_metadata(encode(photo(), fmt), suffix, *FULL_METADATA)
    cleaned = clean(data)
    assert residue(formats.detect(cleaned).read(cleaned)) == []


def test_the_size_is_checked_first():
    with pytest.raises(ImageTooLarge):
        clean(b"%PDF-" + bytes(100), limits=Limits(max_bytes=10))


def test_what_is_not_an_image_is_named():
    with pytest.raises(UnsupportedFormat, match="PDF"):
        clean(b"%PDF-1.7\n")


def test_a_gain_map_stays_unless_drop_hdr_is_asked():
    kept, dropped = clean(ultra_hdr()), clean(ultra_hdr(), drop_hdr=True)
    assert [p.kind for p in formats.detect(kept).read(kept).pictures] == ["gain_map"]
    assert formats.detect(dropped).read(dropped).pictures == []
    assert residue(formats.detect(dropped).read(dropped), drop_hdr=True) == []
