"""Finding the lines of text on a screen or a page, so OCR reads only those."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from thinktwice.vision import text, textlines

from .build import photograph, text_image

PAGE = ["Order confirmed", "Deliver to 12 Baker Street", "Questions? alice@example.com"]


def test_each_line_of_a_rendered_page_is_found_top_to_bottom():
    found = text.lines(text_image(PAGE, size=40))
    assert len(found) == len(PAGE)
    tops = [line.top for line in found]
    assert tops == sorted(tops)
    for line, row in zip(found, range(len(PAGE)), strict=True):
        # text_image puts row i at y = 30 + 72 i, 40-pixel glyphs, starting at x = 40.
        assert 30 + 72 * row - 2 <= line.top <= 30 + 72 * row + 12
        assert 20 <= line.bottom - line.top <= 50
        assert 38 <= line.left <= 46


def test_the_longest_line_is_the_widest():
    found = text.lines(text_image(PAGE, size=40))
    widths = [line.right - line.left for line in found]
    assert widths.index(max(widths)) == 2


def test_dark_mode_lines_are_found_as_well():
    dark = text_image(PAGE, ground="#1e1e23", ink="#e6e6e6")
    assert len(text.lines(dark)) == len(PAGE)


def test_a_name_on_the_left_and_a_time_on_the_right_are_two_pieces():
    image = Image.new("L", (1000, 100), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default(size=30)
    draw.text((20, 30), "Alice", fill=0, font=font)
    draw.text((880, 30), "10:42", fill=0, font=font)
    left, right = text.lines(image)
    assert left.right < 200 and right.left > 850
    assert left.top == right.top


@pytest.mark.parametrize("name", ["astronaut", "chelsea", "coffee", "rocket", "camera", "coins"])
def test_photographs_have_no_lines(name):
    assert text.lines(photograph(name)) == []


def test_a_picture_in_a_page_is_no_line():
    image = Image.new("L", (600, 600), 255)
    image.paste(photograph("camera").convert("L").resize((300, 300)), (150, 150))
    assert textlines.find(np.asarray(image), 255) == []


def test_rules_and_borders_are_no_lines():
    grey = np.full((200, 400), 255, dtype=np.uint8)
    grey[50:52, 10:390] = 0  # a 2-pixel rule
    assert textlines.find(grey, 255) == []


def test_white_words_in_a_blue_bubble_are_found_inside_it_between_its_corners():
    image = Image.new("RGB", (1000, 200), "white")
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((300, 40, 960, 160), 40, fill="#0b84ff")
    draw.text((340, 80), "See you at 5 Main St", fill="white", font=ImageFont.load_default(size=40))
    (line,) = text.lines(image)
    assert 330 <= line.left <= 345 and 78 <= line.top <= 92 and line.bottom <= 130


def test_blocks_hold_every_line_in_order_at_most_the_line_height():
    image = text_image(PAGE * 4, size=40)
    grey = np.asarray(image.convert("L"))
    found = text.lines(image)
    one = textlines.blocks(grey, found, 1)
    two = textlines.blocks(grey, found, 2)
    assert len(one) == 1 and len(two) == 2
    assert sum(b.shape[0] for b in two) == one[0].shape[0]
    # Shrunk: each piece at most LINE_HEIGHT rows of text, plus its blank frame.
    assert one[0].shape[0] <= len(found) * textlines.LINE_HEIGHT * (1 + 2 * textlines.PAD) + 8
    ink_rows = (one[0] < 128).any(axis=1)
    assert ink_rows.sum() >= len(found) * 10
