"""WebP: strip keeps the image chunks, ICC, animation and orientation; nothing else."""

from __future__ import annotations

import io
import struct
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from tests.support.exiftool import assert_clean, read_tags
from tests.support.images import (
    FULL_METADATA,
    assert_same_pixels,
    encode,
    photo,
    srgb_icc,
    with_metadata,
)
from tests.support.mutation import overwrite
from thinktwice.errors import CorruptImage, ThinkTwiceError
from thinktwice.formats import webp
from thinktwice.formats.orientation import minimal_exif, read_orientation

ICC, ALPHA, EXIF, XMP, ANIMATION = 0x20, 0x10, 0x08, 0x04, 0x02
PROFILE = srgb_icc()


def _animation_frames() -> list[Image.Image]:
    base = photo()
    return [
        base,
        base.transpose(Image.Transpose.FLIP_LEFT_RIGHT),
        base.transpose(Image.Transpose.FLIP_TOP_BOTTOM),
    ]


def _animated(**params: object) -> bytes:
    first, *rest = _animation_frames()
    return encode(
        first, "WEBP", save_all=True, append_images=rest, duration=[100, 200, 300], **params
    )


# kind -> (plain encoding, expected VP8X image flags)
ENCODINGS = {
    "lossy": (lambda: encode(photo(), "WEBP", quality=90, icc_profile=PROFILE), 0),
    "lossless": (lambda: encode(photo(), "WEBP", lossless=True, icc_profile=PROFILE), 0),
    "alpha": (lambda: encode(photo(mode="RGBA"), "WEBP", icc_profile=PROFILE), ALPHA),
    "animated": (lambda: _animated(loop=3, icc_profile=PROFILE), ANIMATION),
}
KINDS = sorted(ENCODINGS)


@cache
def plain(kind: str) -> bytes:
    return ENCODINGS[kind][0]()


@cache
def tagged(kind: str, *extra: str) -> bytes:
    """The `kind` encoding with every identifying tag exiftool writes to WebP."""
    return with_metadata(plain(kind), ".webp", *FULL_METADATA, *extra)


def chunks(data: bytes) -> list[tuple[bytes, bytes]]:
    """Top-level (fourcc, payload) pairs, read independently of the module under test."""
    out, pos = [], 12
    while pos < len(data):
        fourcc, (size,) = data[pos : pos + 4], struct.unpack_from("<I", data, pos + 4)
        out.append((fourcc, data[pos + 8 : pos + 8 + size]))
        pos += 8 + size + (size & 1)
    return out


def riff(*chunk_list: tuple[bytes, bytes]) -> bytes:
    """A WebP file made of (fourcc, payload) chunks, padded as RIFF requires."""
    body = b"".join(
        fourcc + struct.pack("<I", len(p)) + p + b"\x00" * (len(p) & 1) for fourcc, p in chunk_list
    )
    return b"RIFF" + struct.pack("<I", len(body) + 4) + b"WEBP" + body


def vp8x_flags(data: bytes) -> int:
    fourcc, payload = chunks(data)[0]
    assert fourcc == b"VP8X"
    return payload[0]


def open_image(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"RIFF\x10\x00\x00\x00WEBPVP8 ", True),
        (b"RIFF\x10\x00\x00\x00WAVEfmt ", False),
        (b"\xff\xd8\xff\xe0", False),
        (b"", False),
    ],
)
def test_sniff_recognises_riff_webp_only(head: bytes, expected: bool) -> None:
    assert webp.sniff(head) is expected


@pytest.mark.parametrize("kind", KINDS)
def test_read_finds_exif_xmp_and_icc(kind: str) -> None:
    container = webp.read(tagged(kind))
    assert container.exif and container.exif[0][:4] in (b"II*\x00", b"MM\x00*")
    assert b"Alice Example" in container.xmp[0]
    assert container.icc == PROFILE
    assert (container.width, container.height) == (96, 64)
    assert container.frames == (3 if kind == "animated" else 1)


