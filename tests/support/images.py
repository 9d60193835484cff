"""Fixture images built in code: photo-like pixels, real metadata written by exiftool.

Nothing here is read from disk; every test builds what it needs.
"""

from __future__ import annotations

import functools
import io
import tempfile
import zlib
from pathlib import Path

from PIL import Image, ImageCms, ImageSequence

try:
    import pillow_heif

    pillow_heif.register_heif_opener()
except ImportError:  # pragma: no cover - the dev extra installs it
    pillow_heif = None

from .exiftool import write_tags

# What a phone camera writes, and more: every kind of finding has a tag here.
PERSON = "Alice Example"
EMAIL = "alice@example.com"
PHONE = "+33 1 23 45 67 89"
SERIAL = "SN-4815162342"
LATITUDE, LONGITUDE = 48.8219, 2.2890  # Vanves, France

FULL_METADATA: tuple[str, ...] = (
    f"-GPSLatitude={LATITUDE}", "-GPSLatitudeRef=N",
    f"-GPSLongitude={LONGITUDE}", "-GPSLongitudeRef=E",
    "-GPSAltitude=35", "-GPSAltitudeRef=0",
    "-Make=Apple", "-Model=iPhone 15 Pro", "-LensModel=iPhone 15 Pro back camera",
    f"-SerialNumber={SERIAL}", "-LensSerialNumber=LS-271828",
    "-ImageUniqueID=0123456789abcdef0123456789abcdef",
    f"-Artist={PERSON}", f"-Copyright=(c) {PERSON}", f"-OwnerName={PERSON}",
    f"-XPAuthor={PERSON}",
    "-DateTimeOriginal=2024:03:14 18:02:11", "-OffsetTimeOriginal=+01:00",
    "-CreateDate=2024:03:14 18:02:11",
    "-Software=Adobe Photoshop 25.0 (Windows)",
    "-ImageDescription=Our flat, 3rd floor", "-UserComment=for your eyes only",
    f"-XMP-dc:Creator={PERSON}", "-XMP-dc:Description=Holiday at home",
    f"-XMP-iptcCore:CreatorWorkEmail={EMAIL}",
    f"-XMP-iptcCore:CreatorWorkTelephone={PHONE}",
    "-XMP-iptcCore:CreatorAddress=12 Rue Example",
    "-XMP-photoshop:City=Vanves", "-XMP-photoshop:Country=France",
    "-XMP-xmpMM:DocumentID=xmp.did:7f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b",
    "-XMP-xmpMM:HistorySoftwareAgent=Adobe Photoshop 25.0 (Windows)",
    "-XMP-xmpMM:HistoryAction=saved",
    "-XMP-xmp:CreatorTool=Adobe Photoshop 25.0 (Windows)",
)  # fmt: skip

# IPTC-IIM exists only in JPEG, TIFF and PSD; exiftool refuses it elsewhere.
IPTC_METADATA: tuple[str, ...] = (
    f"-IPTC:By-line={PERSON}",
    "-IPTC:City=Vanves",
    "-IPTC:Keywords=private",
    "-IPTC:Caption-Abstract=Our flat",
)


def photo(width: int = 96, height: int = 64, mode: str = "RGB", seed: int = 1) -> Image.Image:
    """A deterministic photo-like image: smooth gradients plus fine noise."""
    noise = Image.frombytes("L", (width, height), _noise(width * height, seed))
    gradient = Image.linear_gradient("L").resize((width, height))
    r = Image.blend(gradient, noise, 0.3)
    g = Image.blend(gradient.rotate(90).resize((width, height)), noise, 0.2)
    b = noise
    rgb = Image.merge("RGB", (r, g, b))
    if mode == "RGB":
        return rgb
    if mode == "RGBA":
        rgba = rgb.convert("RGBA")
        rgba.putalpha(gradient)
        return rgba
    return rgb.convert(mode)


def _noise(n: int, seed: int) -> bytes:
    # A counter hashed with a seeded crc32 makes cheap deterministic noise without numpy.
    out = bytearray()
    counter = 0
    while len(out) < n:
        out += zlib.crc32(counter.to_bytes(4, "little"), seed * 2654435761 & 0xFFFFFFFF).to_bytes(
            4, "little"
        )
        counter += 1
    return bytes(out[:n])


# The profile stamps the time it was made: one per run keeps its bytes stable.
@functools.cache
def srgb_icc() -> bytes:
    """An sRGB ICC profile, as a camera or editor would embed."""
    return bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())


def encode(image: Image.Image, fmt: str, **params: object) -> bytes:
    """`image` encoded by Pillow in `fmt` ("JPEG", "PNG", "WEBP", "GIF", "TIFF", "HEIF", "AVIF")."""
    buf = io.BytesIO()
    image.save(buf, fmt, **params)
    return buf.getvalue()


def with_metadata(data: bytes, suffix: str, *args: str) -> bytes:
    """`data` with tags written by exiftool; FULL_METADATA when no args are given."""
    return write_tags(data, suffix, *(args or FULL_METADATA))


@functools.cache
def tagged_jpeg() -> bytes:
    """A small JPEG carrying GPS, a serial number, names and more (FULL_METADATA, by exiftool)."""
    return with_metadata(encode(photo(), "JPEG", quality=90), ".jpg")


def with_thumbnail(data: bytes, thumbnail: bytes, *args: str) -> bytes:
    """The JPEG `data` with `thumbnail` as its EXIF IFD1 thumbnail, plus any tags in
    `args` (none by default), written by exiftool."""
    # exiftool reads a thumbnail only from a file.
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "thumb.jpg"
        path.write_bytes(thumbnail)
        return write_tags(data, ".jpg", *args, f"-ThumbnailImage<={path}")


def frames(data: bytes) -> list[tuple[str, tuple[int, int], bytes, object]]:
    """Every frame decoded: (mode, size, pixel bytes, duration) for pixel comparison."""
    with Image.open(io.BytesIO(data)) as im:
        out = []
        for frame in ImageSequence.Iterator(im):
            out.append((frame.mode, frame.size, frame.tobytes(), frame.info.get("duration")))
        return out


def assert_same_pixels(before: bytes, after: bytes) -> None:
    """Decoding `before` and `after` gives the same frames, bit for bit."""
    a, b = frames(before), frames(after)
    assert len(a) == len(b), f"frame count changed: {len(a)} -> {len(b)}"
    for i, (fa, fb) in enumerate(zip(a, b, strict=True)):
        assert fa[:2] == fb[:2], f"frame {i}: mode/size changed {fa[:2]} -> {fb[:2]}"
        assert fa[2] == fb[2], f"frame {i}: pixels differ"
        assert fa[3] == fb[3], f"frame {i}: duration changed {fa[3]} -> {fb[3]}"
