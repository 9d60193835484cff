"""HEIF/HEIC/AVIF strip: the primary image and what renders it stay, nothing else."""

from __future__ import annotations

import pillow_heif
import pytest
from PIL import Image

from tests.formats import heif_builder as hb
from tests.formats.heif_samples import (
    AUXILIARIES,
    ENCODER,
    FORMATS,
    PROFILE,
    SUFFIX,
    TIFF,
    XMP,
    assert_read_clean,
    colour,
    gain_map_file,
    grey,
    grid_item,
    heic,
    heic_pair,
    metadata_items,
    primary_pixels,
    tag_values,
    tagged,
    thumbnailed,
)
from tests.support.exiftool import assert_clean, read_tags
from tests.support.images import assert_same_pixels, encode, photo, with_metadata
from thinktwice.errors import UnsupportedFormat
from thinktwice.formats import heif


@pytest.mark.parametrize("fmt", FORMATS)
def test_strip_leaves_nothing_for_exiftool(fmt: str) -> None:
    assert_clean(heif.strip(tagged(fmt)), SUFFIX[fmt])


@pytest.mark.parametrize("fmt", FORMATS)
def test_strip_keeps_pixels(fmt: str) -> None:
    assert_same_pixels(tagged(fmt), heif.strip(tagged(fmt)))


@pytest.mark.parametrize("fmt", FORMATS)
def test_strip_keeps_the_icc_profile(fmt: str) -> None:
    assert heif.read(heif.strip(tagged(fmt))).icc == PROFILE


@pytest.mark.parametrize("fmt", FORMATS)
def test_stripped_file_reads_clean(fmt: str) -> None:
    assert_read_clean(heif.strip(tagged(fmt)))


@pytest.mark.parametrize("fmt", FORMATS)
def test_strip_is_idempotent(fmt: str) -> None:
    once = heif.strip(tagged(fmt))
    assert heif.strip(once) == once


@pytest.mark.parametrize("orientation", [6, 5, 3])
def test_strip_keeps_rotation_and_mirroring(orientation: int) -> None:
    exif = Image.Exif()
    exif[0x0112] = orientation
    data = heic(exif=exif.tobytes())
    stripped = heif.strip(data)
    names = ("Rotation", "ImageMirror", "Unknown_imir")
    assert tag_values(stripped, *names) == tag_values(data, *names) != []
    assert_same_pixels(data, stripped)
    assert heif.read(stripped).exif == []


def test_strip_removes_thumbnails() -> None:
    data = thumbnailed()
    stripped = heif.strip(data)
    assert pillow_heif.open_heif(data).info["thumbnails"]
    assert pillow_heif.open_heif(stripped).info["thumbnails"] == []
    assert_same_pixels(data, stripped)
    assert_read_clean(stripped)


@pytest.mark.parametrize("fmt", FORMATS)
def test_strip_keeps_alpha(fmt: str) -> None:
    data = encode(photo(mode="RGBA"), ENCODER[fmt], quality=90)
    stripped = heif.strip(with_metadata(data, SUFFIX[fmt]))
    assert primary_pixels(stripped)[0] == "RGBA"
    assert_same_pixels(data, stripped)
    assert_clean(stripped, SUFFIX[fmt])


def test_strip_keeps_grid_tiles() -> None:
    data = with_metadata(heic(size=(200, 136), tile_size=64), ".heic")
    stripped = heif.strip(data)
    assert pillow_heif.open_heif(stripped).info.get("tiling")
    assert_same_pixels(data, stripped)
    assert_clean(stripped, ".heic")
    assert (heif.read(stripped).width, heif.read(stripped).height) == (200, 136)


@pytest.mark.parametrize("urn, kind", AUXILIARIES)
def test_strip_removes_depth_mattes_and_with_drop_hdr_gain_maps(urn: str, kind: str) -> None:
    aux = grey().item(2, hb.aux_type(urn), hidden=True)
    xmp = hb.Item(3, b"mime", XMP.encode(), content_type="application/rdf+xml")
    data = hb.build([colour().item(1), aux, xmp], [(b"auxl", 2, [1]), (b"cdsc", 3, [2])])
    stripped = heif.strip(data, drop_hdr=kind == "gain_map")
    assert_read_clean(stripped)
    assert_same_pixels(data, stripped)
    assert urn not in str(read_tags(stripped, ".heic"))


def test_strip_with_drop_hdr_removes_tone_map_gain_maps() -> None:
    data = gain_map_file()
    stripped = heif.strip(data, drop_hdr=True)
    assert_read_clean(stripped)
    assert_same_pixels(data, stripped)
    # The brand that announces a gain map goes with it; the others stay.
    brands = ("CompatibleBrands",)
    assert tag_values(data, *brands) == [("CompatibleBrands", ["mif1", "heic", "tmap"])]
    assert tag_values(stripped, *brands) == [("CompatibleBrands", ["mif1", "heic"])]


