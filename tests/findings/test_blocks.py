"""Every hidden block the cleaner removes is said: Samsung SEF trailers, motion-photo
clips, IPTC appended in AFCP and FotoStation trailers, after a JPEG, PNG, WebP, GIF,
TIFF or HEIC, or in a box or chunk of their own. Built in code, checked by exiftool
(it reads each block before cleaning where it knows it, and finds nothing after)."""

from __future__ import annotations

import struct
from collections.abc import Callable

import pytest

from tests.findings.build import IMAGE
from tests.formats.heif_builder import box
from tests.formats.heif_samples import heic
from tests.formats.trailers import (
    TIMESTAMP_MS,
    afcp,
    fotostation,
    iptc,
    movie,
    oneplus_watermark,
    oppo_live_photo,
    samsung_motion_photo,
    sef,
)
from tests.support.containers import after_soi, jpeg_segment, png_chunk
from tests.support.exiftool import assert_clean, read_tags
from tests.support.images import assert_same_pixels, encode, photo, with_metadata
from thinktwice.models import Finding, Kind, Severity
from thinktwice.pipeline import inspect

CAPTION = iptc((120, "Anna at the lake house"), (80, "Anna Lindqvist"), (90, "Uppsala"))


def said(data: bytes) -> tuple[dict[Kind, Finding], bytes]:
    report = inspect(data, pixels=False)
    return {f.kind: f for f in report.findings}, report.cleaned


def words(finding: Finding) -> tuple[Severity, str]:
    return finding.severity, finding.message


def test_a_samsung_motion_photo_says_its_clip_its_time_and_its_network_country() -> None:
    data = IMAGE + samsung_motion_photo(movie(3))
    assert {(g, n) for g, n, _ in read_tags(data, ".jpg")} >= {
        ("Samsung", "TimeStamp"), ("Samsung", "MCCData"), ("Samsung", "EmbeddedVideoType"),
    }  # fmt: skip
    found, cleaned = said(data)
    assert words(found[Kind.APPENDED_DATA]) == (
        Severity.HIGH, "It holds a 3-second video (a motion photo, 2.2 MB).",
    )  # fmt: skip
    assert words(found[Kind.LOCATION]) == (
        Severity.MEDIUM, "It names the country of the mobile network it was taken on: France.",
    )  # fmt: skip
    assert words(found[Kind.CAPTURE_TIME]) == (
        Severity.MEDIUM, "It shows when it was taken: 14 March 2024, 17:02 (UTC).",
    )  # fmt: skip
    assert found[Kind.LOCATION].evidence == {"Samsung:MCCData": "208"}
    assert b"SEFT" not in cleaned and len(cleaned) <= len(IMAGE)
    assert_clean(cleaned, ".jpg")


def test_a_samsung_heic_motion_photo_says_the_clip_in_its_mpvd_box() -> None:
    data = heic() + box(b"mpvd", movie(3))
    assert ("QuickTime", "MotionPhotoVideo") in {(g, n) for g, n, _ in read_tags(data, ".heic")}
    found, cleaned = said(data)
    assert words(found[Kind.APPENDED_DATA]) == (
        Severity.HIGH, "It holds a 3-second video (a motion photo, 2.2 MB).",
    )  # fmt: skip
    assert found[Kind.APPENDED_DATA].evidence["Clip:source"] == "HEIF 'mpvd' box"
    assert b"mpvd" not in cleaned and len(cleaned) < 10_000
    assert_clean(cleaned, ".heic")


def test_a_samsung_heic_says_the_sef_blocks_of_its_sefd_box() -> None:
    blocks = sef((0x0A01, "Image_UTC_Data", TIMESTAMP_MS.encode()), (0x0AA1, "MCC_Data", b"262"))
    data = heic() + box(b"sefd", blocks)
    assert {(g, n) for g, n, _ in read_tags(data, ".heic")} >= {
        ("Samsung", "TimeStamp"), ("Samsung", "MCCData"),
    }  # fmt: skip
    found, cleaned = said(data)
    assert words(found[Kind.LOCATION]) == (
        Severity.MEDIUM, "It names the country of the mobile network it was taken on: Germany.",
    )  # fmt: skip
    assert found[Kind.CAPTURE_TIME].message == (
        "It shows when it was taken: 14 March 2024, 17:02 (UTC)."
    )
    assert words(found[Kind.APPENDED_DATA]) == (
        Severity.HIGH,
        "It has Samsung camera data in a block of its own: the time it was taken and "
        "the country of the mobile network.",
    )
    assert b"SEFH" not in cleaned
    assert_clean(cleaned, ".heic")


def test_an_unknown_network_code_is_still_said() -> None:
    found, _ = said(IMAGE + sef((0x0AA1, "MCC_Data", b"999")))
    assert words(found[Kind.LOCATION]) == (
        Severity.MEDIUM, "It records the code of the mobile network it was taken on (999).",
    )  # fmt: skip
    assert found[Kind.APPENDED_DATA].message == (
        "It has Samsung camera data after the end of the image: the country of the mobile network."
    )


