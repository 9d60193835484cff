"""Visible text: read by tesseract when present, only on pictures that look like text."""

from __future__ import annotations

import pytest

from tests.support.images import photo
from thinktwice.models import Kind, Severity
from thinktwice.pipeline import inspect
from thinktwice.vision import text
from thinktwice.vision.analysis import analyse_pixels
from thinktwice.vision.options import VisionOptions

from .build import PHOTOGRAPHS, astronaut, jpeg, photograph, png, text_image

CONTACT = ["Write to alice@example.com", "or call +33 1 23 45 67 89"]
NO_TESSERACT = VisionOptions(tesseract_cmd="/nonexistent/bin/tesseract")


def test_an_email_and_a_phone_number_in_rendered_text_are_read():
    seen = analyse_pixels(png(text_image(CONTACT)))
    (finding,) = [f for f in seen.findings if f.kind is Kind.TEXT]
    assert finding.severity is Severity.MEDIUM
    assert finding.message == "Its visible text shows an email address and a phone number."
    assert finding.evidence["OCR:email"] == "alice@example.com"
    assert finding.evidence["OCR:phone"] == "+33 1 23 45 67 89"
    assert seen.problems == ()


def test_a_street_address_is_high():
    seen = analyse_pixels(png(text_image(["Deliver to:", "12 Baker Street, London"])))
    (finding,) = [f for f in seen.findings if f.kind is Kind.TEXT]
    assert finding.severity is Severity.HIGH
    assert finding.evidence["OCR:address"] == "12 Baker Street"


def test_light_text_on_a_dark_screen_is_read():
    dark = text_image(CONTACT, ground="#1e1e23", ink="#e6e6e6")
    (finding,) = [f for f in analyse_pixels(png(dark)).findings if f.kind is Kind.TEXT]
    assert "OCR:email" in finding.evidence


def test_a_large_screenshot_is_read_at_the_ocr_size_not_the_analysis_size():
    # 2400 pixels wide: the 1000-pixel analysis picture would make its text too small.
    wide = text_image(CONTACT, size=36, width=2400)
    (finding,) = [f for f in analyse_pixels(png(wide)).findings if f.kind is Kind.TEXT]
    assert finding.evidence["OCR:email"] == "alice@example.com"


def test_missing_text_recognition_is_a_problem_line_not_an_error():
    seen = analyse_pixels(png(text_image(CONTACT)), options=NO_TESSERACT)
    assert seen.status == "done"
    assert seen.problems == ("Text recognition is not installed (tesseract-ocr).",)
    assert Kind.TEXT not in {f.kind for f in seen.findings}


def test_missing_text_recognition_still_gives_the_rest_of_the_report():
    report = inspect(png(astronaut()), vision=NO_TESSERACT)
    assert report.pixel_analysis == "done"
    assert {f.kind for f in report.findings} == {Kind.FACE}
    assert "Text recognition is not installed (tesseract-ocr)." in report.problems


def test_text_recognition_can_be_turned_off_silently():
    seen = analyse_pixels(png(text_image(CONTACT)), options=VisionOptions(ocr=False))
    assert seen.problems == ()
    assert Kind.TEXT not in {f.kind for f in seen.findings}


def test_a_stuck_tesseract_is_stopped_and_told(tmp_path):
    slow = tmp_path / "tesseract"
    slow.write_text("#!/bin/sh\nexec sleep 5\n")
    slow.chmod(0o755)
    options = VisionOptions(tesseract_cmd=str(slow), ocr_timeout=0.2)
    seen = analyse_pixels(png(text_image(CONTACT)), options=options)
    assert seen.problems == ("Text recognition was stopped after 0.2 s.",)
    assert seen.status == "done"


@pytest.mark.parametrize("name", ["astronaut", "chelsea", "coffee", "rocket", "camera", "coins"])
def test_photographs_do_not_look_like_text(name):
    assert not text.looks_like_text(photograph(name))


def test_noise_photos_do_not_look_like_text():
    assert not text.looks_like_text(photo(1000, 750))


@pytest.mark.parametrize("ground", [("white", "black"), ("#1e1e23", "#e6e6e6")])
def test_rendered_text_looks_like_text(ground):
    assert text.looks_like_text(text_image(CONTACT, ground=ground[0], ink=ground[1]))


def test_sample_photographs_give_no_text_finding():
    for name in PHOTOGRAPHS:
        kinds = {f.kind for f in analyse_pixels(jpeg(photograph(name))).findings}
        assert Kind.TEXT not in kinds, name


@pytest.mark.parametrize(
    ("line", "address"),
    [
        ("12 Baker Street, London", "12 Baker Street"),
        ("see you at 5 Main St", "5 Main St"),
        ("12 rue de la Paix", "12 rue de la Paix"),
        ("Via Roma 5", "Via Roma 5"),
        ("Calle Mayor 3, Madrid", "Calle Mayor 3"),
        ("Hauptstraße 5", "Hauptstraße 5"),
        ("Kalverstraat 12", "Kalverstraat 12"),
    ],
)
def test_street_addresses_are_recognised(line, address):
    assert any(p.search(line) and p.search(line).group().strip() == address
               for p in text.ADDRESS_PATTERNS)  # fmt: skip


@pytest.mark.parametrize(
    "line", ["by the way in 5 minutes", "Bring 5 apples", "2 place settings",
             "sent via email 5 times", "Thank you for your order!"],
)  # fmt: skip
def test_ordinary_sentences_are_not_addresses(line):
    assert not any(p.search(line) for p in text.ADDRESS_PATTERNS)
