"""Orientation's tag id, for the pixel side (vision/) until it imports it from its home.

The orientation kept in cleaned files is read and written by `formats.orientation`;
the id itself lives in the tag table, `thinktwice.structure.tags`.
"""

from __future__ import annotations

from ..structure.tags import ORIENTATION_TAG

__all__ = ["ORIENTATION_TAG"]
