"""Visible text: read by tesseract when present, only on pictures that look like text."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from tests.support.images import photo
from thinktwice.models import Kind, Severity
from thinktwice.pipeline import inspect
from thinktwice.vision import decode, text
from thinktwice.vision.analysis import analyse_pixels
from thinktwice.vision.options import VisionOptions

from .build import ORIENTATION, PHOTOGRAPHS, astronaut, encode, jpeg, photograph, png, text_image

CONTACT = ["Write to alice@example.com", "or call +33 1 23 45 67 89"]
NO_TESSERACT = VisionOptions(tesseract_library="/nonexistent/libtesseract.so.5")
# A chat: who says it (left or right bubble), the font size, the words.
CHAT = (
    (False, 34, "Alice  10:42"),
    (False, 44, "Hi! Are you coming tonight?"),
    (True, 44, "Yes, what is the address again?"),
    (False, 44, "We moved: 27 Orchard Road"),
    (False, 34, "Mail me at sam.lee@example.org"),
    (True, 56, "Great, see you"),
    (False, 38, "or call 0161 496 0123 if lost"),
)
CHAT_FOUND = {"OCR:address": "27 Orchard Road", "OCR:email": "sam.lee@example.org",
              "OCR:phone": "0161 496 0123"}  # fmt: skip


def chat_screenshot(dark: bool = False) -> Image.Image:
    """A 1170x2532 phone screenshot of a chat: grey bubbles on the left, blue on the right,
    in several font sizes, light or dark."""
    ground, theirs, ink = ("black", "#262628", "white") if dark else ("white", "#e9e9eb", "black")
    page = Image.new("RGB", (1170, 2532), ground)
    draw = ImageDraw.Draw(page)
    draw.rectangle((0, 0, 1170, 140), fill=theirs)  # the title bar
    draw.text((480, 50), "Alice", fill=ink, font=ImageFont.load_default(size=48))
    top = 220
    for mine, size, words in CHAT:
        font = ImageFont.load_default(size=size)
        width = int(draw.textlength(words, font=font))
        left = 1170 - width - 100 if mine else 40
        draw.rounded_rectangle((left, top, left + width + 60, top + size * 2), 30,
                               fill="#0b84ff" if mine else theirs)  # fmt: skip
        draw.text((left + 30, top + size // 2), words, fill="white" if mine else ink, font=font)
        top += size * 2 + 60
    return page


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


def test_a_png_decoded_whole_for_analysis_is_kept_whole_and_upright_for_the_text():
    # Text recognition reads these pixels rather than decoding the file a second time.
    exif = Image.Exif()
    exif[ORIENTATION] = 6  # stored on its side: a quarter turn clockwise makes it upright
    sideways = text_image(CONTACT, size=36, width=2400).rotate(90, expand=True)
    decoded = decode.for_analysis(encode(sideways, "PNG", exif=exif.tobytes()), 1000)
    assert decoded.whole is not None
    assert decoded.whole.size == (decoded.width, decoded.height) == (2400, sideways.width)
    # The same picture as the analysis one, the same way up, only larger.
    shrunk = np.asarray(decoded.whole.resize(decoded.image.size), dtype=np.int16)
    assert np.abs(shrunk - np.asarray(decoded.image, dtype=np.int16)).mean() < 8


def test_a_jpeg_is_not_kept_whole_it_is_decoded_small():
    decoded = decode.for_analysis(jpeg(text_image(CONTACT, width=2400)), 1000)
    assert decoded.whole is None


@pytest.mark.parametrize("dark", [False, True])
def test_a_phone_screenshot_of_a_chat_shows_its_address_email_and_phone(dark):
    seen = analyse_pixels(png(chat_screenshot(dark)))
    (finding,) = [f for f in seen.findings if f.kind is Kind.TEXT]
    assert finding.severity is Severity.HIGH
    assert finding.evidence == CHAT_FOUND
    assert seen.problems == ()


def test_every_line_of_the_chat_is_found():
    # The title and each bubble's words, the blue ones found inside their bubble.
    assert len(text.lines(chat_screenshot())) == 1 + len(CHAT)


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


def test_a_long_read_is_stopped_at_the_timeout_and_told():
    page = text_image(CONTACT * 20, size=30)
    seen = analyse_pixels(png(page), options=VisionOptions(ocr_timeout=0.01))
    assert seen.problems == ("Text recognition was stopped after 0.01 s.",)
    assert seen.status == "done"
    assert Kind.TEXT not in {f.kind for f in seen.findings}


def test_a_library_without_the_english_model_is_a_problem_line(monkeypatch, tmp_path):
    # tesseract looks for its models under TESSDATA_PREFIX: an empty folder has none.
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path))
    options = VisionOptions(tesseract_library="libtesseract.so.5.0.3")  # a pool of its own
    seen = analyse_pixels(png(text_image(CONTACT)), options=options)
    assert seen.problems == ("Text recognition has no English model (tesseract-ocr-eng).",)


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
