"""Pictures for the pixel tests, built in code: scikit-image's photographs, codes, text.

scikit-image ships a few real photographs inside its wheel; those listed here load
without the network. Everything else is drawn by Pillow or zxing-cpp.
"""

from __future__ import annotations

import io
import math
import zlib

import numpy as np
import zxingcpp
from PIL import Image, ImageDraw, ImageFont
from skimage import data

from tests.support.images import encode, photo
from thinktwice.models import Box

# scikit-image's sample photographs that are part of its wheel (no download).
PHOTOGRAPHS = (
    "astronaut", "chelsea", "coffee", "rocket", "hubble_deep_field", "retina",
    "immunohistochemistry", "camera", "coins", "moon", "text", "page",
)  # fmt: skip
# Where the astronaut's face is (Eileen Collins, 512x512 picture), as NudeNet's own
# wrapper reports it: x, y, width, height.
ASTRONAUT_FACE = (173, 82, 102, 98)
# Faces in scikit-image's photographs, boxed by hand (checked drawn on the picture)
# the way WIDER FACE boxes them: hairline or brow to chin, cheek to cheek (or ear to
# nose tip for a face turned aside). x, y, width, height.
HAND_FACES: dict[str, tuple[int, int, int, int]] = {
    "astronaut": (178, 68, 94, 97),  # frontal, smiling
    "camera": (184, 112, 73, 82),  # the cameraman, turned three-quarters to his camera
}
# Their photographs without a face (the cat's face is not a person's).
NO_FACES = ("chelsea", "coffee", "rocket", "hubble_deep_field", "coins", "moon", "retina",
            "immunohistochemistry", "text", "page", "horse", "brick", "grass")  # fmt: skip
ORIENTATION = 0x0112


def photograph(name: str) -> Image.Image:
    """One of scikit-image's sample photographs, as an RGB image."""
    pixels = getattr(data, name)()
    if pixels.dtype != np.uint8:
        pixels = (pixels * 255).astype(np.uint8)
    return Image.fromarray(pixels).convert("RGB")


def astronaut() -> Image.Image:
    return photograph("astronaut")


def head(name: str, margin: float = 0.6) -> tuple[Image.Image, tuple[int, int, int, int]]:
    """The head and shoulders around a hand-boxed face of `name`, and the face's box in it."""
    x, y, w, h = HAND_FACES[name]
    dx, dy = int(w * margin), int(h * margin)
    left, top = max(0, x - dx), max(0, y - dy)
    crop = photograph(name).crop((left, top, x + w + dx, y + h + dy))
    return crop, (x - left, y - top, w, h)


# A group photo's people: (whose head, its height in pixels, mirrored).
GROUP = (("astronaut", 420, False), ("camera", 300, False), ("astronaut", 200, True),
         ("camera", 150, True), ("astronaut", 110, False))  # fmt: skip


def group_photo(
    people: tuple[tuple[str, int, bool], ...] = GROUP,
    ground: str = "coffee",
    width: int = 1600,
    height: int | None = None,
) -> tuple[Image.Image, list[Box]]:
    """Real heads at different sizes side by side on a real photograph, and each face's box.

    The heads are scikit-image's astronaut and cameraman (frontal and turned), scaled
    and mirrored: a group photo with large and small faces whose boxes are known.
    """
    height = height or max(size for _, size, _ in people) + 80
    canvas = photograph(ground).resize((width, height), Image.Resampling.BILINEAR)
    boxes: list[Box] = []
    x = 20
    for name, size, mirrored in people:
        crop, (fx, fy, fw, fh) = head(name)
        scale = size / crop.height
        crop = crop.resize((round(crop.width * scale), size), Image.Resampling.BICUBIC)
        if mirrored:
            crop = crop.transpose(Image.Transpose.FLIP_LEFT_RIGHT)
            fx = crop.width / scale - fx - fw
        top = height - size - 20
        canvas.paste(crop, (x, top))
        boxes.append(Box(round(x + fx * scale), round(top + fy * scale),
                         round(fw * scale), round(fh * scale)))  # fmt: skip
        x += crop.width + 20
    assert x <= width, "the people do not fit side by side"
    return canvas, boxes


def large_photo(width: int, height: int) -> Image.Image:
    """A big photo-like picture, quick to build: one small noisy photo tiled."""
    tile = photo(500, 500)
    out = Image.new("RGB", (width, height))
    for y in range(0, height, 500):
        for x in range(0, width, 500):
            out.paste(tile, (x, y))
    return out


def jpeg(image: Image.Image, quality: int = 92, orientation: int | None = None) -> bytes:
    """`image` as a JPEG, with an EXIF orientation when one is given."""
    exif = Image.Exif()
    if orientation is not None:
        exif[ORIENTATION] = orientation
    return encode(image, "JPEG", quality=quality, exif=exif.tobytes())


def png(image: Image.Image) -> bytes:
    return encode(image, "PNG")


def decoded(data_: bytes) -> Image.Image:
    with Image.open(io.BytesIO(data_)) as im:
        im.load()
        return im.copy()


def code(content: str, fmt: zxingcpp.BarcodeFormat, scale: int) -> Image.Image:
    """A barcode of `fmt` saying `content`, quiet zone included, as an RGB image."""
    symbol = zxingcpp.create_barcode(content, fmt).to_image(scale=scale)
    return Image.fromarray(np.asarray(symbol)).convert("RGB")


def pasted(background: Image.Image, foreground: Image.Image, at: tuple[int, int]) -> Image.Image:
    out = background.copy()
    out.paste(foreground, at)
    return out


def text_image(lines: list[str], size: int = 40, ground: str = "white", ink: str = "black",
               width: int = 1000) -> Image.Image:  # fmt: skip
    """`lines` rendered large in Pillow's bundled font, one per row."""
    font = ImageFont.load_default(size=size)
    image = Image.new("RGB", (width, 60 + int(size * 1.8) * len(lines)), ground)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((40, 30 + int(size * 1.8) * i), line, fill=ink, font=font)
    return image


def psnr_outside(a: Image.Image, b: Image.Image, boxes: tuple[Box, ...]) -> float:
    """Peak signal-to-noise ratio of `b` against `a` outside `boxes`, in dB."""
    x = np.asarray(a.convert("RGB"), dtype=np.float64)
    y = np.asarray(b.convert("RGB"), dtype=np.float64)
    outside = np.ones(x.shape[:2], dtype=bool)
    for box in boxes:
        outside[box.y : box.y + box.height, box.x : box.x + box.width] = False
    mse = float(((x - y) ** 2)[outside].mean())
    return math.inf if mse == 0 else 10 * math.log10(255**2 / mse)


def inside(image: Image.Image, box: Box) -> set[tuple[int, ...]]:
    """The distinct colours in `box` of `image`."""
    region = image.convert("RGB").crop((box.x, box.y, box.x + box.width, box.y + box.height))
    return {tuple(c) for c in np.asarray(region).reshape(-1, 3).tolist()}


def broken_png() -> bytes:
    """A PNG whose chunks are well formed but whose compressed pixels are garbage."""
    good = bytearray(png(photo(64, 64)))
    start = good.index(b"IDAT") + 4
    size = int.from_bytes(good[start - 8 : start - 4], "big")
    good[start + 2 : start + size] = bytes(size - 2)  # keep the zlib header, zero the rest
    crc = zlib.crc32(bytes(good[start - 4 : start + size]))
    good[start + size : start + size + 4] = crc.to_bytes(4, "big")
    return bytes(good)
