"""findings.credentials: what Content Credentials and AI credit lines say, in people's words.

First from records built directly (the words and severities of each case), then
end to end: manifests signed into every container by c2pa-python, inspected by
the engine and by `thinktwice scan`, and cleaned so that no reader finds them.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.metadata.c2pa_signing import manifest, signed, sources, stores_in
from tests.support.exiftool import read_tags
from thinktwice import inspect
from thinktwice.findings import analyse
from thinktwice.findings.credentials import credentials
from thinktwice.models import Finding, Kind, Metadata, Severity
from thinktwice.records import Credentials, Picture

from .build import metadata, run

JANE = Credentials(
    title="IMG_2041.jpg", generators=("PhotoApp 2.1",), authors=("Jane Doe",),
    signer="Jane Signer", signer_org="Jane Doe Photography",
    actions=("c2pa.created", "c2pa.edited"), agents=("Adobe Photoshop 25.0",),
)  # fmt: skip


def with_credentials(*found: Credentials, meta: Metadata | None = None) -> Metadata:
    meta = meta or metadata()
    meta.credentials = list(found)
    return meta


def by_kind(findings: list[Finding]) -> dict[Kind, Finding]:
    return {f.kind: f for f in findings}


# ---- the words --------------------------------------------------------------


def test_a_creator_is_named_as_a_person_high() -> None:
    found = by_kind(run(credentials, with_credentials(JANE)))[Kind.PERSON_NAME]
    assert found.severity is Severity.HIGH
    assert found.message == "It names its creator 'Jane Doe' (in its Content Credentials)."
    assert found.evidence["C2PA:Signer"] == "Jane Signer, Jane Doe Photography"


def test_accounts_are_named_with_the_creators() -> None:
    two = Credentials(authors=("Jane Doe", "Bob Roe"), accounts=("@janedoe",))
    found = by_kind(run(credentials, with_credentials(two)))[Kind.PERSON_NAME]
    assert found.message == (
        "It names its creators 'Jane Doe' and 'Bob Roe' and the account '@janedoe'"
        " (in its Content Credentials)."
    )


def test_a_person_s_signing_certificate_names_them() -> None:
    signer_only = Credentials(signer="Jane Signer", signer_org="Jane Doe Photography")
    found = by_kind(run(credentials, with_credentials(signer_only)))[Kind.PERSON_NAME]
    assert found.severity is Severity.HIGH
    assert found.message == "Its Content Credentials are signed in the name of 'Jane Signer'."


@pytest.mark.parametrize(
    ("signer", "org"),
    [("Adobe Product Signing", "Adobe Inc."), ("Google Pixel Camera", "Google LLC"),
     ("OpenAI Image Signing", None), ("C2PA Test Signing Cert", "C2PA Test Org")],
)  # fmt: skip
def test_a_company_signing_names_no_person(signer: str, org: str | None) -> None:
    company = Credentials(signer=signer, signer_org=org)
    found = by_kind(run(credentials, with_credentials(company)))
    assert Kind.PERSON_NAME not in found
    assert found[Kind.EDITING_HISTORY].message.startswith("Its Content Credentials are signed by ")


def test_the_tools_and_ai_are_the_editing_trail_low() -> None:
    ai = Credentials(generators=("Gemini 2.5",), agents=("Gemini 2.5", "Adobe Photoshop 25.0"),
                     ai_tools=("Gemini 2.5",))  # fmt: skip
    found = by_kind(run(credentials, with_credentials(ai)))[Kind.EDITING_HISTORY]
    assert found.severity is Severity.LOW
    assert found.message == (
        "Its Content Credentials say it was made with AI (Gemini 2.5) and name the tools"
        " that made it: Adobe Photoshop 25.0."
    )


def test_an_empty_manifest_still_says_it_is_there() -> None:
    found = by_kind(run(credentials, with_credentials(Credentials())))
    assert found[Kind.EDITING_HISTORY].message == (
        "It carries Content Credentials (C2PA) that record how it was made."
    )


def test_file_names_are_a_comment() -> None:
    edited = Credentials(title="final.jpg", ingredients=("jane_beach.jpg", "final.jpg"))
    found = by_kind(run(credentials, with_credentials(edited)))[Kind.COMMENT]
    assert found.severity is Severity.LOW
    assert found.message == (
        "Its Content Credentials keep its original file name 'final.jpg' and the names"
        " of the files it was made from: 'jane_beach.jpg'."
    )


def test_thumbnails_inside_the_credentials_are_said_so() -> None:
    claim, ingredient = Picture("thumbnail", "C2PA"), Picture("thumbnail", "C2PA ingredient")
    only_claim = with_credentials(JANE, meta=metadata(pictures=(claim,)))
    found = by_kind(run(credentials, only_claim))[Kind.THUMBNAIL]
    assert (found.severity, found.message) == (
        Severity.MEDIUM,
        "It carries a thumbnail of the picture inside its Content Credentials.",
    )
    both = with_credentials(JANE, meta=metadata(pictures=(claim, ingredient)))
    assert (
        "of the original it was made from"
        in by_kind(run(credentials, both))[Kind.THUMBNAIL].message
    )


def test_with_an_exif_thumbnail_too_the_pictures_rule_words_them_all() -> None:
    pictures = (Picture("thumbnail", "EXIF IFD1"), Picture("thumbnail", "C2PA"))
    meta = with_credentials(JANE, meta=metadata(pictures=pictures))
    assert Kind.THUMBNAIL not in by_kind(run(credentials, meta))
    assert by_kind(analyse(meta))[Kind.THUMBNAIL].message == (
        "It carries 2 hidden thumbnails of the photo (EXIF, C2PA)."
    )


def test_an_unreadable_store_keeps_the_generic_line() -> None:
    meta = metadata(extra=("APP11 JUMBF",))
    assert by_kind(analyse(meta))[Kind.EDITING_HISTORY].message == (
        "It carries a content credentials record (C2PA) of how it was made."
    )


@pytest.mark.parametrize("group", ["IPTC", "XMP-photoshop"])
def test_made_with_google_ai_is_an_ai_credit_not_a_person(group: str) -> None:
    meta = metadata((group, "Credit", "Made with Google AI"), ("IFD0", "Artist", "Alice Example"))
    found = by_kind(analyse(meta))
    assert found[Kind.PERSON_NAME].message == "It names a person: Alice Example."
    ai = found[Kind.EDITING_HISTORY]
    assert (ai.severity, ai.message) == (Severity.LOW, "It says it was made with AI (Google AI).")


def test_an_ai_digital_source_type_alone_says_made_with_ai() -> None:
    source = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
    found = by_kind(analyse(metadata(("XMP-iptcExt", "DigitalSourceType", source))))
    assert found[Kind.EDITING_HISTORY].message == "It says it was made with AI."
    captured = "http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture"
    assert analyse(metadata(("XMP-iptcExt", "DigitalSourceType", captured))) == []


# ---- end to end: every container ---------------------------------------------


@pytest.mark.parametrize("suffix", tuple(sources()))
def test_every_container_s_credentials_are_said_and_cleaned_away(suffix: str) -> None:
    media_type, _ = sources()[suffix]
    data = signed(suffix, manifest(ai=True))
    report = inspect(data, f"upload{suffix}", pixels=False)
    found = by_kind(list(report.findings))
    assert found[Kind.PERSON_NAME].severity is Severity.HIGH
    assert "'Jane Doe'" in found[Kind.PERSON_NAME].message
    assert "https://instagram.com/janedoe" in found[Kind.PERSON_NAME].message
    assert found[Kind.LOCATION].severity is Severity.HIGH
    assert "Paris, France" in found[Kind.LOCATION].message
    assert found[Kind.DEVICE_MODEL].message == "It names your camera: Google Pixel 8 Pro."
    assert found[Kind.EDITING_HISTORY].message.startswith(
        "Its Content Credentials say it was made with AI (Gemini)"
    )
    assert "'IMG_2041.jpg'" in found[Kind.COMMENT].message
    assert report.problems == ()
    assert stores_in(data, media_type)
    assert not stores_in(report.cleaned, media_type)
    # exiftool reads the JUMBF boxes of JPEG and PNG (its JUMBF, JSON and CBOR groups).
    if suffix in (".jpg", ".png"):
        assert _manifest_groups(data, suffix)
    assert _manifest_groups(report.cleaned, suffix) == set()


def _manifest_groups(data: bytes, suffix: str) -> set[str]:
    return {g for g, _, _ in read_tags(data, suffix)} & {
        "JUMBF",
        "C2PA",
        "CBOR",
        "JSON",
        "Jpeg2000",
    }


def test_a_jpeg_thumbnail_in_the_credentials_is_reported() -> None:
    report = inspect(signed(".jpg"), pixels=False)
    thumbnail = by_kind(list(report.findings))[Kind.THUMBNAIL]
    assert (
        thumbnail.message == "It carries a thumbnail of the picture inside its Content Credentials."
    )


def test_a_truncated_manifest_gives_the_generic_line_and_no_crash() -> None:
    _, jpeg = sources()[".jpg"]
    full = signed(".jpg")
    start = full.index(b"jumb") - 4
    store = full[start : start + 600]  # the first 600 bytes of a real store
    segment = b"JP\x02\x11\x00\x00\x00\x01" + store
    broken = jpeg[:2] + b"\xff\xeb" + (len(segment) + 2).to_bytes(2, "big") + segment + jpeg[2:]
    report = inspect(broken, pixels=False)
    (line,) = [f for f in report.findings if f.kind is Kind.EDITING_HISTORY]
    assert line.message == "It carries a content credentials record (C2PA) of how it was made."
    assert any(
        p.startswith("C2PA manifest store of 600 bytes could not be read") for p in report.problems
    )
    assert b"jumb" not in report.cleaned


def test_thinktwice_scan_says_the_credentials(tmp_path) -> None:
    path = tmp_path / "photo.png"
    path.write_bytes(signed(".png"))
    out = subprocess.run(
        [sys.executable, "-m", "thinktwice", "scan", "--json", "--no-pixels", str(path)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    (result,) = json.loads(out.stdout)
    messages = {f["kind"]: (f["severity"], f["message"]) for f in result["findings"]}
    assert messages["person_name"] == (
        "high", "It names its creator 'Jane Doe' and the account 'https://instagram.com/janedoe'"
        " (in its Content Credentials).",
    )  # fmt: skip
