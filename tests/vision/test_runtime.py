"""What the detectors share: suppression keeps the best of overlapping boxes."""

from __future__ import annotations

import numpy as np

from thinktwice.vision.runtime import suppress

BOXES = np.array([
    [0, 0, 10, 10],  # 0: overlaps 1 by IoU 0.68
    [1, 1, 11, 11],  # 1: the best of the two
    [50, 50, 60, 60],  # 2: alone
    [0, 0, 10, 5],  # 3: half of 0: IoU 0.5 with it, 0.32 with 1
], dtype=np.float32)  # fmt: skip
SCORES = np.array([0.8, 0.9, 0.5, 0.7], dtype=np.float32)


def test_an_overlapping_box_gives_way_to_the_better_one_best_first():
    assert suppress(BOXES, SCORES, 0.45) == [1, 3, 2]


def test_the_overlap_allowed_is_the_limit_given():
    assert suppress(BOXES, SCORES, 0.3) == [1, 2]
    assert suppress(BOXES, SCORES, 0.7) == [1, 0, 3, 2]


def test_at_most_the_number_asked_is_kept():
    assert suppress(BOXES, SCORES, 0.7, most=2) == [1, 0]


def test_no_box_gives_no_index():
    assert suppress(np.zeros((0, 4), np.float32), np.zeros(0, np.float32), 0.3) == []
