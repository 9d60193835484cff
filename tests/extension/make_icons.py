"""Draws the extension's toolbar and store icons (extension/icons/icon-N.png).

Run once after changing the drawing: `.venv/bin/python -m tests.extension.make_icons`.
A teal rounded square with a white shield and a check mark, drawn large and
scaled down so the small sizes stay smooth. No external assets.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

SIZES = (16, 32, 48, 128)
CANVAS = 512
TEAL = (27, 94, 87, 255)
WHITE = (255, 255, 255, 255)
ICONS = Path(__file__).resolve().parents[2] / "extension" / "icons"


def draw() -> Image.Image:
    """The icon at CANVAS x CANVAS pixels."""
    image = Image.new("RGBA", (CANVAS, CANVAS), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((16, 16, CANVAS - 16, CANVAS - 16), radius=112, fill=TEAL)
    # The shield: a flat top with shoulders, sides curving to a point.
    top, bottom, left, right = 104, 424, 136, 376
    middle = CANVAS // 2
    outline: list[tuple[float, float]] = [(middle, top), (right, top + 40), (right, 250)]
    steps = 24
    for i in range(1, steps + 1):  # right side down to the point (a quadratic curve)
        s = i / steps
        x = (1 - s) ** 2 * right + 2 * (1 - s) * s * right + s**2 * middle
        y = (1 - s) ** 2 * 250 + 2 * (1 - s) * s * 360 + s**2 * bottom
        outline.append((x, y))
    outline += [(CANVAS - x, y) for x, y in reversed(outline[3:-1])]
    outline += [(left, 250), (left, top + 40)]
    pen.polygon(outline, fill=WHITE)
    pen.line([(196, 262), (240, 306), (320, 218)], fill=TEAL, width=34, joint="curve")
    for x, y in ((196, 262), (320, 218)):
        pen.ellipse((x - 17, y - 17, x + 17, y + 17), fill=TEAL)
    return image


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    big = draw()
    for size in SIZES:
        big.resize((size, size), Image.Resampling.LANCZOS).save(ICONS / f"icon-{size}.png")


if __name__ == "__main__":
    main()
