"""Capped inflate: a bomb costs at most the cap, broken streams are named."""

from __future__ import annotations

import zlib

import pytest

from thinktwice.errors import CorruptImage, ImageTooLarge
from thinktwice.structure.inflate import inflate

CAP = 1 << 20


def test_a_stream_inflates():
    assert inflate(zlib.compress(b"hello" * 100), CAP, label="png", what="zTXt", at=33) == (
        b"hello" * 100
    )


def test_past_the_cap_is_too_large_without_inflating_the_rest():
    bomb = zlib.compress(bytes(64 << 20))
    with pytest.raises(ImageTooLarge, match="PNG zTXt at byte 33 inflates past 1 MiB"):
        inflate(bomb, CAP, label="png", what="zTXt", at=33)


def test_a_cut_stream_is_corrupt():
    with pytest.raises(CorruptImage, match="compressed data is cut off"):
        inflate(zlib.compress(b"x" * 1000)[:-6], CAP, label="png", what="iCCP", at=8)


def test_garbage_is_corrupt():
    with pytest.raises(CorruptImage, match="iCCP at byte 8 does not inflate"):
        inflate(b"not zlib", CAP, label="png", what="iCCP", at=8)
