"""Decoding a picture for pixel analysis: small, the right way up, inside the limits.

The detectors read at most `analysis_size` pixels per side, so a 12-megapixel JPEG
is decoded at a quarter scale by libjpeg itself (`draft`: the IDCT skips what
would be thrown away) instead of being decoded whole and shrunk. Other formats
have no such shortcut; they are decoded, then reduced by an integer factor
(`reduce`, a cheap box filter) before the final resize.

Boxes are reported in the original picture's pixels the way up people see it:
EXIF orientation is applied to the decoded pixels, and `Decoded.box` scales a
box back from the analysis picture to the original size.

The declared size is checked against the engine's pixel limit before anything
is decoded (a decompression bomb declares a huge size in a tiny file). Only the
formats the engine handles are opened, whatever else Pillow could read.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFile, ImageOps

from ..errors import ImageTooLarge
from ..limits import DEFAULT_LIMITS, Limits
from ..models import Box
from .upright import QUARTER_TURNS, orientation, upright

# Pillow plugin names of the formats the engine handles (HEIF/AVIF need pillow-heif
# or Pillow's own AVIF plugin).
PILLOW_FORMATS = ("JPEG", "PNG", "WEBP", "GIF", "TIFF", "HEIF", "AVIF")
# Grey modes wider than 8 bits (16-bit PNG and TIFF) -> the shift keeping their top 8 bits.
WIDE_MODES: dict[str, int] = {"I;16": 8, "I;16L": 8, "I;16B": 8, "I;16N": 8, "I": 8}
BACKGROUND = (255, 255, 255)  # what transparent pixels are analysed on, as a viewer shows


@dataclass(frozen=True, slots=True)
class Decoded:
    """The analysis picture (RGB, upright, small), the original's upright size, and the
    EXIF orientation its file declares for the stored pixels (None: none), which an
    embedded thumbnail stored the same way needs too (thumbnails.py). `whole` is the
    picture at full size (RGB, upright) when it had to be decoded whole to be shrunk
    (not a JPEG): text recognition reads that rather than decoding the file again."""

    image: Image.Image
    width: int
    height: int
    orientation: int | None = None
    whole: Image.Image | None = None

    def box(self, left: float, top: float, right: float, bottom: float) -> Box:
        """A box given in analysis-picture pixels, in original pixels, inside the picture."""
        sx, sy = self.width / self.image.width, self.height / self.image.height
        x0, y0 = _clip(left * sx, self.width), _clip(top * sy, self.height)
        x1, y1 = _clip(right * sx, self.width), _clip(bottom * sy, self.height)
        return Box(round(x0), round(y0), round(x1 - x0), round(y1 - y0))


def for_analysis(
    data: bytes, size: int, limits: Limits = DEFAULT_LIMITS, max_whole: int | None = None
) -> Decoded:
    """The first frame of `data` as RGB, upright, its longest side at most `size`.

    Raises `ImageTooLarge` over the pixel limit, or when a picture that can only be
    decoded whole (not a JPEG) has more than `max_whole` pixels; Pillow's own errors
    otherwise.
    """
    with open_checked(data, limits) as im:
        width, height = im.size
        stored = orientation(im)  # before loading: Pillow's TIFF decoder removes it
        if im.format == "JPEG":
            im.draft("RGB", _draft_request(width, height, size))
        elif max_whole is not None and width * height > max_whole:
            raise ImageTooLarge(
                f"at {width}x{height} pixels, a {im.format} picture is too large to decode"
                f" for analysis (the limit is {max_whole / 1e6:g} megapixels)"
            )
        im.load()
        if im.format != "JPEG":
            width, height = im.size  # Pillow's TIFF decoder turns the picture upright itself
        declared = orientation(im)  # read after loading: then TIFF's is already applied
        flat = _flatten(im)  # reduce() takes no palette images
        factor = max(flat.size) // size
        small = flat.reduce(factor) if factor > 1 else flat.copy()
        whole = upright(flat, declared) if max(flat.size) > size and im.format != "JPEG" else None
    small.thumbnail((size, size), Image.Resampling.BILINEAR)
    small = upright(small, declared)
    if declared in QUARTER_TURNS:
        width, height = height, width
    return Decoded(small, width, height, stored, whole)


def full(data: bytes, limits: Limits = DEFAULT_LIMITS) -> Image.Image:
    """The first frame of `data` at full size and upright, in its own mode.

    The ICC profile stays in `info["icc_profile"]`; nothing else is carried over.
    """
    with open_checked(data, limits) as im:
        im.load()  # first: Pillow's TIFF decoder applies and removes the orientation itself
        # Pillow's own transpose, unlike `upright`, also drops the orientation from the
        # metadata it carries along: a writer that copies that (pillow-heif) would
        # otherwise turn the covered copy a second time.
        turned = ImageOps.exif_transpose(im)
        turned.load()
        return turned


def open_checked(data: bytes, limits: Limits) -> Image.Image:
    """`data` opened by Pillow (headers only) once its declared size is within `limits`."""
    _register_heif()
    im = Image.open(io.BytesIO(data), formats=PILLOW_FORMATS)
    # The bytes are all in memory: hand them to the decoder in one piece. In 64 KB
    # pieces (Pillow's default) it takes the GIL back after each, and waits for it
    # while another thread runs Python (the metadata, the next request).
    im.decodermaxblock = max(len(data), ImageFile.MAXBLOCK)
    width, height = im.size
    if limits.max_pixels is not None and width * height > limits.max_pixels:
        im.close()
        raise ImageTooLarge(
            f"The image declares {width}x{height} = {width * height:,} pixels; the limit"
            f" is {limits.max_pixels:,} (a decompression bomb guard)."
        )
    return im


def _draft_request(width: int, height: int, size: int) -> tuple[int, int]:
    # libjpeg scales by 1/2, 1/4 or 1/8; Pillow picks the smallest scale whose
    # result still covers the request, so ask for the picture fitted to `size`.
    scale = min(1.0, size / max(width, height))
    return max(1, int(width * scale)), max(1, int(height * scale))


def _flatten(im: Image.Image) -> Image.Image:
    if im.mode in WIDE_MODES:
        # convert() would clip 16-bit levels at 255 (all white): keep the top 8 bits.
        levels = np.clip(np.asarray(im, dtype=np.int64), 0, 65535) >> WIDE_MODES[im.mode]
        return Image.fromarray(levels.astype(np.uint8), "L").convert("RGB")
    if im.mode in ("RGBA", "LA", "PA") or "transparency" in im.info:
        rgba = im.convert("RGBA")
        flat = Image.new("RGB", rgba.size, BACKGROUND)
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return im if im.mode == "RGB" else im.convert("RGB")


def _clip(value: float, limit: int) -> float:
    return min(max(value, 0.0), float(limit))


_heif_registered = False


def _register_heif() -> None:
    # HEIC needs pillow-heif (the `heif` extra); without it Pillow cannot open one
    # and the caller reports pixel analysis as unavailable for that image.
    global _heif_registered
    if _heif_registered:
        return
    try:
        import pillow_heif

        pillow_heif.register_heif_opener()
    except ImportError:  # the extra is not installed: HEIC stays undecodable
        pass
    _heif_registered = True
