"""Whether an embedded thumbnail shows something other than the main image.

Cameras and editors store a small copy of the picture in the file. When someone
crops or retouches a photo with a tool that forgets to rebuild that copy, the
thumbnail still shows the uncropped or unedited original: the classic way a
"cropped" photo leaks what was cut away.

Both pictures are decoded small (JPEG at up to 1/8 scale through `draft`), turned
the same way up, and compared twice: by shape (a crop changes the aspect ratio)
and by content (grayscale 16x16 grids). Cameras often letterbox a 3:2 photo into
a 4:3 thumbnail with black bars; those bars are trimmed before judging the shape.

The thresholds were calibrated on real camera files (exif-samples corpus): a
camera's own thumbnail stays below a mean grid difference of 9 and no grid cell
differs by more than 42 levels, while crops and other pictures score 18 and more.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence

from PIL import Image

from ..findings.pictures import THUMBNAIL_KINDS
from ..records import Picture
from .decode import Decoded
from .upright import orientation, upright

WORKING_SIZE = 64  # decode both pictures to about this many pixels per side
GRID = 16  # content is compared on GRID x GRID grayscale cells
ASPECT_TOLERANCE = 0.05  # relative aspect-ratio difference that counts as a crop
MEAN_THRESHOLD = 12.0  # mean absolute cell difference (0-255) beyond which content differs
CELL_THRESHOLD = 64  # a cell this different is a local edit (a patch, a blurred face)...
EDITED_CELLS = 2  # ...when at least this many cells show it
LETTERBOX_LEVEL = 24  # pixels at or below this level count as black bars

# A picture decoded small and grey, with the EXIF orientation it declares: a
# thumbnail as stored, the main picture already upright.
_Decoded = tuple[Image.Image, int | None]


def compare(pictures: Sequence[Picture], image: bytes) -> tuple[bool | None, ...]:
    """For each of `pictures`, whether it shows another picture than `image`.

    Thumbnails and previews that carry their bytes are compared (`differs`); every
    other picture, and any that cannot be decoded, gives None. The answers are in
    `pictures` order, as the findings read them. Never raises.
    """
    return _compare(pictures, lambda: _main(image))


def compare_with(
    pictures: Sequence[Picture], main: Callable[[], Decoded | None]
) -> tuple[bool | None, ...]:
    """`compare` against the analysis picture `main()` gives (None: not decodable).

    `main` is called at most once, and only when there is a thumbnail to compare.
    """

    def grey() -> _Decoded | None:
        decoded = main()
        return None if decoded is None else _grey(decoded)

    return _compare(pictures, grey)


def _compare(
    pictures: Sequence[Picture], main: Callable[[], _Decoded | None]
) -> tuple[bool | None, ...]:
    thumbnails = [p.data if p.kind in THUMBNAIL_KINDS else None for p in pictures]
    if not any(thumbnails):
        return (None,) * len(pictures)
    picture = main()  # once, whatever the number of thumbnails
    return tuple(_differs(data, picture) if data else None for data in thumbnails)


def differs(thumbnail: bytes, image: bytes) -> bool | None:
    """Whether `thumbnail` shows a different picture than `image` (a crop, an edit).

    None when either cannot be decoded; never raises.
    """
    return _differs(thumbnail, _main(image))


def _main(image: bytes) -> _Decoded | None:
    decoded = _decoded(image)
    return None if decoded is None else (upright(*decoded), decoded[1])


def _grey(decoded: Decoded) -> _Decoded:
    grey = decoded.image.convert("L")
    grey.thumbnail((WORKING_SIZE, WORKING_SIZE))
    return grey, decoded.orientation


def _differs(thumbnail: bytes, main: _Decoded | None) -> bool | None:
    thumb = None if main is None else _decoded(thumbnail)
    if main is None or thumb is None:
        return None
    # A thumbnail is stored the same way up as the main image and rarely has its
    # own orientation: the main image's one applies to both unless it has one.
    main_image = main[0]
    thumb_image = upright(thumb[0], thumb[1] or main[1])
    if not _same_shape(thumb_image, main_image):
        trimmed = _without_letterbox(thumb_image)
        if trimmed is None or not _same_shape(trimmed, main_image):
            return True
        thumb_image = trimmed
    return _content_differs(_grid(thumb_image), _grid(main_image))


def _decoded(data: bytes) -> _Decoded | None:
    try:
        with Image.open(io.BytesIO(data)) as im:
            if im.format == "JPEG":
                im.draft("RGB", (WORKING_SIZE, WORKING_SIZE))
            declared = orientation(im)
            gray = im.convert("L")
        gray.thumbnail((WORKING_SIZE, WORKING_SIZE))
    except Exception:  # Pillow raises many types on bad data; "unknown" is the answer
        return None
    return gray, declared


def _same_shape(a: Image.Image, b: Image.Image) -> bool:
    ratio = (a.width / a.height) / (b.width / b.height)
    return abs(ratio - 1) <= ASPECT_TOLERANCE


def _without_letterbox(im: Image.Image) -> Image.Image | None:
    bbox = im.point(lambda v: 255 if v > LETTERBOX_LEVEL else 0).getbbox()
    if bbox is None or bbox == (0, 0, im.width, im.height):
        return None
    return im.crop(bbox)


def _grid(im: Image.Image) -> bytes:
    return im.resize((GRID, GRID), Image.Resampling.BOX).tobytes()


def _content_differs(a: bytes, b: bytes) -> bool:
    diffs = [abs(x - y) for x, y in zip(a, b, strict=True)]
    edited = sum(d > CELL_THRESHOLD for d in diffs)
    return sum(diffs) / len(diffs) > MEAN_THRESHOLD or edited >= EDITED_CELLS
