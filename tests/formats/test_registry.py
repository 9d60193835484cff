"""The format registry: explicit, ordered, and each module keeps the same contract."""

from __future__ import annotations

import pytest

from thinktwice import formats
from thinktwice.errors import UnsupportedFormat
from thinktwice.formats import matroska, video

NAMES = [fmt.NAME for fmt in formats.FORMATS]


@pytest.mark.parametrize("name", NAMES)
def test_every_registered_module_offers_the_contract(name):
    module = formats.named(name)
    assert name == module.NAME
    assert isinstance(module, formats.Format)
    for function in ("sniff", "read", "strip"):
        assert callable(getattr(module, function))


@pytest.mark.parametrize("fmt", formats.FORMATS, ids=NAMES)
def test_every_format_declares_its_kinds_as_data(fmt):
    assert fmt.KINDS
    for kind in fmt.KINDS:
        assert kind.media_type.startswith(("image/", "video/"))
        assert kind.suffixes and all(s.startswith(".") for s in kind.suffixes)


@pytest.mark.parametrize(
    ("sample", "module"),
    [("jpeg", "jpeg"), ("png", "png"), ("webp", "webp"), ("gif", "gif"),
     ("tiff", "tiff"), ("heic", "heif"), ("avif", "heif")],
)  # fmt: skip
def test_detect_picks_the_module_for_each_format(samples, sample, module):
    assert module == formats.detect(samples[sample].data).NAME


@pytest.mark.parametrize("sample", ["jpeg", "png", "webp", "gif", "tiff", "heic"])
def test_exactly_one_module_claims_each_format(samples, sample):
    head = samples[sample].data[: formats.HEAD_SIZE]
    claims = [fmt.NAME for fmt in formats.FORMATS if fmt.sniff(head)]
    assert len(claims) == 1, claims


def test_an_unregistered_name_is_refused():
    with pytest.raises(ValueError, match="'bmp' is not registered"):
        formats.named("bmp")


def test_empty_data_is_named_as_empty():
    with pytest.raises(UnsupportedFormat, match="empty"):
        formats.detect(b"")


# The first bytes of each raw format as cameras write them.
RAW_HEADS = [
    (b"\x00\x00\x00\x18ftypcrx \x00\x00\x00\x01crx isom", "a Canon CR3 raw photo"),
    (b"FUJIFILMCCD-RAW 0201FF383501", "a Fujifilm RAF raw photo"),
    (b"IIU\x00\x08\x00\x00\x00", "a Panasonic RW2 raw photo"),
    (b"IIRO\x08\x00\x00\x00", "an Olympus ORF raw photo"),
]


@pytest.mark.parametrize(("head", "name"), RAW_HEADS, ids=lambda v: v if isinstance(v, str) else "")
def test_raw_photos_are_named_as_raw_and_refused_plainly(head: bytes, name: str) -> None:
    with pytest.raises(UnsupportedFormat) as error:
        formats.detect(head + bytes(200))
    assert error.value.detected.startswith(name)
    assert "raw camera files are not cleaned" in str(error.value)
    assert "video" not in str(error.value)


def test_an_mp4_and_a_webm_go_to_their_video_families() -> None:
    assert formats.detect(b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + bytes(200)) is video
    assert formats.detect(b"\x1aE\xdf\xa3" + bytes(200)) is matroska
    assert formats.movie(b"\x1aE\xdf\xa3" + bytes(60)) is matroska


@pytest.mark.parametrize("fmt", formats.MOVIES, ids=[m.NAME for m in formats.MOVIES])
def test_every_video_family_is_cleaned_from_an_edit_plan(fmt):
    assert isinstance(fmt.load(), formats.Movie)
    assert fmt in formats.FORMATS
    assert all(kind.media_type.startswith("video/") for kind in fmt.KINDS)


@pytest.mark.parametrize(("name", "noun"), [("clip.mp4", "video"), ("clip.MOV", "video"),
                                            ("clip.webm", "video"), ("photo.jpg", "image"),
                                            (None, "image")])  # fmt: skip
def test_an_empty_file_is_refused_naming_what_its_name_promised(name, noun):
    with pytest.raises(UnsupportedFormat, match=f"^The file is empty: there is no {noun} in it.$"):
        formats.detect(b"", name)
