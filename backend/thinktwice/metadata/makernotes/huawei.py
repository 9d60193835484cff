"""Huawei's maker-note tags (OpenHarmony's libexif, libexif/huawei; exiftool 12.57 has
no table for them).

"HUAWEI\\0\\0" + a TIFF header of its own at +8 ("II*\\0" or "MM\\0*", then the IFD
offset), offsets counted from that header. The main IFD says how the shot was
taken (capture mode, burst, angles, XMAGE watermark...); the one tag that reveals
something is the id tying a moving photo's still to its video. The face (0x0100)
and scene (0x0000) sub-IFDs hold scores and rectangles, nothing that names anyone.
"""

from __future__ import annotations

from typing import Any

from .tags import Table, as_text, row

UNSET = "[None]"  # what Huawei's writer stores when there is no moving photo


def moving_photo_id(value: Any) -> str | None:
    """The id as text; None when unset."""
    shown = as_text(value)
    return None if shown == UNSET else shown


TAGS: Table = {
    0x0211: row("MovingPhotoId", "capture_id", moving_photo_id),
}
