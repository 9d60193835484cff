"""Pictures the way up people see them: the EXIF orientation, read and applied.

Every pixel concern that turns a picture (analysis, thumbnail comparison, hiding
faces) reads the orientation and applies it here, so that boxes, comparisons and
covered copies agree on which way is up.
"""

from __future__ import annotations

from PIL import Image

from ..structure.tags import ORIENTATION_TAG

# EXIF orientation -> the transposes that turn stored pixels the right way up.
UPRIGHT: dict[int, tuple[Image.Transpose, ...]] = {
    1: (),
    2: (Image.Transpose.FLIP_LEFT_RIGHT,),
    3: (Image.Transpose.ROTATE_180,),
    4: (Image.Transpose.FLIP_TOP_BOTTOM,),
    5: (Image.Transpose.TRANSPOSE,),
    6: (Image.Transpose.ROTATE_270,),
    7: (Image.Transpose.TRANSVERSE,),
    8: (Image.Transpose.ROTATE_90,),
}
# Orientations that swap width and height (a quarter turn).
QUARTER_TURNS = frozenset({5, 6, 7, 8})


def orientation(im: Image.Image) -> int | None:
    """The EXIF orientation `im` declares (1-8), or None when it has none or an unknown one.

    Pillow's TIFF decoder applies the orientation itself when it loads the pixels:
    read it after loading and a TIFF says none.
    """
    value = im.getexif().get(ORIENTATION_TAG)
    return value if value in UPRIGHT else None


def upright(im: Image.Image, orientation: int | None) -> Image.Image:
    """`im` turned the right way up for an EXIF `orientation` (None or unknown: as is)."""
    for method in UPRIGHT.get(orientation or 1, ()):
        im = im.transpose(method)
    return im
