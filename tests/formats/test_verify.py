"""The proof of a clean: what rendering does not need is named; a clean output has none."""

from __future__ import annotations

import pytest

from tests.support.images import FULL_METADATA, encode, photo, with_metadata
from thinktwice.errors import CleaningFailed
from thinktwice.formats import jpeg, tiff
from thinktwice.formats.orientation import minimal_exif
from thinktwice.formats.verify import exif_residue, residue, verify
from thinktwice.metadata.exif import decode
from thinktwice.records import Container, VendorBlock
from thinktwice.structure.tags import RENDERING_TAGS


def decoded_residue(blob: bytes) -> list[str]:
    """What the full EXIF decoder names, less what rendering needs."""
    exif = decode(blob)
    return [f"{t.group}:{t.name}" for t in exif.tags if t.name not in RENDERING_TAGS]


@pytest.mark.parametrize(("fmt", "suffix"), [(jpeg, ".jpg"), (tiff, ".tif")])
def test_exif_residue_names_what_the_decoder_names(fmt, suffix):
    data = with_metadata(encode(photo(), "JPEG" if suffix == ".jpg" else "TIFF"), suffix)
    (blob,) = fmt.read(data).exif
    left = exif_residue(blob)
    # XMP, IPTC and Photoshop blocks stored as tags are routed by the decoder, not
    # named as tags; a clean output has no place for them either, so they count.
    blocks = {"IFD0:ApplicationNotes", "IFD0:IPTC-NAA", "IFD0:PhotoshopSettings"}
    assert [name for name in left if name not in blocks] == decoded_residue(blob)
    assert {"IFD0:Artist", "ExifIFD:SerialNumber", "GPS:GPSLatitude"} <= set(left)


@pytest.mark.parametrize("order", [b"II", b"MM"])
def test_a_minimal_orientation_exif_is_no_residue(order):
    assert exif_residue(minimal_exif(6, order)) == []
    assert exif_residue(b"Exif\0\0" + minimal_exif(6, order)) == []


def test_blocks_that_are_not_exif_hold_no_tags():
    assert exif_residue(b"not a TIFF") == []


def test_an_uncleaned_file_fails_verification_naming_what_is_left():
    data = with_metadata(encode(photo(), "JPEG"), ".jpg", *FULL_METADATA)
    with pytest.raises(CleaningFailed) as caught:
        verify(jpeg, data)
    assert "IFD0:Artist" in caught.value.remaining
    assert "XMP" in caught.value.remaining


def test_a_stripped_file_passes():
    data = with_metadata(encode(photo(), "JPEG"), ".jpg", "-Orientation#=6", *FULL_METADATA)
    cleaned = jpeg.strip(data)
    verify(jpeg, cleaned)
    assert residue(jpeg.read(cleaned)) == []


def test_a_vendor_block_left_is_residue():
    container = Container("JPEG", "image/jpeg", vendor=[VendorBlock("InfiRay", "Sensor", b"")])
    assert residue(container) == ["InfiRay Sensor"]
