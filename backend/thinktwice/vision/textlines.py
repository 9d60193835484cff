"""Where the lines of text are on a screen or a page: so OCR reads only those.

Tesseract's own layout analysis of a whole phone screenshot costs as much as the
reading; the lines of a screen are easy to find instead. The marks are the pixels
far from the background (the same marks the "looks like text" test counts); a
line is a band of rows holding marks between rows holding none, and within it a
run of columns with marks, cut where the gap is wider than three line heights
(a name on the left and a time on the right are two pieces). A band taller than
a sixth of the picture's width is a picture, not a line, and is left out, as is
one of fewer than `MIN_HEIGHT` rows (a rule, a border). A piece that is mostly
marks is a filled shape (a chat bubble, a button): its lines are looked for inside
it, on its own background, once, between its rounded corners.

The pieces are then laid out one under another, each shrunk so its band is at most
`LINE_HEIGHT` pixels tall (tesseract reads screen text that size as well as larger,
and in less time), into as many blocks as there are engines to read them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

DISTANCE = 80  # grey levels from the background that make a mark
FILLED = 0.5  # share of marks that makes a piece a filled shape
MIN_HEIGHT = 4  # rows: thinner bands are rules and borders
MAX_HEIGHT = 1 / 6  # of the picture's width: taller bands are pictures
PIECE_GAP = 3  # line heights of empty columns that split a band into pieces
# Pixels a band is shrunk to, at most. Tesseract's time grows with it (one engine on
# the benchmark screenshot: 172, 203, 226, 248 ms at 16, 20, 24, 32); at 20 it found the
# same emails, phones and addresses as at 24 in 84 screenshots (14 fonts, 3 sizes, light
# and dark), at 18 it began to run words together.
LINE_HEIGHT = 20
PAD = 0.3  # of a band's height, blank around each piece in a block


@dataclass(frozen=True, slots=True)
class Line:
    """One piece of a line of text: its box in the picture, in pixels."""

    left: int
    top: int
    right: int
    bottom: int


def find(grey: np.ndarray, ground: int, inside: bool = False) -> list[Line]:
    """The pieces of lines in `grey` (8-bit, height x width) on a background of level
    `ground`, top to bottom."""
    marks: np.ndarray = np.abs(grey.astype(np.int16) - ground) >= DISTANCE
    found: list[Line] = []
    for top, bottom in _runs(np.any(marks, axis=1), gap=1):
        if not MIN_HEIGHT <= bottom - top <= grey.shape[1] * MAX_HEIGHT:
            continue
        columns = np.asarray(marks[top:bottom].any(axis=0))
        for left, right in _runs(columns, gap=PIECE_GAP * (bottom - top)):
            if inside or marks[top:bottom, left:right].mean() < FILLED:
                found.append(Line(left, top, right, bottom))
                continue
            # Only the columns the shape fills top and bottom: rounded corners are no text.
            edge = np.flatnonzero(marks[top, left:right] & marks[bottom - 1, left:right])
            if edge.size == 0:
                continue
            start = left + int(edge[0])
            shape = grey[top:bottom, start : left + int(edge[-1]) + 1]
            own = int(np.bincount(shape.ravel(), minlength=256).argmax())
            found += [
                Line(start + i.left, top + i.top, start + i.right, top + i.bottom)
                for i in find(shape, own, inside=True)
            ]
    return found


def blocks(grey: np.ndarray, lines: list[Line], count: int) -> list[np.ndarray]:
    """`lines` of `grey` laid out dark on white one under another, in at most `count`
    blocks of about equal area (in reading order: block 1 holds the first lines)."""
    pieces = [_piece(grey, line) for line in lines]
    total = sum(p.size for p in pieces)
    out: list[list[np.ndarray]] = [[]]
    done = 0
    for piece in pieces:
        if out[-1] and done >= total * len(out) / count:
            out.append([])
        out[-1].append(piece)
        done += piece.size
    return [_stack(group) for group in out]


def _runs(present: np.ndarray, gap: int) -> list[tuple[int, int]]:
    # Start and end of each run of True, runs closer than `gap` Falses joined.
    where = np.flatnonzero(present)
    if where.size == 0:
        return []
    breaks = np.flatnonzero(np.diff(where) > gap)
    starts = np.concatenate(([where[0]], where[breaks + 1]))
    ends = np.concatenate((where[breaks], [where[-1]])) + 1
    return list(zip(starts.tolist(), ends.tolist(), strict=True))


def _piece(grey: np.ndarray, line: Line) -> np.ndarray:
    # A margin keeps the faint anti-aliased edges the marks' threshold left out.
    margin = max(1, (line.bottom - line.top) // 8)
    top, left = max(0, line.top - margin), max(0, line.left - margin)
    pixels = grey[top : line.bottom + margin, left : line.right + margin]
    # Dark on light at full contrast, whatever the piece's own background (a blue bubble).
    low, high = int(pixels.min()), int(pixels.max())
    if np.median(pixels) < (low + high) / 2:
        pixels = 255 - pixels
        low, high = 255 - high, 255 - low
    stretched = (pixels.astype(np.float32) - low) * (255 / max(1, high - low))
    crop = Image.fromarray(stretched.astype(np.uint8))
    scale = min(1.0, LINE_HEIGHT / crop.height)
    if scale < 1:
        size = (max(1, round(crop.width * scale)), max(1, round(crop.height * scale)))
        crop = crop.resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0)
    pad = max(2, round(crop.height * PAD))
    framed = np.full((crop.height + 2 * pad, crop.width + 2 * pad), 255, dtype=np.uint8)
    framed[pad : pad + crop.height, pad : pad + crop.width] = np.asarray(crop)
    return framed


def _stack(pieces: list[np.ndarray]) -> np.ndarray:
    width = max(p.shape[1] for p in pieces)
    block = np.full((sum(p.shape[0] for p in pieces), width), 255, dtype=np.uint8)
    top = 0
    for piece in pieces:
        block[top : top + piece.shape[0], : piece.shape[1]] = piece
        top += piece.shape[0]
    return block