@pytest.mark.parametrize("kind", KINDS)
def test_strip_leaves_nothing_identifying(kind: str) -> None:
    assert_clean(webp.strip(tagged(kind)), ".webp")


@pytest.mark.parametrize("kind", KINDS)
def test_strip_keeps_pixels_and_frame_timing(kind: str) -> None:
    assert_same_pixels(plain(kind), webp.strip(tagged(kind)))


@pytest.mark.parametrize("kind", KINDS)
def test_strip_keeps_icc_profile(kind: str) -> None:
    with open_image(webp.strip(tagged(kind))) as image:
        assert image.info["icc_profile"] == PROFILE


@pytest.mark.parametrize("kind", KINDS)
def test_strip_clears_exif_and_xmp_flags_and_keeps_the_others(kind: str) -> None:
    assert vp8x_flags(tagged(kind)) & (EXIF | XMP) == EXIF | XMP
    assert vp8x_flags(webp.strip(tagged(kind))) == ICC | ENCODINGS[kind][1]


@pytest.mark.parametrize("kind", KINDS)
def test_exiftool_reads_the_rewritten_flags(kind: str) -> None:
    flags = {name: v for group, name, v in read_tags(webp.strip(tagged(kind)), ".webp")}
    assert "ICC Profile" in flags["WebP_Flags"]
    assert "EXIF" not in flags["WebP_Flags"] and "XMP" not in flags["WebP_Flags"]


@pytest.mark.parametrize("kind", KINDS)
def test_strip_keeps_orientation_as_minimal_exif(kind: str) -> None:
    stripped = webp.strip(tagged(kind, "-Orientation#=6"))
    assert webp.read(stripped).exif == [minimal_exif(6)]
    assert vp8x_flags(stripped) & EXIF
    with open_image(stripped) as image:
        assert image.getexif()[0x0112] == 6
    assert_same_pixels(plain(kind), stripped)
    assert_clean(stripped, ".webp")


@pytest.mark.parametrize("kind", KINDS)
def test_strip_drops_orientation_1(kind: str) -> None:
    stripped = webp.strip(tagged(kind, "-Orientation#=1"))
    assert webp.read(stripped).exif == []
    assert not vp8x_flags(stripped) & EXIF


@pytest.mark.parametrize("kind", KINDS)
def test_strip_is_idempotent(kind: str) -> None:
    once = webp.strip(tagged(kind, "-Orientation#=6"))
    assert webp.strip(once) == once


def test_strip_keeps_animation_loop_count() -> None:
    with open_image(webp.strip(tagged("animated"))) as image:
        assert image.info["loop"] == 3
        assert image.n_frames == 3


def test_strip_copies_image_chunks_unchanged() -> None:
    kept = (b"ICCP", b"ANIM", b"ANMF")
    original = [c for c in chunks(tagged("animated")) if c[0] in kept]
    assert [c for c in chunks(webp.strip(tagged("animated"))) if c[0] in kept] == original


def test_unknown_chunk_is_reported_and_dropped() -> None:
    data = riff(*chunks(tagged("lossy")), (b"ZZZZ", b"where I live"))
    assert "WebP chunk 'ZZZZ'" in webp.read(data).extra
    stripped = webp.strip(data)
    assert b"ZZZZ" not in stripped
    assert_same_pixels(plain("lossy"), stripped)


def test_unknown_chunk_inside_an_animation_frame_is_dropped() -> None:
    def with_note(fourcc: bytes, payload: bytes) -> tuple[bytes, bytes]:
        if fourcc != b"ANMF":
            return fourcc, payload
        return fourcc, payload + b"NOTE" + struct.pack("<I", 5) + b"Alice\x00"

    data = riff(*(with_note(*c) for c in chunks(plain("animated"))))
    assert "WebP chunk 'NOTE' in an ANMF frame" in webp.read(data).extra
    stripped = webp.strip(data)
    assert b"NOTE" not in stripped
    assert_same_pixels(plain("animated"), stripped)


