"""JPEG HDR gain maps stay, cleaned, with a valid MPF index; `drop_hdr` removes them."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from tests.formats.jpeg.hdr_samples import (
    GAIN_MAP_SIZE,
    HDRGM_VALUES,
    ISO_FIELDS,
    ISO_ID,
    XMP_ID,
    apple_hdr,
    hdrgm_xmp,
    secondary,
    ultra_hdr,
    with_mpf,
)
from tests.support.containers import after_soi, jpeg_segment
from tests.support.exiftool import beyond_gain_maps, identifying_tags, read_tags
from tests.support.exiftool import mp_image as second_image
from tests.support.images import PERSON, SERIAL, assert_same_pixels, encode, photo
from thinktwice.errors import CleaningFailed
from thinktwice.formats import jpeg
from thinktwice.formats.verify import verify

# Strings the fixtures' metadata hold, in the primary and in the gain map.
SECRETS = (PERSON.encode(), SERIAL.encode(), b"Bob Gainmap", b"Vanves", b"Photoshop")


def non_hdr_leftovers(data: bytes) -> list[str]:
    return beyond_gain_maps(data, ".jpg")


def hdrgm(data: bytes) -> dict[str, object]:
    return {name: value for group, name, value in read_tags(data, ".jpg") if group == "XMP-hdrgm"}


@pytest.fixture(scope="module")
def cleaned() -> bytes:
    data = jpeg.strip(ultra_hdr())
    verify(jpeg, data)
    return data


def test_the_fixture_is_an_ultra_hdr_jpeg_with_a_tagged_gain_map() -> None:
    gain_map = second_image(ultra_hdr())
    assert hdrgm(gain_map)["GainMapMax"] == 2.16
    assert any("GPS" in t for t in identifying_tags(gain_map, ".jpg"))
    assert [p.kind for p in jpeg.read(ultra_hdr()).pictures] == ["gain_map"]


def test_pillow_reads_the_kept_gain_map_as_the_second_mpo_frame(cleaned: bytes) -> None:
    with Image.open(io.BytesIO(cleaned)) as im:
        assert (im.format, im.n_frames) == ("MPO", 2)
        im.seek(1)
        im.load()
        assert (im.size, im.mode) == (GAIN_MAP_SIZE, "L")


def test_the_gain_map_keeps_its_hdrgm_values(cleaned: bytes) -> None:
    before, after = hdrgm(second_image(ultra_hdr())), hdrgm(second_image(cleaned))
    assert after == before
    assert set(after) == set(HDRGM_VALUES)
    assert hdrgm(cleaned) == {"Version": 1.0}  # the primary announces it


def test_nothing_identifying_is_left_in_the_file_or_its_gain_map(cleaned: bytes) -> None:
    assert non_hdr_leftovers(cleaned) == []
    assert non_hdr_leftovers(second_image(cleaned)) == []
    assert [s for s in SECRETS if s in cleaned] == []


def test_the_directory_and_mpf_index_give_the_cleaned_gain_maps_length(cleaned: bytes) -> None:
    tags = {(g, n): v for g, n, v in read_tags(cleaned, ".jpg")}
    gain_map = second_image(cleaned)
    assert gain_map.startswith(b"\xff\xd8") and gain_map.endswith(b"\xff\xd9")
    assert tags["MPImage2", "MPImageLength"] == len(gain_map)
    assert tags["MPImage2", "MPImageStart"] + len(gain_map) == len(cleaned)
    assert tags["XMP-Container", "DirectoryItemLength"] == len(gain_map)
    assert ISO_ID + ISO_FIELDS in gain_map  # the ISO 21496-1 parameters stay


def test_base_and_gain_map_pixels_are_unchanged(cleaned: bytes) -> None:
    assert_same_pixels(ultra_hdr(), cleaned)  # both MPO frames


def test_the_engine_rereads_a_kept_gain_map_as_the_only_picture(cleaned: bytes) -> None:
    found = jpeg.read(cleaned)
    assert [(p.kind, p.source) for p in found.pictures] == [("gain_map", "MPF")]
    assert (found.extra, found.trailer, found.exif) == ([], None, [])


def test_drop_hdr_removes_the_mpf_index_and_the_gain_map() -> None:
    dropped = jpeg.strip(ultra_hdr(), drop_hdr=True)
    verify(jpeg, dropped, drop_hdr=True)
    with Image.open(io.BytesIO(dropped)) as im:
        assert (im.format, getattr(im, "n_frames", 1)) == ("JPEG", 1)
    assert b"MPF\x00" not in dropped and b"hdr-gain-map" not in dropped and ISO_ID not in dropped
    assert jpeg.read(dropped).pictures == []
    with Image.open(io.BytesIO(ultra_hdr())) as before, Image.open(io.BytesIO(dropped)) as after:
        assert before.tobytes() == after.tobytes()


def test_verify_with_drop_hdr_refuses_a_kept_gain_map(cleaned: bytes) -> None:
    with pytest.raises(CleaningFailed, match="gain_map"):
        verify(jpeg, cleaned, drop_hdr=True)


def test_verify_refuses_a_gain_map_that_still_identifies() -> None:
    with pytest.raises(CleaningFailed) as caught:
        verify(jpeg, ultra_hdr())
    assert any(r.startswith("gain map (MPF): GPS:") for r in caught.value.remaining)


def test_a_name_posing_as_a_gain_map_value_does_not_survive() -> None:
    smuggled = (
        b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
        b'xmlns:hdrgm="http://ns.adobe.com/hdr-gain-map/1.0/" hdrgm:Version="1.0" '
        b'hdrgm:Gamma="Alice Example"/></rdf:RDF></x:xmpmeta>'
    )
    data = with_mpf(encode(photo(), "JPEG"), [(0, secondary(smuggled))])
    cleaned = jpeg.strip(data)
    verify(jpeg, cleaned)
    assert PERSON.encode() not in cleaned
    assert "Gamma" not in hdrgm(second_image(cleaned))


def test_a_second_image_that_is_no_gain_map_is_removed() -> None:
    plain = after_soi(
        encode(photo(*GAIN_MAP_SIZE, seed=5), "JPEG"), jpeg_segment(0xE1, XMP_ID + b"<x/>")
    )
    data = with_mpf(encode(photo(), "JPEG"), [(0, plain)])
    assert [p.kind for p in jpeg.read(data).pictures] == ["extra_image"]
    cleaned = jpeg.strip(data)
    assert b"MPF\x00" not in cleaned and jpeg.read(cleaned).pictures == []


def test_apple_hdr_keeps_the_gain_map_and_removes_the_portrait_matte() -> None:
    data = apple_hdr()
    assert [p.kind for p in jpeg.read(data).pictures] == ["gain_map", "extra_image"]
    cleaned = jpeg.strip(data)
    verify(jpeg, cleaned)
    with Image.open(io.BytesIO(cleaned)) as im:
        assert im.n_frames == 2
    tags = {(g, n): v for g, n, v in read_tags(second_image(cleaned), ".jpg")}
    assert tags["XMP-HDRGainMap", "HDRGainMapVersion"] == 65536
    assert tags["XMP-apdi", "AuxiliaryImageType"] == "urn:com:apple:photo:2020:aux:hdrgainmap"
    assert b"portraiteffectsmatte" not in cleaned
    assert non_hdr_leftovers(cleaned) == [] and [s for s in SECRETS if s in cleaned] == []


def test_unique_image_ids_in_the_mpf_index_are_named_and_not_kept() -> None:
    uids = b"".join(f"{n:032x}".encode() + b"\0" for n in (0xA11CE, 0xB0B))
    data = with_mpf(encode(photo(), "JPEG"), [(0, secondary(hdrgm_xmp()))], uids)
    assert {"MPF image unique IDs", "APP2 MPF"} <= set(jpeg.read(data).extra)
    cleaned = jpeg.strip(data)
    verify(jpeg, cleaned)
    assert uids[:32] not in cleaned and "MPF image unique IDs" not in jpeg.read(cleaned).extra
    with pytest.raises(CleaningFailed, match="MPF image unique IDs"):
        verify(jpeg, _with_uids_kept(cleaned, uids))


def _with_uids_kept(cleaned: bytes, uids: bytes) -> bytes:
    """`cleaned` with its MPF index written again, listing `uids` too."""
    (gain_map,) = [p.data for p in jpeg.read(cleaned).pictures]
    assert gain_map is not None
    primary = cleaned[: len(cleaned) - len(gain_map)]
    index = primary.find(b"\xff\xe2", 2)  # its only APP2 segment: the MPF index
    length = int.from_bytes(primary[index + 2 : index + 4], "big")
    return with_mpf(primary[:index] + primary[index + 2 + length :], [(0, gain_map)], uids)
