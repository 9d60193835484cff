"""What the benchmarks share: the photos they clean, and the percentile they report.

The photos are made in code, deterministically, with the metadata phones write.
Each master is encoded once and tagged once by exiftool; folders are copies of
the masters. The pixels are photo-like (smooth gradients under sensor-like
noise), so a 12-megapixel JPEG comes out at a phone's 3-4 MB.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.support.images import (  # noqa: E402
    FULL_METADATA,
    IPTC_METADATA,
    encode,
    photo,
    with_metadata,
    with_thumbnail,
)

# Local mirrors of public repositories (bare git directories, OWNER+NAME/repo) that the
# judges of real files read, read-only, at a named commit.
MIRRORS = Path(os.environ.get("THINKTWICE_MIRRORS", "/work/.mirror"))


def mirror_file(repo: str, commit: str, path: str) -> bytes | None:
    """`path` at `commit` in the local mirror of GitHub's `repo` ("owner/name"), or None
    when it is not on this machine (no mirror, or the blob was not fetched)."""
    git_dir = MIRRORS / repo.replace("/", "+") / "repo"
    if not git_dir.is_dir():
        return None
    shown = subprocess.run(["git", "-C", str(git_dir), "show", f"{commit}:{path}"],
                           capture_output=True, timeout=60)  # fmt: skip
    if shown.returncode != 0 or shown.stdout.startswith(b"version https://git-lfs"):
        return None
    return shown.stdout


def p95(samples: Iterable[float]) -> float:
    """The 95th percentile of `samples` by nearest rank: index int(0.95 n) once sorted."""
    ordered = sorted(samples)
    return ordered[int(len(ordered) * 0.95)]


# How much of the noise shows through the gradients: 0.2 gives 3.4 MB at quality 92.
NOISE = 0.2


def photo_like(width: int, height: int, seed: int = 1) -> Image.Image:
    """Gradients in three directions under deterministic noise: compresses like a photo."""
    gradient = Image.linear_gradient("L").resize((width, height))
    smooth = Image.merge(
        "RGB",
        (
            gradient,
            gradient.rotate(90).resize((width, height)),
            gradient.transpose(Image.Transpose.FLIP_TOP_BOTTOM),
        ),
    )
    return Image.blend(smooth, photo(width, height, seed=seed), NOISE)


def screenshot(width: int = 1170, height: int = 2532) -> Image.Image:
    """A phone screenshot: flat bars, lines of text and a photo in a chat."""
    image = Image.new("RGB", (width, height), (245, 245, 245))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, width, 180), fill=(30, 120, 200))
    for i, top in enumerate(range(260, height - 200, 90)):
        if i == 8:
            image.paste(photo_like(width - 200, 900), (100, top))
        if 8 <= i < 18:
            continue
        left = 60 if i % 2 else 400
        draw.rounded_rectangle((left, top, left + 700, top + 70), 20, fill=(255, 255, 255))
        draw.text((left + 30, top + 25), f"message {i}: see you at 12 Rue Example", fill=(0, 0, 0))
    return image


def photo_jpeg(path: Path, width: int = 4000, height: int = 3000) -> Path:
    """A 12-megapixel JPEG with EXIF (GPS, serial, names), XMP, IPTC and a thumbnail."""
    image = photo_like(width, height)
    thumbnail = image.copy()
    thumbnail.thumbnail((160, 120))
    data = encode(image, "JPEG", quality=92)
    path.write_bytes(
        with_thumbnail(data, encode(thumbnail, "JPEG"), *FULL_METADATA, *IPTC_METADATA)
    )
    return path


def photo_heic(path: Path, width: int = 4032, height: int = 3024) -> Path:
    """A 12-megapixel HEIC (pillow-heif) with EXIF and XMP, about 3.5 MB."""
    from pillow_heif import register_heif_opener

    register_heif_opener()
    # x265's fastest preset: its default takes most of a minute on 12 MP of noise.
    data = encode(photo_like(width, height), "HEIF", quality=60, enc_params={"preset": "ultrafast"})
    path.write_bytes(with_metadata(data, ".heic", *FULL_METADATA))
    return path


def screenshot_png(path: Path) -> Path:
    """A phone screenshot PNG with EXIF, XMP and text chunks."""
    data = encode(screenshot(), "PNG")
    path.write_bytes(with_metadata(data, ".png", *FULL_METADATA, "-PNG:Comment=hello"))
    return path


def photo_webp(path: Path, width: int = 2048, height: int = 1536) -> Path:
    """A 3-megapixel lossy WebP, as the web serves photos, with EXIF and XMP."""
    data = encode(photo_like(width, height), "WEBP", quality=80)
    path.write_bytes(with_metadata(data, ".webp", *FULL_METADATA))
    return path
