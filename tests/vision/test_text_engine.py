"""Tesseract's library in the process: a pool of loaded engines, stopped at a deadline."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from thinktwice.vision import tesseract, text, textlines
from thinktwice.vision.options import VisionOptions

from .build import text_image

LIBRARY = "libtesseract.so.5"


def block(words: str, repeat: int = 1) -> np.ndarray:
    image = text_image([words] * repeat, size=30)
    return textlines.blocks(np.asarray(image.convert("L")), text.lines(image), 1)[0]


def test_several_threads_read_at_once_each_its_own_picture():
    words = [f"Room {n} at 1{n} Baker Street" for n in range(2, 6)]
    pool = tesseract.pool(LIBRARY)
    deadline = time.monotonic() + 30
    with ThreadPoolExecutor(4) as threads:
        read = list(threads.map(lambda w: pool.read(block(w), deadline), words))
    assert [r.strip() for r in read] == words


def test_a_read_past_its_deadline_is_stopped():
    with pytest.raises(tesseract.TesseractStopped):
        tesseract.pool(LIBRARY).read(block("alice@example.com", 40), time.monotonic() + 0.05)


def test_a_missing_library_is_told():
    with pytest.raises(tesseract.TesseractMissing):
        tesseract.pool("/nonexistent/libtesseract.so.5")


def test_warming_loads_the_engines_a_read_uses_at_once():
    # Other tests may have loaded some already: warming makes sure of as many as a read uses.
    options = VisionOptions(tesseract_library=LIBRARY, concurrency=6)
    text.warm(options)
    assert tesseract.pool(LIBRARY).loaded >= 6


def test_warming_without_tesseract_does_nothing_and_says_nothing():
    text.warm(VisionOptions(tesseract_library="/nonexistent/libtesseract.so.5"))
