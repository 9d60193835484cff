"""The format registry: explicit, ordered, and each module keeps the same contract."""

from __future__ import annotations

import pytest

from thinktwice import formats
from thinktwice.errors import UnsupportedFormat

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
