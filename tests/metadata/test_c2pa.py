"""metadata.c2pa: a C2PA manifest store, found by its container, read offline.

The stores are real: signed into each container by c2pa-python's Builder
(c2pa_signing.py). What the reader gives is typed records, tags and pictures;
a broken store gives a problem, never an exception.
"""

from __future__ import annotations

import pytest

from thinktwice import formats
from thinktwice.formats.jumbf import is_manifest_store
from thinktwice.metadata import c2pa
from thinktwice.metadata.decode import decode
from thinktwice.records import Tag

from .c2pa_signing import LATITUDE, LONGITUDE, manifest, signed, sources

CONTAINERS = tuple(sources())


def store_of(data: bytes) -> bytes:
    (store,) = formats.detect(data).read(data).credentials
    return store


@pytest.mark.parametrize("suffix", CONTAINERS)
def test_every_container_hands_over_its_manifest_store(suffix: str) -> None:
    store = store_of(signed(suffix))
    assert is_manifest_store(store)
    found = c2pa.decode(store)
    assert found.problems == []
    assert found.credentials is not None
    assert found.credentials.authors == ("Jane Doe",)
    assert found.credentials.accounts == ("https://instagram.com/janedoe",)
    assert found.credentials.title == "IMG_2041.jpg"


def test_a_store_says_who_made_it_with_what_and_how() -> None:
    found = c2pa.decode(store_of(signed(".jpg", manifest(ai=True))))
    credentials = found.credentials
    assert credentials is not None
    assert credentials.generators == ("PhotoApp 2.1",)
    assert credentials.actions == ("c2pa.created", "c2pa.edited")
    assert credentials.agents == ("Gemini", "Adobe Photoshop 25.0")
    assert credentials.ai_tools == ("Gemini",)
    assert (credentials.signer, credentials.signer_org) == ("Jane Signer", "Jane Doe Photography")
    assert credentials.manifests == 1


def test_a_captured_photo_is_not_called_ai() -> None:
    found = c2pa.decode(store_of(signed(".png", manifest(ai=False))))
    assert found.credentials is not None and found.credentials.ai_tools == ()


def test_the_exif_assertion_gives_xmp_tags() -> None:
    found = c2pa.decode(store_of(signed(".webp")))
    assert set(found.tags) >= {
        Tag("XMP-exif", "GPSLatitude", LATITUDE), Tag("XMP-exif", "GPSLongitude", LONGITUDE),
        Tag("XMP-tiff", "Make", "Google"), Tag("XMP-tiff", "Model", "Pixel 8 Pro"),
    }  # fmt: skip


def test_the_claim_thumbnail_is_a_picture_with_its_bytes() -> None:
    found = c2pa.decode(store_of(signed(".jpg")))
    (picture,) = found.pictures
    assert (picture.kind, picture.source, picture.media_type) == ("thumbnail", "C2PA", "image/jpeg")
    assert picture.data is not None and picture.data.startswith(b"\xff\xd8")


def test_an_ingredient_gives_its_file_name_and_thumbnail() -> None:
    _, original = sources()[".jpg"]
    data = signed(".jpg", thumbnail=True, ingredient=("holiday_with_jane.jpg", original))
    found = c2pa.decode(store_of(data))
    assert found.credentials is not None
    assert found.credentials.ingredients == ("holiday_with_jane.jpg",)
    assert {p.source for p in found.pictures} == {"C2PA", "C2PA ingredient"}


def test_a_store_over_64_kb_is_joined_from_its_app11_segments() -> None:
    padding = {"label": "org.example.notes", "data": {"notes": "x" * 150_000}}
    data = signed(".jpg", manifest(extra=(padding,)))
    assert data.count(b"\xff\xeb") >= 3  # split over several APP11 segments
    found = c2pa.decode(store_of(data))
    assert found.problems == []
    assert found.credentials is not None and found.credentials.authors == ("Jane Doe",)


@pytest.mark.parametrize("cut", [0.1, 0.5, 0.99])
def test_a_truncated_store_is_a_problem_not_an_exception(cut: float) -> None:
    store = store_of(signed(".png"))
    found = c2pa.decode(store[: int(len(store) * cut)])
    assert found.credentials is None
    assert found.tags == [] and found.pictures == []
    (problem,) = found.problems
    assert problem.startswith(f"C2PA manifest store of {int(len(store) * cut):,} bytes")


def test_garbage_after_a_jumbf_header_is_a_problem() -> None:
    found = c2pa.decode(b"\x00\x00\x00\x40jumb" + bytes(range(56)))
    assert found.credentials is None and len(found.problems) == 1


def test_decode_lists_the_store_with_the_rest_of_the_metadata() -> None:
    data = signed(".heic")
    meta = decode(formats.detect(data).read(data))
    assert [c.authors for c in meta.credentials] == [("Jane Doe",)]
    assert Tag("XMP-tiff", "Model", "Pixel 8 Pro") in meta.tags


def test_the_reader_is_kept_off_the_network() -> None:
    # The settings the service reads with; test_offline.py watches it for real.
    verify = c2pa.SETTINGS["verify"]
    assert verify["remote_manifest_fetch"] is False and verify["ocsp_fetch"] is False
    assert verify["verify_trust"] is False and verify["verify_timestamp_trust"] is False
    assert c2pa.SETTINGS["core"]["allowed_network_hosts"] == []