@pytest.mark.parametrize(
    ("trailer", "block"),
    [
        (afcp(len(IMAGE), CAPTION), "an AFCP block"),
        (fotostation(CAPTION), "a FotoStation block"),
        (CAPTION, "an IPTC block"),
    ],
    ids=["afcp", "fotostation", "plain iptc"],
)
def test_iptc_appended_after_the_image_names_people_places_and_captions(
    trailer: bytes, block: str
) -> None:
    data = IMAGE + trailer
    if block != "an IPTC block":  # exiftool reads IPTC only from the trailers it knows
        assert ("IPTC2", "By-line", "Anna Lindqvist") in read_tags(data, ".jpg")
    found, cleaned = said(data)
    assert words(found[Kind.PERSON_NAME]) == (Severity.HIGH, "It names a person: Anna Lindqvist.")
    assert words(found[Kind.LOCATION]) == (
        Severity.HIGH, "It names a place: Uppsala (IPTC location fields).",
    )  # fmt: skip
    assert found[Kind.COMMENT].message == "It contains a description: “Anna at the lake house”."
    assert words(found[Kind.APPENDED_DATA]) == (
        Severity.HIGH,
        f"It has {block} after the end of the image: captions, names and places (IPTC).",
    )
    assert b"Lindqvist" not in cleaned
    assert_clean(cleaned, ".jpg")


def test_a_samsung_depth_map_block_is_a_hidden_picture() -> None:
    data = IMAGE + sef(
        (0x0AB1, "DualShot_DepthMap_1", bytes(range(256)) * 4),
        (0x0A01, "Image_UTC_Data", b"1710435731000"),
    )
    assert ("Samsung", "DepthMapData") in {(g, n) for g, n, _ in read_tags(data, ".jpg")}
    found, cleaned = said(data)
    assert words(found[Kind.HIDDEN_IMAGE]) == (Severity.HIGH, "It hides a depth map (Samsung).")
    assert found[Kind.APPENDED_DATA].message == (
        "It has Samsung camera data after the end of the image: "
        "a depth map and the time it was taken."
    )
    assert_clean(cleaned, ".jpg")


# The same blocks after (or inside) the other containers: decoded by the one trailer
# reader, said in the same sentences, and gone from the cleaned file.
PICTURES = {
    ".png": encode(photo(), "PNG"),
    ".webp": encode(photo(), "WEBP", lossless=True),
    ".gif": encode(photo().convert("P"), "GIF"),
    ".tiff": encode(photo(), "TIFF"),
}
SAMSUNG_SCREENSHOT = sef(
    (0x0A01, "Image_UTC_Data", TIMESTAMP_MS.encode()), (0x0AA1, "MCC_Data", b"208")
)


def with_samsung_data(suffix: str, where: str) -> bytes:
    """A Samsung screenshot's SEF blocks after the image, or in a PNG or RIFF chunk."""
    image = PICTURES[suffix]
    if where == "after the end of the image":
        return image + SAMSUNG_SCREENSHOT
    if suffix == ".png":  # before IEND
        return image[:-12] + png_chunk(b"seFd", SAMSUNG_SCREENSHOT) + image[-12:]
    chunk = b"SEFD" + struct.pack("<I", len(SAMSUNG_SCREENSHOT)) + SAMSUNG_SCREENSHOT
    body = image[12:] + chunk  # the RIFF size grows with it
    return b"RIFF" + struct.pack("<I", len(body) + 4) + b"WEBP" + body


@pytest.mark.parametrize(
    ("suffix", "where"),
    [*((suffix, "after the end of the image") for suffix in PICTURES),
     (".png", "in a block of its own"), (".webp", "in a block of its own")],
)  # fmt: skip
def test_samsung_data_after_or_inside_any_image_says_its_time_and_network_country(
    suffix: str, where: str
) -> None:
    found, cleaned = said(with_samsung_data(suffix, where))
    assert words(found[Kind.APPENDED_DATA]) == (
        Severity.HIGH,
        f"It has Samsung camera data {where}: the time it was taken and "
        "the country of the mobile network.",
    )
    assert found[Kind.LOCATION].evidence == {"Samsung:MCCData": "208"}
    assert found[Kind.CAPTURE_TIME].message == (
        "It shows when it was taken: 14 March 2024, 17:02 (UTC)."
    )
    assert b"SEFH" not in cleaned
    assert_same_pixels(PICTURES[suffix], cleaned)
    assert_clean(cleaned, suffix)


