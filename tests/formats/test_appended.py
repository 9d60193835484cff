"""Known trailers after an image, read by the formats: Samsung SEF blocks, AFCP and
FotoStation records (their IPTC routed to the container), and a motion photo's clip;
after a TIFF only those a footer announces, and in a block of its own."""

from __future__ import annotations

import random
import struct

import pytest

from tests.findings.build import IMAGE
from tests.support.images import encode, photo
from thinktwice.formats import jpeg, tiff
from thinktwice.formats.appended import clip_of, hold, read_appended
from thinktwice.records import Container

from .trailers import (
    afcp,
    fotostation,
    iptc,
    movie,
    oneplus_watermark,
    oppo_live_photo,
    samsung_motion_photo,
    sef,
)

CLIP = movie(3, frames=20_000)
CAPTION = iptc((120, "Anna at the lake house"), (80, "Anna Lindqvist"), (90, "Uppsala"))


def test_a_samsung_trailer_gives_its_named_blocks_and_the_clip() -> None:
    found = jpeg.read(IMAGE + samsung_motion_photo(CLIP)).trailer
    assert found is not None
    assert [b.name for b in found.blocks] == ["MotionPhoto_Data", "Image_UTC_Data", "MCC_Data"]
    assert {b.name: b.data for b in found.blocks}["MCC_Data"] == b"208"
    assert found.blocks[0].data == b""  # a clip is located, not kept
    assert found.clip is not None
    assert (found.clip.length, found.clip.seconds) == (len(CLIP), pytest.approx(3))


def test_a_clip_at_the_start_of_the_trailer_is_measured_by_its_movie_header() -> None:
    found = jpeg.read(IMAGE + movie(7, frames=5000)).trailer
    assert found is not None and found.clip is not None
    assert (found.clip.source, found.clip.seconds) == ("trailer", pytest.approx(7))


@pytest.mark.parametrize(
    "trailer",
    [afcp(len(IMAGE), CAPTION), fotostation(CAPTION), CAPTION],
    ids=["afcp", "fotostation", "plain iptc"],
)
def test_iptc_in_a_trailer_goes_to_the_containers_iptc(trailer: bytes) -> None:
    found = jpeg.read(IMAGE + trailer)
    assert found.iptc == [CAPTION]
    assert found.trailer is not None
    assert [b.name for b in found.trailer.blocks] == ["IPTC"]


def test_fotostation_records_are_read_from_the_end_backwards() -> None:
    data = fotostation(CAPTION) + fotostation(b"\x00" * 8)
    found = read_appended(data, 0, len(data))
    assert [b.name for b in found.blocks] == ["IPTC", "IPTC"]
    assert found.iptc == [b"\x00" * 8, CAPTION]


@pytest.mark.parametrize(
    "trailer",
    [
        b"SEFT",
        b"\xff\xff\xff\x7fSEFT",  # a directory longer than the file
        sef((0x0AA1, "MCC_Data", b"208"))[:-30] + b"\x00" * 22 + b"SEFT",
        b"junk" + b"AXS!" + b"\xff" * 8,  # an AFCP footer pointing past the file
        b"x" * 20 + b"\x00\x01\xff\xff\xff\xff\xa1\xb2\xc3\xd4",  # a record bigger than all
    ],
)
def test_broken_footers_give_no_blocks_and_no_error(trailer: bytes) -> None:
    found = read_appended(trailer, 0, len(trailer))
    assert found.blocks == [] and found.iptc == [] and found.clip is None


def test_a_sef_entry_pointing_outside_the_trailer_is_skipped() -> None:
    good = sef((0x0AA1, "MCC_Data", b"208"), (0x0A01, "Image_UTC_Data", b"1"))
    # The second entry's distance back from SEFH made larger than the trailer.
    at = good.index(b"SEFH") + 12 + 12 + 4
    broken = good[:at] + (10**6).to_bytes(4, "little") + good[at + 4 :]
    assert [b.name for b in read_appended(broken, 0, len(broken)).blocks] == ["MCC_Data"]


def test_a_clip_that_is_not_a_readable_movie_has_no_duration() -> None:
    clip = clip_of(b"\x00\x00\x00\x14ftypmp42" + b"\x00" * 40, "trailer")
    assert (clip.length, clip.seconds) == (52, None)


