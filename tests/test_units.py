"""Sizes read as file browsers show them, in decimal units."""

from __future__ import annotations

import pytest

from thinktwice.units import size_label


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (0, "0 bytes"),
        (1, "1 byte"),
        (812, "812 bytes"),
        (999, "999 bytes"),
        (1000, "1.0 KB"),
        (2_400_000, "2.4 MB"),
        (3_200_000_000, "3.2 GB"),
        (-1500, "-1.5 KB"),
    ],
)
def test_sizes_in_decimal_units(size: int, shown: str) -> None:
    assert size_label(size) == shown