@pytest.mark.parametrize("suffix", PICTURES)
@pytest.mark.parametrize(
    ("trailer", "block"),
    [(afcp, "an AFCP block"), (lambda _, iptc: fotostation(iptc), "a FotoStation block")],
    ids=["afcp", "fotostation"],
)
def test_iptc_appended_after_any_image_names_people_places_and_captions(
    suffix: str, trailer: Callable[[int, bytes], bytes], block: str
) -> None:
    image = PICTURES[suffix]
    data = image + trailer(len(image), CAPTION)
    if suffix == ".tiff":  # exiftool looks for these footers after a TIFF, not a PNG or WebP
        assert ("IPTC2", "By-line", "Anna Lindqvist") in read_tags(data, suffix)
    found, cleaned = said(data)
    assert words(found[Kind.PERSON_NAME]) == (Severity.HIGH, "It names a person: Anna Lindqvist.")
    assert found[Kind.LOCATION].message == "It names a place: Uppsala (IPTC location fields)."
    assert words(found[Kind.APPENDED_DATA]) == (
        Severity.HIGH,
        f"It has {block} after the end of the image: captions, names and places (IPTC).",
    )
    assert b"Lindqvist" not in cleaned
    assert_clean(cleaned, suffix)


@pytest.mark.parametrize("suffix", [".png", ".webp", ".gif"])
def test_plain_iptc_and_a_motion_clip_after_a_png_webp_or_gif_are_said(suffix: str) -> None:
    found, cleaned = said(PICTURES[suffix] + CAPTION)
    assert found[Kind.PERSON_NAME].message == "It names a person: Anna Lindqvist."
    assert found[Kind.APPENDED_DATA].message == (
        "It has an IPTC block after the end of the image: captions, names and places (IPTC)."
    )
    assert b"Lindqvist" not in cleaned
    found, cleaned = said(PICTURES[suffix] + samsung_motion_photo(movie(3, 50_000)))
    assert found[Kind.APPENDED_DATA].message == (
        "It holds a 3-second video (a motion photo, 50.1 KB)."
    )
    assert b"ftyp" not in cleaned
    assert_clean(cleaned, suffix)


def test_a_oneplus_trailer_names_the_phone_its_watermark_would_print() -> None:
    # exiftool 12.57 (this machine's judge) predates OnePlus trailers: it sees no tag.
    data = IMAGE + oneplus_watermark("OnePlus 12")
    assert not {g for g, _, _ in read_tags(data, ".jpg")} & {"OnePlus", "Trailer"}
    found, cleaned = said(data)
    assert words(found[Kind.APPENDED_DATA]) == (
        Severity.HIGH,
        "It has OnePlus camera data after the end of the image: "
        "the phone's name for its watermark and reserved space.",
    )
    assert found[Kind.DEVICE_MODEL].message == "It names your camera: OnePlus 12."
    assert found[Kind.DEVICE_MODEL].evidence == {"OnePlus:Device": "OnePlus 12"}
    assert b"jxrs" not in cleaned
    assert_clean(cleaned, ".jpg")


OPCAMERA_XMP = (
    b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF "
    b"xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description "
    b"xmlns:OpCamera='http://ns.oplus.com/photos/1.0/camera/' OpCamera:MotionPhotoOwner='oplus'"
    b" OpCamera:OLivePhotoVersion='2'/></rdf:RDF></x:xmpmeta>"
)


def test_an_oppo_live_photo_says_its_clip_its_phone_and_its_trip() -> None:
    # What the camera also writes names nobody: its feature bits, the live photo's "owner".
    image = after_soi(with_metadata(IMAGE, ".jpg", "-UserComment=oplus_8388608"),
                      jpeg_segment(0xE1, OPCAMERA_XMP))  # fmt: skip
    found, cleaned = said(image + movie(3, 50_000) + oppo_live_photo("France"))
    assert not found.keys() & {Kind.COMMENT, Kind.PERSON_NAME}
    assert found[Kind.APPENDED_DATA].message == (
        "It holds a 3-second video (a motion photo, 50.1 KB)."
    )
    assert found[Kind.APPENDED_DATA].evidence["Trailer:OPPO #3"] == "travel.info (24 bytes)"
    assert words(found[Kind.LOCATION]) == (
        Severity.MEDIUM, "It names a place: France (OPPO location fields).",
    )  # fmt: skip
    assert found[Kind.DEVICE_MODEL].message == "It names your camera: OPPO Find X9 Ultra."
    assert b"wtmk" not in cleaned and b"France" not in cleaned
    assert_clean(cleaned, ".jpg")


@pytest.mark.parametrize("suffix", [".png", ".webp", ".gif"])
@pytest.mark.parametrize(
    ("appended", "message"),
    [
        (IMAGE, "Another image is hidden after the end of the image."),
        (b"PK\x03\x04\x14\x00" + bytes(200), "A ZIP archive is hidden after the end of the image."),
    ],
    ids=["jpeg", "zip"],
)
def test_a_file_appended_after_a_png_webp_or_gif_is_named_and_removed(
    suffix: str, appended: bytes, message: str
) -> None:
    found, cleaned = said(PICTURES[suffix] + appended)
    assert words(found[Kind.APPENDED_DATA]) == (Severity.HIGH, message)
    assert cleaned == said(PICTURES[suffix])[1]
    assert_clean(cleaned, suffix)
