"""The pipeline's promises: findings for what is there, a verified clean copy, typed errors."""

from __future__ import annotations

import subprocess
import sys

import pytest

import thinktwice
from tests.formats.jpeg.hdr_samples import ultra_hdr
from tests.support.exiftool import assert_clean
from tests.support.images import assert_same_pixels, encode, photo, with_thumbnail
from thinktwice import formats
from thinktwice.errors import (
    AnalysisUnavailable,
    CleaningFailed,
    CorruptImage,
    ImageTooLarge,
    UnsupportedFormat,
)
from thinktwice.formats.verify import verify
from thinktwice.limits import Limits

FORMATS = ["jpeg", "png", "webp", "gif", "tiff", "heic", "avif"]


@pytest.mark.parametrize("name", FORMATS)
def test_cleaned_copy_passes_exiftool_and_keeps_pixels(samples, name):
    sample = samples[name]
    report = thinktwice.inspect(sample.data, f"photo{sample.suffix}")
    assert_clean(report.cleaned, sample.suffix)
    assert_same_pixels(sample.data, report.cleaned)


@pytest.mark.parametrize("name", FORMATS)
def test_full_metadata_is_reported_in_plain_words(samples, name):
    report = thinktwice.inspect(samples[name].data)
    kinds = {f.kind.value for f in report.findings}
    assert {"location", "device_serial", "person_name", "capture_time"} <= kinds
    location = next(f for f in report.findings if f.kind == "location")
    assert "Vanves" in location.message
    assert report.verdict == "high"


@pytest.mark.parametrize("name", FORMATS)
def test_clean_gives_the_same_bytes_as_inspect(samples, name):
    data = samples[name].data
    assert thinktwice.clean(data) == thinktwice.inspect(data).cleaned


@pytest.mark.parametrize("name", FORMATS)
def test_a_cleaned_image_has_nothing_to_report(samples, name):
    cleaned = thinktwice.clean(samples[name].data)
    report = thinktwice.inspect(cleaned)
    assert report.findings == ()
    assert report.verdict == "none"
    assert report.cleaned == cleaned


@pytest.mark.parametrize("name", FORMATS)
def test_verify_refuses_output_that_still_reveals_something(samples, name):
    data = samples[name].data
    with pytest.raises(CleaningFailed) as caught:
        verify(formats.detect(data), data)
    assert caught.value.remaining
    assert "discarded" in str(caught.value)


@pytest.mark.parametrize(
    ("data", "named"),
    [
        (b"%PDF-1.7\n1 0 obj\n", "PDF"),
        (b"PK\x03\x04" + bytes(40), "ZIP"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "SVG"),
        (b"FLV\x01\x05" + bytes(40), "Flash (FLV) video"),
        (b"hello, this is text", "text"),
        (b"", "empty"),
    ],
)
def test_unsupported_data_is_named(data, named):
    with pytest.raises(UnsupportedFormat) as caught:
        thinktwice.inspect(data)
    assert named.lower() in str(caught.value).lower()


def test_an_empty_file_named_as_a_video_holds_no_video():
    with pytest.raises(UnsupportedFormat, match="there is no video in it"):
        thinktwice.inspect(b"", "IMG_0001.MOV")


def test_a_truncated_image_is_corrupt_not_clean(samples):
    data = samples["jpeg"].data
    with pytest.raises(CorruptImage):
        thinktwice.clean(data[: len(data) // 2])


def test_pixel_limit_stops_decompression_bombs_before_decoding():
    data = encode(photo(200, 100), "PNG")
    with pytest.raises(ImageTooLarge, match="20,000 pixels"):
        thinktwice.inspect(data, limits=Limits(max_pixels=10_000))


def test_byte_limit_is_enforced():
    data = encode(photo(), "PNG")
    with pytest.raises(ImageTooLarge, match="limit"):
        thinktwice.clean(data, limits=Limits(max_bytes=100))


def test_a_misnamed_file_is_noted_not_refused(samples):
    report = thinktwice.inspect(samples["png"].data, "holiday.jpg")
    assert report.format == "png"
    assert any(".jpg" in p for p in report.problems)


def test_every_engine_error_is_a_thinktwice_error():
    for error in (
        UnsupportedFormat,
        CorruptImage,
        ImageTooLarge,
        CleaningFailed,
        AnalysisUnavailable,
    ):
        assert issubclass(error, thinktwice.ThinkTwiceError)


def test_importing_the_api_loads_no_decoder_or_web_framework():
    code = (
        "import sys, thinktwice\n"
        "heavy = {'PIL', 'fastapi', 'starlette', 'reverse_geocode', 'numpy'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_a_thumbnail_of_another_picture_is_compared_only_when_pixels_are_read():
    main = encode(photo(400, 300, seed=1), "JPEG", quality=90)
    other = encode(photo(160, 120, seed=7).rotate(180), "JPEG", quality=80)
    data = with_thumbnail(main, other)

    def thumbnail(report):
        return next(f for f in report.findings if f.kind == "thumbnail")

    assert thumbnail(thinktwice.inspect(data)).severity.label == "high"
    assert thumbnail(thinktwice.inspect(data, pixels=False)).severity.label == "medium"


def test_with_pixels_the_picture_is_decoded_once(monkeypatch):
    # Pixel analysis and the thumbnail comparison share one decoded picture: on a
    # 12-megapixel photo a second decoding costs as much as the first.
    from PIL import Image

    main = encode(photo(400, 300, seed=1), "JPEG", quality=90)
    data = with_thumbnail(main, encode(photo(160, 120, seed=1), "JPEG", quality=80))
    opened = []
    original = Image.open

    def counting(fp, *args, **kwargs):
        opened.append(len(fp.getbuffer()))
        return original(fp, *args, **kwargs)

    monkeypatch.setattr(Image, "open", counting)
    report = thinktwice.inspect(data)
    assert report.pixel_analysis == "done"
    assert any(f.kind == "thumbnail" for f in report.findings)
    assert opened.count(len(data)) == 1, opened


@pytest.mark.parametrize("pixels", [True, False])
def test_the_clean_copy_is_handed_over_once_verified(samples, pixels):
    handed = []
    report = thinktwice.inspect(samples["jpeg"].data, pixels=pixels, on_cleaned=handed.append)
    assert handed == [report.cleaned]


def test_an_hdr_gain_map_is_said_kept_and_stays_in_the_clean_copy():
    report = thinktwice.inspect(ultra_hdr(), "PXL_0001.jpg", pixels=False)
    found = {f.kind: f for f in report.findings}
    hidden = found[thinktwice.Kind.HIDDEN_IMAGE]
    assert (hidden.severity, hidden.message) == (
        thinktwice.Severity.INFO,
        "It keeps its HDR look (a gain map).",
    )
    assert thinktwice.Kind.LOCATION in found and thinktwice.Kind.DEVICE_SERIAL in found
    assert [p.kind for p in formats.detect(report.cleaned).read(report.cleaned).pictures] == [
        "gain_map"
    ]
    flat = thinktwice.inspect(ultra_hdr(), pixels=False, drop_hdr=True)
    assert b"MPF\x00" not in flat.cleaned
    assert {f.kind: f.message for f in flat.findings}[thinktwice.Kind.HIDDEN_IMAGE] == (
        "Its HDR gain map is removed: HDR screens will show it less bright."
    )
    # A cleaned copy still says it keeps its HDR look, and nothing else.
    again = thinktwice.inspect(report.cleaned, pixels=False)
    assert [(f.kind, f.severity) for f in again.findings] == [
        (thinktwice.Kind.HIDDEN_IMAGE, thinktwice.Severity.INFO)
    ]
