"""Codes are named by kind and position; what they say never reaches the report."""

from __future__ import annotations

import pytest
import zxingcpp
from PIL import Image

from tests.support.images import photo
from thinktwice.models import Kind, Severity
from thinktwice.pipeline import inspect
from thinktwice.vision.analysis import analyse_pixels

from .build import code, jpeg, large_photo, pasted, photograph, png

SECRET = "BOARDING PASS M1EXAMPLE/ALICE E ABC123 CDGJFK AF 0006"
F = zxingcpp.BarcodeFormat


@pytest.mark.parametrize(
    ("fmt", "content", "scale", "noun"),
    [
        (F.QRCode, SECRET, 5, "a QR code"),
        (F.Aztec, SECRET, 5, "an Aztec code"),
        (F.PDF417, SECRET, 3, "a PDF417 code"),
        (F.DataMatrix, SECRET, 5, "a Data Matrix code"),
        (F.EAN13, "5901234123457", 4, "a barcode"),
        (F.Code128, "TICKET-0042", 3, "a barcode"),
    ],
)
def test_a_code_in_a_photo_is_found_and_named_by_kind(fmt, content, scale, noun):
    picture = pasted(photograph("coffee"), code(content, fmt, scale), (40, 30))
    findings = [f for f in analyse_pixels(png(picture)).findings if f.kind is Kind.CODE]
    (finding,) = findings
    assert finding.severity is Severity.MEDIUM
    assert finding.message == f"It shows {noun}: tickets and boarding passes carry your name."


def test_a_qr_code_in_a_12_megapixel_photo_is_found_after_the_reduced_decode():
    # A ticket's code filling a tenth of the width of a 4000x3000 photo.
    ticket = code(SECRET, F.QRCode, 7).resize((400, 400), Image.Resampling.NEAREST)
    picture = pasted(large_photo(4000, 3000), ticket, (2500, 1200))
    report = inspect(jpeg(picture, quality=85))
    (finding,) = [f for f in report.findings if f.kind is Kind.CODE]
    (position,) = finding.evidence.values()
    # Reported in original pixels: within a few reduced pixels of where it was pasted.
    x = int(position.split("x=")[1].split(",")[0])
    y = int(position.split("y=")[1].split(",")[0])
    assert abs(x - 2500) < 60 and abs(y - 1200) < 60


def test_the_codes_content_is_never_in_the_report():
    picture = pasted(photograph("chelsea"), code(SECRET, F.QRCode, 4), (150, 40))
    report = inspect(png(picture))
    text = repr(report.to_dict())
    assert "QRCode" in text
    for word in ("M1EXAMPLE", "ALICE", "ABC123", "CDGJFK"):
        assert word not in text


def test_several_kinds_are_listed_in_one_finding():
    picture = pasted(
        pasted(photo(1000, 700), code(SECRET, F.QRCode, 4), (40, 40)),
        code("5901234123457", F.EAN13, 3), (550, 350),
    )  # fmt: skip
    (finding,) = [f for f in analyse_pixels(png(picture)).findings if f.kind is Kind.CODE]
    assert "a QR code and a barcode" in finding.message
    assert len(finding.evidence) == 2


def test_a_photo_without_a_code_gives_no_code_finding():
    kinds = {f.kind for f in analyse_pixels(jpeg(photo(1600, 1200))).findings}
    assert Kind.CODE not in kinds