def test_exif_prefix_some_writers_add_is_removed() -> None:
    exif = minimal_exif(3)
    data = riff(*chunks(plain("lossy")), (b"EXIF", b"Exif\x00\x00" + exif))
    assert webp.read(data).exif == [exif]
    assert webp.read(webp.strip(data)).exif == [minimal_exif(3)]


@pytest.mark.parametrize(
    ("image", "params", "alpha"),
    [
        (photo(), {"quality": 90}, 0),
        (photo(mode="RGBA"), {"lossless": True}, ALPHA),
    ],
    ids=["lossy", "lossless-alpha"],
)
def test_simple_file_with_exif_orientation_gains_a_vp8x_chunk(
    image: Image.Image, params: dict[str, object], alpha: int
) -> None:
    simple = encode(image, "WEBP", **params)
    assert chunks(simple)[0][0] in (b"VP8 ", b"VP8L")
    stripped = webp.strip(riff(*chunks(simple), (b"EXIF", minimal_exif(8, b"II"))))
    fourcc, vp8x = chunks(stripped)[0]
    assert fourcc == b"VP8X"
    assert vp8x[0] == EXIF | alpha
    assert (int.from_bytes(vp8x[4:7], "little") + 1, int.from_bytes(vp8x[7:10], "little") + 1) == (
        96,
        64,
    )
    assert read_orientation(webp.read(stripped).exif[0]) == 8
    assert_same_pixels(simple, stripped)


def test_simple_file_without_orientation_stays_simple() -> None:
    simple = encode(photo(), "WEBP")
    stripped = webp.strip(riff(*chunks(simple), (b"EXIF", minimal_exif(1))))
    assert stripped == simple


def test_trailing_bytes_are_reported_and_dropped() -> None:
    data = tagged("lossy") + b"appended video"
    trailer = webp.read(data).trailer
    assert trailer is not None
    assert (trailer.offset, trailer.length, trailer.data) == (
        len(data) - 14,
        14,
        b"appended video",
    )
    assert webp.strip(data) == webp.strip(tagged("lossy"))


def test_riff_size_past_the_end_is_corrupt() -> None:
    data = bytearray(tagged("lossy"))
    data[4:8] = struct.pack("<I", len(data))
    with pytest.raises(CorruptImage, match="RIFF header claims"):
        webp.read(bytes(data))
    with pytest.raises(CorruptImage, match="RIFF header claims"):
        webp.strip(bytes(data))


def test_chunk_past_the_riff_end_is_corrupt() -> None:
    data = riff((b"VP8 ", b"\x00" * 20))
    data = data[:16] + struct.pack("<I", 4000) + data[20:]
    with pytest.raises(CorruptImage, match=r"'VP8 ' at byte 12 claims 4000 bytes"):
        webp.read(data)


def test_every_truncation_is_a_corrupt_image() -> None:
    data = tagged("animated")
    for length in range(len(data)):
        with pytest.raises(CorruptImage):
            webp.strip(data[:length])
        with pytest.raises(CorruptImage):
            webp.read(data[:length])


def assert_stripped_is_clean(stripped: bytes) -> None:
    """What the engine checks on every cleaned output."""
    container = webp.read(stripped)
    assert container.xmp == [] and container.extra == [] and container.trailer is None
    for exif in container.exif:
        orientation = read_orientation(exif)
        assert orientation is not None and exif == minimal_exif(orientation)
    assert webp.strip(stripped) == stripped


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(KINDS),
    edits=st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), max_size=8),
    cut=st.integers(min_value=0),
)
def test_mutated_files_fail_typed_or_strip_clean(
    kind: str, edits: list[tuple[int, int]], cut: int
) -> None:
    data = overwrite(tagged(kind, "-Orientation#=6"), edits)
    mutated = data[: len(data) - cut % 64]
    try:
        webp.read(mutated)
        stripped = webp.strip(mutated)
    except ThinkTwiceError:
        return
    assert_stripped_is_clean(stripped)