def test_a_clip_after_another_picture_in_the_trailer_is_found() -> None:
    # Google: the photo, a gain map JPEG no MPF index lists, then the clip.
    gain_map = b"\xff\xd8\xff\xe0" + b"\x00" * 500 + b"\xff\xd9"
    found = jpeg.read(IMAGE + gain_map + movie(4, frames=1000)).trailer
    assert found is not None and found.clip is not None
    assert found.clip.seconds == pytest.approx(4)
    assert found.clip.length == len(movie(4, frames=1000))


def test_ftyp_inside_other_data_is_no_clip() -> None:
    found = read_appended(b"\x00" * 100 + b"xxxxftypmp42" + b"\x00" * 100, 0, 212)
    assert found.clip is None


def test_mutated_trailers_never_raise() -> None:
    rng = random.Random(20240314)
    seeds = [
        samsung_motion_photo(movie(3, frames=64)),
        afcp(0, CAPTION),
        fotostation(CAPTION) + fotostation(CAPTION),
        movie(2, frames=32),
    ]
    for index in range(3000):
        data = bytearray(seeds[index % len(seeds)])
        for _ in range(rng.randint(1, 8)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        cut = bytes(data[: rng.randint(0, len(data))]) if index % 5 == 0 else bytes(data)
        read_appended(cut, 0, len(cut))  # tolerant: whatever it finds, it never raises


def test_a_tiff_finds_the_trailers_a_footer_announces_and_only_those() -> None:
    image = encode(photo(), "TIFF")
    found = tiff.read(image + fotostation(CAPTION))
    assert found.trailer is not None
    assert (found.trailer.offset, [b.name for b in found.trailer.blocks]) == (len(image), ["IPTC"])
    assert found.iptc == [CAPTION]
    # Bytes no footer announces may be data an IFD points to: a TIFF has no end to pass.
    assert tiff.read(image + CAPTION).trailer is None


def test_a_block_of_its_own_is_read_when_it_is_a_known_trailer() -> None:
    container = Container("png", "image/png")
    hold(sef((0x0AA1, "MCC_Data", b"208")), container)
    assert [(b.source, b.name, b.data) for b in container.blocks] == [
        ("Samsung SEF", "MCC_Data", b"208")
    ]
    hold(b"where I live", container)
    assert len(container.blocks) == 1 and container.iptc == container.clips == []


def test_a_oneplus_trailer_gives_its_named_blocks_from_its_json_directory() -> None:
    trailer = oneplus_watermark("OnePlus 12")
    found = jpeg.read(IMAGE + trailer).trailer
    assert found is not None and found.offset == len(IMAGE)
    assert [(b.source, b.name, b.length) for b in found.blocks] == [
        ("OnePlus", "watermark.device", 16), ("OnePlus", "private.emptyspace", 4),
    ]  # fmt: skip
    assert found.blocks[0].data.endswith(b"OnePlus 12\0")


@pytest.mark.parametrize(
    "directory",
    [b"not json", b"[" * 5000, b'{"name": 1}', b'[{"name": "x", "offset": 99999, "length": 4}]'],
    ids=["not json", "deep", "not a list", "outside"],
)
def test_a_broken_oneplus_directory_gives_no_blocks_and_no_error(directory: bytes) -> None:
    trailer = b"abcd" + directory + b"jxrs" + struct.pack("<I", len(directory) + 8)
    assert read_appended(trailer, 0, len(trailer)).blocks == []


@pytest.mark.parametrize("length_first", [False, True], ids=["footer tag first", "length first"])
def test_an_oppo_trailer_is_the_same_directory_ended_by_wtmk(length_first: bool) -> None:
    trailer = oppo_live_photo("France")
    if length_first:
        trailer = trailer[:-8] + trailer[-4:] + b"wtmk"
    found = read_appended(trailer, 0, len(trailer))
    assert [(b.source, b.name) for b in found.blocks] == [
        ("OPPO", "live.subVideo"), ("OPPO", "watermark.device"), ("OPPO", "travel.info"),
    ]  # fmt: skip
    assert found.blocks[2].data == b'{"travelName": "France"}'
