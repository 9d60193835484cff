"""An Ultra HDR JPEG written by libultrahdr itself (libvips' uhdrsave, from pyvips-binary)
stays one for libultrahdr once cleaned: same gain-map parameters, same gain-map pixels.

libultrahdr 1.4 writes the gain map's parameters only as ISO 21496-1 blocks (APP2, in
the primary and in the gain map), no hdrgm XMP: the shape the judge of real Pixel
photos (scripts/judge_hdr.py, hdrgm XMP only) does not see.
"""

from __future__ import annotations

import io
from functools import cache

import pyvips
from PIL import Image

from tests.formats.jpeg.hdr_samples import GAIN_MAP_METADATA, ISO_ID, with_mpf
from tests.support.exiftool import beyond_gain_maps, mp_image
from tests.support.images import FULL_METADATA, with_metadata
from tests.support.ultrahdr import PLAIN_LOADER, ULTRA_HDR_LOADER, libultrahdr
from thinktwice.cleaning import clean


@cache
def written_by_libultrahdr() -> bytes:
    """A 256 x 192 Ultra HDR JPEG (an HDR gradient), its primary and gain map each
    tagged by exiftool as a phone tags them."""
    ramp = pyvips.Image.xyz(256, 192)[0] / 255 * 4  # linear light up to 4x SDR white
    hdr = ramp.bandjoin([ramp * 0.7, ramp * 0.4]).copy(interpretation="scrgb")
    written: bytes = hdr.uhdrsave_buffer()
    gain_map = mp_image(written)
    primary = written[: len(written) - len(gain_map)]
    primary = _without_mpf(with_metadata(primary, ".jpg", *FULL_METADATA))
    return with_mpf(primary, [(0, with_metadata(gain_map, ".jpg", *GAIN_MAP_METADATA))])


def _without_mpf(primary: bytes) -> bytes:
    at = primary.index(b"MPF\x00") - 4
    return primary[:at] + primary[at + 2 + int.from_bytes(primary[at + 2 : at + 4], "big") :]


def test_the_fixture_is_ultra_hdr_to_libultrahdr_with_identifying_tags_in_both_images() -> None:
    data = written_by_libultrahdr()
    loader, params, gain_map = libultrahdr(data)
    assert loader == ULTRA_HDR_LOADER and params["gainmap-hdr-capacity-max"] > 1 and gain_map
    assert beyond_gain_maps(data, ".jpg") and beyond_gain_maps(mp_image(data), ".jpg")
    assert b"hdr-gain-map" not in data and data.count(ISO_ID) == 2


def test_cleaned_it_keeps_the_gain_map_libultrahdr_reads_and_nothing_identifying() -> None:
    data = written_by_libultrahdr()
    cleaned = clean(data)
    assert libultrahdr(cleaned) == libultrahdr(data)
    assert beyond_gain_maps(cleaned, ".jpg") == []
    assert beyond_gain_maps(mp_image(cleaned), ".jpg") == []
    assert cleaned.count(ISO_ID) == 2  # the primary's block and the gain map's


def test_drop_hdr_leaves_libultrahdr_a_plain_jpeg_with_the_same_primary() -> None:
    data = written_by_libultrahdr()
    dropped = clean(data, drop_hdr=True)
    assert libultrahdr(dropped)[0] == PLAIN_LOADER and ISO_ID not in dropped
    with Image.open(io.BytesIO(data)) as before, Image.open(io.BytesIO(dropped)) as after:
        assert (after.format, before.tobytes()) == ("JPEG", after.tobytes())