def test_strip_removes_extra_images_and_keeps_the_primary() -> None:
    stripped = heif.strip(heic_pair())
    assert_read_clean(stripped)
    assert primary_pixels(stripped) == primary_pixels(heic_pair())


def test_strip_removes_other_metadata_items_and_properties() -> None:
    item = colour().item(1, hb.user_description("Alice", "at home"))
    data = hb.build([item, *metadata_items()])
    stripped = heif.strip(data)
    assert_read_clean(stripped)
    assert_same_pixels(data, stripped)
    assert b"Alice" not in stripped and b"private" not in stripped


def test_strip_keeps_unknown_essential_properties_only() -> None:
    essential = (hb.box(b"zzzz", b"needed"), True)
    optional = (hb.box(b"yyyy", b"vendor note"), False)
    data = hb.build([colour().item(1, essential, optional)])
    assert heif.read(data).extra == ["HEIF 'yyyy' property (unknown)"]
    stripped = heif.strip(data)
    assert b"needed" in stripped and b"vendor note" not in stripped


def test_strip_rewrites_idat_items() -> None:
    """Exif stored inside the meta box ('idat') goes; a grid description there stays."""
    exif = hb.Item(2, b"Exif", hb.exif_payload(TIFF), in_idat=True)
    tiles = [colour().item(i, hidden=True) for i in (3, 4)]
    data = hb.build([grid_item(), exif, *tiles], [(b"dimg", 1, [3, 4]), (b"cdsc", 2, [1])])
    stripped = heif.strip(data)
    assert TIFF not in stripped
    assert_read_clean(stripped)
    assert primary_pixels(stripped)[1] == (192, 64)
    assert_same_pixels(data, stripped)


LAYOUTS = {
    "iloc v0": hb.Layout(iloc_version=0),
    "iloc v2, 32-bit id fields": hb.Layout(iloc_version=2, infe_version=3, iref_version=1,
                                     ipma_version=1),
    "8-byte offsets and lengths": hb.Layout(offset_size=8, length_size=8),
    "base offsets": hb.Layout(base_offset_size=4),
    "8-byte base offsets": hb.Layout(base_offset_size=8),
    "Exif length 0, to the end": hb.Layout(zero_length_last=True),
    "wide property indices": hb.Layout(ipma_flags=1),
    "64-bit mdat size": hb.Layout(mdat_largesize=True),
    "mdat size 0": hb.Layout(mdat_size_zero=True),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_every_layout_reads_and_strips(name: str) -> None:
    layout = LAYOUTS[name]
    exif = hb.Item(2, b"Exif", hb.exif_payload(TIFF), extents=2)
    data = hb.build([colour().item(1, extents=3), exif], [(b"cdsc", 2, [1])], layout=layout)
    found = heif.read(data)
    assert (found.exif, found.width) == ([TIFF], 96)
    stripped = heif.strip(data)
    assert_read_clean(stripped)
    assert_same_pixels(data, stripped)


def test_self_contained_data_references_are_this_file() -> None:
    layout = hb.Layout(dref_flags=(0, 1), data_reference=2)
    data = hb.build([colour().item(1)], layout=layout)
    assert_same_pixels(data, heif.strip(data))


def test_data_in_other_files_is_unsupported() -> None:
    layout = hb.Layout(dref_flags=(0, 1), data_reference=1)
    with pytest.raises(UnsupportedFormat, match="outside the file"):
        heif.read(hb.build([colour().item(1)], layout=layout))


def test_strip_drops_a_stray_movie_box_from_a_still() -> None:
    moov = hb.box(b"moov", hb.box(b"udta", b"GPS here"))
    data = hb.build([colour().item(1)], before_mdat=moov)
    assert heif.read(data).extra == ["HEIF 'moov' box in file (an image sequence or video)"]
    stripped = heif.strip(data)
    assert b"moov" not in stripped
    # libheif refuses the movie box itself, so compare with the file never given one.
    assert_same_pixels(hb.build([colour().item(1)]), stripped)


def test_strip_refuses_image_sequences() -> None:
    frames = [photo(), photo(seed=2)]
    data = encode(frames[0], "AVIF", save_all=True, append_images=frames[1:], duration=100)
    with pytest.raises(UnsupportedFormat, match="sequence"):
        heif.strip(data)


def test_sequences_without_a_still_are_unsupported() -> None:
    data = hb.box(b"ftyp", b"msf1\0\0\0\0msf1hevc") + hb.box(b"moov", b"") + hb.box(b"mdat", b"")
    with pytest.raises(UnsupportedFormat, match="sequence"):
        heif.read(data)


def test_strip_drops_trailers() -> None:
    data = hb.build([colour().item(1)], after=b"appended secret")
    stripped = heif.strip(data)
    assert heif.read(stripped).trailer is None and b"secret" not in stripped
