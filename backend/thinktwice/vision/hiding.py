"""Hiding faces: an opaque fill over every face, then a high-quality re-encode.

A blur or a pixelation can be undone or recognised (faces have been recovered
from mosaics, and recognition works on blurred faces), so each face is covered
with a solid fill, its box first enlarged by three tenths on every side:
detectors box the face tightly (from the brow, without the ears: a turned face's
box stops short of the ear), and hair, ears and the jaw line identify too.

Covering changes pixels, so the picture is decoded whole and re-encoded: the
result is not lossless. EXIF orientation is applied to the pixels first (the
boxes are in the upright picture, and the copy carries no EXIF). The copy keeps
its format where this process can write it: JPEG at quality 95 without chroma
subsampling, PNG, GIF and TIFF losslessly, WebP losslessly when the original
was, HEIC and AVIF at quality 95 when an encoder is installed; otherwise JPEG.
The ICC profile is kept. The copy then goes through the ordinary cleaning,
including its verification, like any other output.

The original is sniffed and its container read once: the same format module strips
it when no face is found, and its container answers the size and frame checks.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable
from typing import Any

from PIL import Image, ImageDraw, UnidentifiedImageError, features

from .. import formats
from ..cleaning import clean
from ..errors import CorruptImage, ThinkTwiceError, UnsupportedFormat
from ..formats import webp
from ..formats.verify import verify
from ..limits import DEFAULT_LIMITS, Limits, check_pixels, check_size
from ..models import Box, Covered
from . import decode, faces
from .options import DEFAULT_VISION, VisionOptions
from .report import brief

MARGIN = 0.3  # each side of a face box grows by this share of the box's size
REASON = "faces were covered; the image was re-encoded"
CMYK_BLACK = (0, 0, 0, 255)  # "black" in CMYK is full black ink, not (0, 0, 0)
JPEG_QUALITY = 95


def _webp_params(data: bytes) -> dict[str, Any]:
    # hide_faces() has read `data` as a WebP already: it is well formed, is_lossless won't raise.
    if webp.is_lossless(data):
        return {"lossless": True, "exact": True}  # exact: keep colours under transparency
    return {"quality": JPEG_QUALITY}


Params = Callable[[bytes], dict[str, Any]]
# The engine's format name -> Pillow's writer, its settings, and the media type.
WRITERS: dict[str, tuple[str, Params, str]] = {
    "jpeg": ("JPEG", lambda _: {"quality": JPEG_QUALITY, "subsampling": 0}, "image/jpeg"),
    "png": ("PNG", lambda _: {"compress_level": 6}, "image/png"),
    "webp": ("WEBP", _webp_params, "image/webp"),
    "gif": ("GIF", lambda _: {}, "image/gif"),
    "tiff": ("TIFF", lambda _: {"compression": "tiff_adobe_deflate"}, "image/tiff"),
    "heic": ("HEIF", lambda _: {"quality": JPEG_QUALITY}, "image/heic"),
    "heif": ("HEIF", lambda _: {"quality": JPEG_QUALITY}, "image/heif"),
    "avif": ("AVIF", lambda _: {"quality": JPEG_QUALITY}, "image/avif"),
}
FALLBACK = "jpeg"  # the writer used when the original's cannot be
# Modes each writer takes as they are; others are converted to RGB (RGBA with alpha).
WRITER_MODES: dict[str, frozenset[str]] = {
    "JPEG": frozenset({"L", "RGB", "CMYK"}),
    "PNG": frozenset({"1", "L", "LA", "P", "RGB", "RGBA", "I;16"}),
    "WEBP": frozenset({"RGB", "RGBA"}),
    "GIF": frozenset({"L", "P"}),
    "TIFF": frozenset({"1", "L", "LA", "P", "RGB", "RGBA", "CMYK", "I;16"}),
    "HEIF": frozenset({"RGB", "RGBA"}),
    "AVIF": frozenset({"RGB", "RGBA"}),
}


def hide_faces(
    data: bytes,
    boxes: Iterable[Box] | None = None,
    *,
    limits: Limits = DEFAULT_LIMITS,
    vision: VisionOptions = DEFAULT_VISION,
) -> Covered:
    """A cleaned copy of `data` with every face covered by an opaque fill (lossy).

    `boxes` are face boxes in original pixels, as `Report.faces` gives them; without
    them the faces are found first. The copy is re-encoded (`lossless` False, with
    the reason), then cleaned and verified like any output. With no face, it is the
    ordinary lossless clean and `boxes` is empty. Raises `UnsupportedFormat` for an
    animation or a format no installed decoder reads, `CorruptImage` for pixels that
    cannot be decoded, `AnalysisUnavailable` when faces must be found but the face model is
    unavailable, besides the errors `thinktwice.clean` raises.
    """
    check_size(data, limits)
    fmt = formats.detect(data)
    container = fmt.read(data)
    check_pixels(container, limits)
    if container.frames > 1:
        raise UnsupportedFormat(
            container.format,
            f"Faces cannot be hidden in an animation ({container.frames} frames): only"
            " still images can be covered and re-encoded.",
        )
    try:
        wanted = find_faces(data, limits, vision) if boxes is None else tuple(boxes)
        image = decode.full(data, limits)
    except ThinkTwiceError:
        raise
    except UnidentifiedImageError as exc:
        raise UnsupportedFormat(
            container.format,
            f"Faces cannot be hidden: no decoder for {container.format.upper()} is installed.",
        ) from exc
    except Exception as exc:  # Pillow raises many types on pixels it cannot decode
        reason = brief(str(exc)) or type(exc).__name__
        raise CorruptImage(container.format, f"its pixels cannot be decoded ({reason})") from exc
    covers = tuple(b for b in (enlarge(box, image.width, image.height) for box in wanted)
                   if b.width > 0 and b.height > 0)  # fmt: skip
    if not covers:
        cleaned = fmt.strip(data)
        verify(fmt, cleaned)
        return Covered(cleaned, (), container.media_type, True, None)
    cover(image, covers)
    encoded, media_type = encode(image, container.format, data)
    return Covered(clean(encoded, limits=limits), covers, media_type, False, REASON)


def find_faces(
    data: bytes, limits: Limits = DEFAULT_LIMITS, options: VisionOptions = DEFAULT_VISION
) -> tuple[Box, ...]:
    """Every face the face detector sees in `data`, in original pixels; raises if it cannot."""
    decoded = decode.for_analysis(data, options.analysis_size, limits)
    seen = faces.get(options).detect(decoded.image, options.face_threshold)
    return tuple(decoded.box(f.left, f.top, f.right, f.bottom) for f in seen)


def enlarge(box: Box, width: int, height: int, margin: float = MARGIN) -> Box:
    """`box` grown by `margin` of its size on every side, inside a `width` x `height` picture."""
    dx, dy = box.width * margin, box.height * margin
    x0, y0 = max(0, int(box.x - dx)), max(0, int(box.y - dy))
    x1 = min(width, int(box.x + box.width + dx + 0.5))
    y1 = min(height, int(box.y + box.height + dy + 0.5))
    return Box(x0, y0, max(0, x1 - x0), max(0, y1 - y0))


def cover(image: Image.Image, boxes: Iterable[Box]) -> None:
    """Fill each box of `image` with an opaque dark colour, in place."""
    draw = ImageDraw.Draw(image)
    ink = _ink(image)
    for box in boxes:
        draw.rectangle((box.x, box.y, box.x + box.width - 1, box.y + box.height - 1), fill=ink)


def encode(image: Image.Image, format_name: str, original: bytes) -> tuple[bytes, str]:
    """`image` written like the original (`format_name`), or as JPEG where that cannot be."""
    writer, params, media_type = WRITERS.get(format_name, WRITERS[FALLBACK])
    if not _can_write(writer):
        writer, params, media_type = WRITERS[FALLBACK]
    settings = params(original)
    if image.info.get("icc_profile"):
        settings["icc_profile"] = image.info["icc_profile"]
    if "transparency" in image.info and writer in ("PNG", "GIF", "TIFF"):
        settings["transparency"] = image.info["transparency"]
    buffer = io.BytesIO()
    _writable(image, writer).save(buffer, writer, **settings)
    return buffer.getvalue(), media_type


def _ink(image: Image.Image) -> int | tuple[int, ...] | str:
    if image.mode == "CMYK":
        return CMYK_BLACK
    if image.mode == "P":
        return _darkest_opaque(image)
    return "black"


def _darkest_opaque(image: Image.Image) -> int:
    # Drawing "black" would add a palette entry, or fail on a full palette; the
    # darkest existing colour is as opaque, as long as it is not the transparent one.
    palette = image.getpalette("RGB") or []
    transparent = image.info.get("transparency")
    entries = [(i, palette[3 * i : 3 * i + 3]) for i in range(len(palette) // 3)]
    usable = [(sum(rgb), i) for i, rgb in entries if i != transparent]
    return min(usable)[1] if usable else 0


def _writable(image: Image.Image, writer: str) -> Image.Image:
    if image.mode in WRITER_MODES[writer]:
        return image
    alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    return image.convert("RGBA" if alpha and "RGBA" in WRITER_MODES[writer] else "RGB")


def _can_write(writer: str) -> bool:
    if writer == "AVIF":
        return bool(features.check("avif"))
    Image.init()  # pillow-heif's writer is registered when decode opened the picture
    return writer in Image.SAVE
