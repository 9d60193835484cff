"""A JPEG whose scan data holds a reserved code, as viewers still display it: cleaned,
its scan copied verbatim to EOI, anything after EOI handled as for any JPEG."""

from __future__ import annotations

import io
from functools import cache

import pytest
from PIL import Image

from tests.support.containers import jpeg_segment
from tests.support.exiftool import assert_clean
from tests.support.images import (
    FULL_METADATA,
    PERSON,
    assert_same_pixels,
    encode,
    photo,
    with_metadata,
)
from thinktwice import clean
from thinktwice.errors import CorruptImage
from thinktwice.formats import jpeg
from thinktwice.formats.jpeg import scan

RESERVED = 0x9F  # the code the damaged photo in the exif-samples corpus holds


def scan_start(data: bytes) -> int:
    """Where the first scan's entropy-coded data starts (after the SOS header)."""
    sos = data.index(b"\xff\xda")
    return sos + 2 + int.from_bytes(data[sos + 2 : sos + 4], "big")


def damage(data: bytes, code: int = RESERVED) -> tuple[bytes, int]:
    """`data` with a stuffed FF 00 about halfway into its scan turned into FF `code`."""
    start = scan_start(data)
    at = data.index(b"\xff\x00", start + (len(data) - start) // 2)
    return data[: at + 1] + bytes([code]) + data[at + 2 :], at


# With restart markers, as cameras write them: libjpeg skips from the damage to the
# next one and decodes on (the damaged corpus photo has them too).
RESTARTS = {"restart_marker_rows": 1}


@cache
def damaged() -> tuple[bytes, int]:
    """A tagged 256x192 photo whose scan is damaged halfway: Pillow still decodes it."""
    image = encode(photo(256, 192), "JPEG", quality=90, **RESTARTS)
    return damage(with_metadata(image, ".jpg", *FULL_METADATA))


def test_pillow_displays_the_damaged_fixture() -> None:
    data, _ = damaged()
    with Image.open(io.BytesIO(data)) as image:
        image.load()
        assert image.size == (256, 192)


def test_a_damaged_scan_is_read_and_its_metadata_found() -> None:
    data, _ = damaged()
    found = jpeg.read(data)
    assert (found.width, found.height) == (256, 192)
    assert found.exif and found.xmp
    assert found.trailer is None


def test_a_damaged_scan_is_cleaned_verbatim_with_the_same_pixels() -> None:
    data, _ = damaged()
    cleaned = clean(data)  # the engine's clean: stripped, then re-read and verified
    assert_clean(cleaned, ".jpg")
    start = scan_start(data)
    assert cleaned.endswith(data[start:])  # the scan, damage and all, to EOI
    assert_same_pixels(data, cleaned)
    assert jpeg.strip(cleaned) == cleaned


def test_both_scanners_stop_at_the_damage() -> None:
    data, at = damaged()
    assert scan.next_marker_re(data, scan_start(data)) == at
    assert scan.next_marker(data, scan_start(data)) == at


def test_after_the_eoi_of_a_damaged_scan_a_trailer_is_still_found_and_removed() -> None:
    data, _ = damaged()
    tail = b"AXS!" + PERSON.encode() + b" 48.8219N 2.2890E"
    found = jpeg.read(data + tail)
    assert found.trailer is not None and found.trailer.length == len(tail)
    cleaned = clean(data + tail)
    assert PERSON.encode() not in cleaned
    assert cleaned == clean(data)


def test_a_damaged_scan_without_eoi_is_refused() -> None:
    data, at = damaged()
    for cut in (data[:-2], data[:-1], data[: at + 100]):
        with pytest.raises(CorruptImage, match=f"damaged at byte {at} .* without an EOI"):
            jpeg.strip(cut)


@pytest.mark.parametrize(
    "block",
    [
        jpeg_segment(0xE1, b"Exif\x00\x00MM\x00\x2a\x00\x00\x00\x08"),
        jpeg_segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta/>"),
        b"<?xpacket begin='' id='W5M0MpCehiHzreSzNTczkc9d'?>",
        encode(photo(16, 16), "JPEG"),  # a thumbnail of its own
    ],
    ids=["exif", "xmp", "bare xmp", "jpeg"],
)
def test_a_known_block_inside_the_damaged_stretch_is_refused_not_copied(block: bytes) -> None:
    data, at = damaged()
    hidden = data[: at + 10] + block + data[at + 10 :]
    for operation in (jpeg.read, jpeg.strip):
        with pytest.raises(CorruptImage, match="looks like a metadata block or an image"):
            operation(hidden)


def test_a_comment_between_scans_after_the_damage_is_refused_not_copied() -> None:
    data, at = damage(encode(photo(256, 192), "JPEG", quality=90, progressive=True, **RESTARTS))
    second = data.index(b"\xff\xc4", at)  # the DHT before a later scan
    comment = jpeg_segment(0xFE, f"sent by {PERSON}".encode())
    with pytest.raises(CorruptImage, match=f"at byte {second} before its EOI") as error:
        jpeg.strip(data[:second] + comment + data[second:])
    assert "sent by" in str(error.value)


def test_marker_like_bytes_in_the_damaged_stretch_are_kept() -> None:
    # What damage leaves, as in the corpus photo: FF E4, FF FE, FF C4... with no text.
    data, at = damaged()
    codes = [code for code in range(0xC0, 0xFF) if code != 0xD9]  # EOI would end it there
    noise = b"".join(b"\xff" + bytes([code, 0x00, 0x08, 0x17, 0xA0]) for code in codes)
    mangled = data[: at + 10] + noise + data[at + 10 :]
    assert jpeg.strip(mangled).endswith(mangled[scan_start(mangled) :])


def test_a_reserved_code_outside_scan_data_is_still_refused() -> None:
    data, _ = damaged()
    sos = data.index(b"\xff\xda")
    broken = data[:sos] + b"\xff\x9f" + data[sos:]
    with pytest.raises(CorruptImage, match=f"byte {sos} holds FF 9F, not a JPEG marker"):
        jpeg.read(broken)


def test_a_progressive_photo_damaged_in_its_first_scan_keeps_its_later_scans() -> None:
    data, _ = damage(encode(photo(256, 192), "JPEG", quality=90, progressive=True, **RESTARTS))
    first_scan_end = data.index(b"\xff\xc4", scan_start(data))
    assert first_scan_end < len(data) - 2  # later scans follow the damaged one
    cleaned = clean(data)
    assert cleaned.endswith(data[scan_start(data) :])
    assert_same_pixels(data, cleaned)
