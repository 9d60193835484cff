"""formats/png.py: what read finds in PNG and APNG files, and what strip keeps.

Every fixture is built here: Pillow encodes the pixels, exiftool writes the
metadata a phone or editor would, and the chunks no tool writes on demand
(tIME, vendor chunks, ImageMagick raw profiles, Adam7) are assembled by hand.
"""

from __future__ import annotations

import contextlib
import functools
import io
import struct
import time
import zlib
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image
from PIL.PngImagePlugin import PngInfo

import thinktwice
from tests.support.containers import png_chunk
from tests.support.exiftool import assert_clean, identifying_tags, read_tags
from tests.support.images import (
    EMAIL,
    FULL_METADATA,
    PERSON,
    PHONE,
    assert_same_pixels,
    encode,
    photo,
    srgb_icc,
    with_metadata,
)
from tests.support.mutation import overwrite
from thinktwice.errors import CorruptImage, ImageTooLarge, ThinkTwiceError, UnsupportedFormat
from thinktwice.formats import png
from thinktwice.formats.orientation import minimal_exif, read_orientation
from thinktwice.records import Container

SIGNATURE = b"\x89PNG\r\n\x1a\n"
EXIF_ORIENTATION = 0x0112
Action = Callable[[bytes], object]

# ---------------------------------------------------------------- chunk tools


def chunks(data: bytes) -> list[tuple[int, bytes, bytes]]:
    """(offset, type, body) of every chunk, by an independent minimal walker."""
    out, pos = [], 8
    while pos + 12 <= len(data):
        (length,) = struct.unpack_from(">I", data, pos)
        out.append((pos, data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]))
        pos += 12 + length
    return out


def types(data: bytes) -> list[bytes]:
    return [t for _, t, _ in chunks(data)]


def insert_before(data: bytes, ctype: bytes, *new: bytes) -> bytes:
    """`data` with the chunks `new` inserted before its first `ctype` chunk."""
    pos = next(offset for offset, t, _ in chunks(data) if t == ctype)
    return data[:pos] + b"".join(new) + data[pos:]


def rewrite(data: bytes, index: int, body: bytes) -> bytes:
    """`data` with chunk number `index` given a new body (and a correct CRC)."""
    pos, ctype, old = chunks(data)[index]
    return data[:pos] + png_chunk(ctype, body) + data[pos + 12 + len(old) :]


def with_crc(data: bytes, at: int, crc: bytes) -> bytes:
    """`data` with the CRC at byte `at` replaced (a damaged chunk)."""
    return data[:at] + crc + data[at + 4 :]


def raw_profile(name: str, blob: bytes) -> bytes:
    """ImageMagick's "Raw profile type" text: a name line, a length line, hex lines of 72."""
    hexed = blob.hex()
    lines = "\n".join(hexed[i : i + 72] for i in range(0, len(hexed), 72))
    return f"\n{name}\n{len(blob):8d}\n{lines}\n".encode("ascii")


def ztxt(key: str, text: bytes) -> bytes:
    return png_chunk(b"zTXt", key.encode("latin-1") + b"\x00\x00" + zlib.compress(text))


ADAM7 = ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2),
         (0, 1, 1, 2))  # fmt: skip


def interlaced(image: Image.Image) -> bytes:
    """An Adam7-interlaced 8-bit RGB PNG (Pillow only writes non-interlaced ones)."""
    width, height = image.size
    pixels = image.convert("RGB").tobytes()
    raw = bytearray()
    for x0, y0, dx, dy in ADAM7:
        for y in range(y0, height, dy):
            row = b"".join(pixels[(y * width + x) * 3 :][:3] for x in range(x0, width, dx))
            raw += b"\x00" + row  # filter type None
    header = png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 1))
    return SIGNATURE + header + png_chunk(b"IDAT", zlib.compress(raw)) + png_chunk(b"IEND", b"")


# ---------------------------------------------------------------- fixtures


def frame(i: int) -> Image.Image:
    """Distinct photo-like frames for animations."""
    return photo().point(lambda v: (v + 37 * i) % 256)


def pillow_text() -> bytes:
    info = PngInfo()
    info.add_text("Author", PERSON)
    info.add_text("Comment", f"call me on {PHONE}", zip=True)
    info.add_itxt("Description", "Notre appartement, 3ᵉ étage", lang="fr", tkey="Beschreibung")
    info.add_itxt("Contact", EMAIL, zip=True)
    return encode(photo(), "PNG", pnginfo=info)


def exiftool_full() -> bytes:
    return with_metadata(encode(photo(), "PNG"), ".png")


def tiff_exif() -> bytes:
    """A TIFF-structured EXIF blob with identifying IFD0 tags, as Pillow writes it."""
    exif = Image.Exif()
    exif[0x013B] = PERSON  # Artist
    exif[0x010F] = "Apple"  # Make
    exif[0x0110] = "iPhone 15 Pro"  # Model
    return exif.tobytes()[6:]


def imagemagick_profiles() -> bytes:
    exif = ztxt("Raw profile type exif", raw_profile("exif", b"Exif\x00\x00" + tiff_exif()))
    return insert_before(encode(photo(), "PNG"), b"IDAT", exif)


def time_chunk() -> bytes:
    stamp = png_chunk(b"tIME", struct.pack(">HBBBBB", 2024, 3, 14, 18, 2, 11))
    return insert_before(exiftool_full(), b"IEND", stamp)


VENDOR_CHUNKS = {
    b"iDOT": struct.pack(">7I", 2, 0, 40, 32, 1000, 32, 2000),  # Apple's parallel decoding
    b"caBX": b"\x00\x00\x00\x20jumbc2pa" + PERSON.encode(),  # C2PA manifest store
    b"zxIf": b"\x00" + zlib.compress(b"MM\x00*" + PERSON.encode()),  # exiftool's old EXIF
}


def vendor_chunks() -> bytes:
    new = [png_chunk(t, body) for t, body in VENDOR_CHUNKS.items()]
    return insert_before(exiftool_full(), b"IDAT", *new)


def apng() -> bytes:
    data = encode(frame(0), "PNG", save_all=True, append_images=[frame(1), frame(2)],
                  duration=[100, 200, 300], loop=2)  # fmt: skip
    return with_metadata(data, ".png")


def oriented(value: int) -> Callable[[], bytes]:
    return lambda: with_metadata(encode(photo(), "PNG"), ".png", *FULL_METADATA,
                                 f"-Orientation#={value}")  # fmt: skip


def meta(image: Image.Image, **params: object) -> Callable[[], bytes]:
    return lambda: with_metadata(encode(image, "PNG", **params), ".png")


CASES: dict[str, Callable[[], bytes]] = {
    "Pillow tEXt zTXt iTXt": pillow_text,
    "exiftool eXIf, XMP, tEXt": exiftool_full,
    "ImageMagick raw profile": imagemagick_profiles,
    "tIME chunk": time_chunk,
    "vendor chunks": vendor_chunks,
    "ICC profile": meta(photo(), icc_profile=srgb_icc()),
    "palette with tRNS": meta(photo().convert("P"), transparency=3),
    "RGBA": meta(photo(mode="RGBA")),
    "16-bit grey": meta(photo().convert("I;16")),
    "Adam7 interlaced": lambda: with_metadata(interlaced(photo()), ".png"),
    "APNG": apng,
    "orientation 6": oriented(6),
    "appended zip": lambda: exiftool_full() + b"PK\x03\x04" + PERSON.encode(),
}


@functools.cache
def sample(name: str) -> bytes:
    return CASES[name]()


# ---------------------------------------------------------------- sniff


@pytest.mark.parametrize(
    ("head", "expected"),
    [(SIGNATURE + b"\x00\x00\x00\x0dIHDR", True), (b"\x89PNG\r\n\x1a", False),
     (b"GIF89a", False), (b"", False)],
)  # fmt: skip
def test_sniff_recognises_only_the_png_signature(head: bytes, expected: bool) -> None:
    assert png.sniff(head) is expected


# ---------------------------------------------------------------- strip: the invariants


@pytest.mark.parametrize("name", CASES)
def test_strip_leaves_nothing_exiftool_finds(name: str) -> None:
    assert_clean(png.strip(sample(name)), ".png")


@pytest.mark.parametrize("name", CASES)
def test_strip_keeps_every_pixel_and_frame(name: str) -> None:
    assert_same_pixels(sample(name), png.strip(sample(name)))


@pytest.mark.parametrize("name", CASES)
def test_strip_is_idempotent(name: str) -> None:
    once = png.strip(sample(name))
    assert png.strip(once) == once


@pytest.mark.parametrize("name", CASES)
def test_stripped_file_reads_back_empty(name: str) -> None:
    assert_no_identifying_blocks(png.read(png.strip(sample(name))))


@pytest.mark.parametrize("name", CASES)
def test_strip_copies_rendering_chunks_byte_for_byte(name: str) -> None:
    data = sample(name)
    kept = [c for c in chunks(data) if c[1] in png.RENDERING]
    assert [c[1:] for c in chunks(png.strip(data)) if c[1] != b"eXIf"] == [c[1:] for c in kept]


# ---------------------------------------------------------------- strip: what rendering needs


def test_strip_keeps_the_icc_profile() -> None:
    data = sample("ICC profile")
    profile = png.read(data).icc
    assert profile is not None
    assert profile[36:40] == b"acsp"
    assert png.read(png.strip(data)).icc == profile


def test_strip_keeps_palette_transparency() -> None:
    data = sample("palette with tRNS")
    with Image.open(io.BytesIO(png.strip(data))) as after, Image.open(io.BytesIO(data)) as before:
        assert after.info["transparency"] == before.info["transparency"]


def test_strip_keeps_the_apng_loop_count() -> None:
    with Image.open(io.BytesIO(png.strip(sample("APNG")))) as after:
        assert after.info["loop"] == 2


def test_strip_keeps_orientation_as_a_minimal_exif() -> None:
    cleaned = png.strip(sample("orientation 6"))
    with Image.open(io.BytesIO(cleaned)) as image:
        assert image.getexif()[EXIF_ORIENTATION] == 6
    assert [read_orientation(blob) for blob in png.read(cleaned).exif] == [6]
    assert types(cleaned).index(b"eXIf") < types(cleaned).index(b"IDAT")


@pytest.mark.parametrize("args", [(), ("-Orientation#=1",)], ids=["absent", "1"])
def test_strip_writes_no_exif_when_orientation_is_upright(args: tuple[str, ...]) -> None:
    data = with_metadata(encode(photo(), "PNG"), ".png", *FULL_METADATA, *args)
    assert b"eXIf" not in types(png.strip(data))


def test_strip_drops_bytes_after_iend() -> None:
    assert png.strip(sample("appended zip")).endswith(png_chunk(b"IEND", b""))


# ---------------------------------------------------------------- read


def test_read_gives_size_format_and_frames() -> None:
    found = png.read(sample("APNG"))
    assert (found.format, found.media_type, found.frames) == ("apng", "image/apng", 3)
    assert (found.width, found.height) == (96, 64)


def test_read_calls_a_still_png_png() -> None:
    found = png.read(sample("RGBA"))
    assert (found.format, found.media_type, found.frames) == ("png", "image/png", 1)


@pytest.mark.parametrize(
    ("source", "key", "value"),
    [("PNG tEXt", "Author", PERSON), ("PNG zTXt", "Comment", f"call me on {PHONE}"),
     ("PNG iTXt", "Description", "Notre appartement, 3ᵉ étage"), ("PNG iTXt", "Contact", EMAIL)],
)  # fmt: skip
def test_read_collects_text_chunks(source: str, key: str, value: str) -> None:
    found = png.read(sample("Pillow tEXt zTXt iTXt"))
    assert (source, key, value) in [(t.source, t.key, t.value) for t in found.text]


def test_read_files_exiftool_exif_and_xmp() -> None:
    found = png.read(sample("exiftool eXIf, XMP, tEXt"))
    assert [blob[:4] for blob in found.exif] == [b"MM\x00*"]
    assert len(found.xmp) == 1
    assert PERSON.encode() in found.xmp[0]


@pytest.mark.parametrize(
    ("profile", "blob", "field"),
    [("exif", b"Exif\x00\x00" + tiff_exif(), "exif"), ("APP1", tiff_exif(), "exif"),
     ("iptc", b"\x1c\x02\x50\x00\x0d" + PERSON.encode(), "iptc"),
     ("iptc", b"8BIM\x04\x04\x00\x00\x00\x00\x00\x00", "photoshop"),
     ("8bim", b"8BIM\x04\x04\x00\x00\x00\x00\x00\x00", "photoshop"),
     ("xmp", b"<x:xmpmeta xmlns:x='adobe:ns:meta/'/>", "xmp")],
)  # fmt: skip
def test_read_decodes_imagemagick_raw_profiles(profile: str, blob: bytes, field: str) -> None:
    text = ztxt(f"Raw profile type {profile}", raw_profile(profile, blob))
    data = insert_before(encode(photo(), "PNG"), b"IDAT", text)
    blobs: list[bytes] = getattr(png.read(data), field)
    assert blobs == [blob.removeprefix(b"Exif\x00\x00")]


@pytest.mark.parametrize("name", ["icc", "icm"])
def test_read_takes_a_raw_icc_profile_when_there_is_no_iccp(name: str) -> None:
    icc = srgb_icc()
    profile = ztxt(f"Raw profile type {name}", raw_profile(name, icc))
    assert png.read(insert_before(encode(photo(), "PNG"), b"IDAT", profile)).icc == icc


def test_read_prefers_iccp_to_a_raw_icc_profile() -> None:
    icc = srgb_icc()
    profile = ztxt("Raw profile type icc", raw_profile("icc", b"not the profile"))
    data = insert_before(encode(photo(), "PNG", icc_profile=icc), b"IDAT", profile)
    assert png.read(data).icc == icc


def test_read_keeps_a_garbled_raw_profile_as_text() -> None:
    text = ztxt("Raw profile type exif", b"\nexif\n  12\nnot hex at all\n")
    data = insert_before(encode(photo(), "PNG"), b"IDAT", text)
    assert [t.key for t in png.read(data).text] == ["Raw profile type exif"]


def test_read_gives_time_chunk_as_modify_date() -> None:
    entries = [(t.source, t.key, t.value) for t in png.read(sample("tIME chunk")).text]
    assert ("PNG tIME", "ModifyDate", "2024:03:14 18:02:11") in entries


@pytest.mark.parametrize("ctype", VENDOR_CHUNKS)
def test_read_names_unknown_ancillary_chunks(ctype: bytes) -> None:
    notes = png.read(sample("vendor chunks")).extra
    assert any(note.startswith(f"PNG chunk '{ctype.decode()}'") for note in notes)


def test_a_c2pa_chunk_is_reported_as_content_credentials() -> None:
    plain = encode(Image.new("RGB", (8, 8), (40, 90, 160)), "PNG")
    end = plain.rindex(b"IEND") - 4
    data = plain[:end] + png_chunk(b"caBX", VENDOR_CHUNKS[b"caBX"]) + plain[end:]
    assert thinktwice.inspect(plain, "plain.png", pixels=False).findings == ()
    report = thinktwice.inspect(data, "credits.png", pixels=False)
    messages = [f.message for f in report.findings]
    assert messages == ["It carries a content credentials record (C2PA) of how it was made."]


def test_read_reports_bytes_after_iend_as_trailer() -> None:
    data, image = sample("appended zip"), sample("exiftool eXIf, XMP, tEXt")
    trailer = png.read(data).trailer
    assert trailer is not None
    assert (trailer.offset, trailer.length) == (len(image), len(data) - len(image))
    assert trailer.data.startswith(b"PK\x03\x04")


def test_read_tolerates_a_bad_crc_on_a_metadata_chunk() -> None:
    data = pillow_text()
    pos, _, body = next(c for c in chunks(data) if c[1] == b"tEXt")
    damaged = with_crc(data, pos + 8 + len(body), b"\xde\xad\xbe\xef")
    assert PERSON in [t.value for t in png.read(damaged).text]
    assert b"tEXt" not in types(png.strip(damaged))


# ---------------------------------------------------------------- bad and hostile input


@functools.cache
def bomb() -> bytes:
    """100 MiB of zeros, deflated to about 100 KiB."""
    squeezer = zlib.compressobj(9)
    parts = [squeezer.compress(bytes(1 << 20)) for _ in range(100)]
    return b"".join(parts) + squeezer.flush()


BOMBS = {
    "zTXt": b"Comment\x00\x00",
    "iTXt": b"Comment\x00\x01\x00\x00\x00",
    "iCCP": b"ICC profile\x00\x00",
}


def with_bomb(ctype: str) -> bytes:
    return insert_before(
        encode(photo(), "PNG"), b"IDAT", png_chunk(ctype.encode(), BOMBS[ctype] + bomb())
    )


@pytest.mark.parametrize("ctype", BOMBS)
def test_read_refuses_a_compression_bomb_quickly(ctype: str) -> None:
    data = with_bomb(ctype)
    started = time.perf_counter()
    with pytest.raises(ImageTooLarge, match=f"{ctype}.*8 MiB"):
        png.read(data)
    assert time.perf_counter() - started < 1.0


def test_strip_drops_a_text_bomb_without_inflating_it() -> None:
    assert b"zTXt" not in types(png.strip(with_bomb("zTXt")))


def test_strip_refuses_a_kept_icc_bomb() -> None:
    with pytest.raises(ImageTooLarge):
        png.strip(with_bomb("iCCP"))


@pytest.mark.parametrize("ctype", [b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND"])
@pytest.mark.parametrize("action", [png.read, png.strip], ids=["read", "strip"])
def test_a_bad_crc_on_a_kept_chunk_is_corrupt(ctype: bytes, action: Action) -> None:
    data = sample("palette with tRNS")
    pos, _, body = next(c for c in chunks(data) if c[1] == ctype)
    damaged = with_crc(data, pos + 8 + len(body), b"\xde\xad\xbe\xef")
    with pytest.raises(CorruptImage, match=f"'{ctype.decode()}' at byte {pos} has a bad CRC"):
        action(damaged)


@pytest.mark.parametrize(
    ("damage", "message"),
    [(lambda d: d[:33] + struct.pack(">I", 1 << 30) + d[37:], "'IDAT' at byte 33 claims"),
     (lambda d: d[:-12], "no IEND chunk"),
     (lambda d: d[:8] + d[33:], "starts with chunk 'IDAT'"),
     (lambda d: insert_before(d, b"IDAT", png_chunk(b"ABCD", b"")),
      "unknown critical chunk 'ABCD'"),
     (lambda d: insert_before(d, b"IDAT", png_chunk(b"ab1d", b"")), "invalid type"),
     (lambda d: d[:33] + d[-12:], "no IDAT"),
     (lambda d: b"\x89PNG\n\x1a\n" + d[8:], "signature")],
    ids=["length past end", "no IEND", "IHDR missing", "unknown critical", "bad type", "no IDAT",
         "bad signature"],
)  # fmt: skip
def test_malformed_structure_is_corrupt(damage: Callable[[bytes], bytes], message: str) -> None:
    data = damage(encode(photo(), "PNG"))
    for action in (png.read, png.strip):
        with pytest.raises(CorruptImage, match=message):
            action(data)


def test_apple_cgbi_png_is_unsupported() -> None:
    data = encode(photo(), "PNG")
    with pytest.raises(UnsupportedFormat, match="CgBI"):
        png.read(data[:8] + png_chunk(b"CgBI", b"\x50\x00\x20\x06") + data[8:])


# ---------------------------------------------------------------- properties


def assert_no_identifying_blocks(found: Container) -> None:
    """Nothing but rendering survives: at most an EXIF holding only Orientation."""
    assert not (found.text or found.xmp or found.iptc or found.photoshop or found.extra)
    assert found.trailer is None
    for blob in found.exif:
        orientation = read_orientation(blob)
        assert orientation is not None
        assert blob == minimal_exif(orientation, blob[:2])


EDITS = st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), min_size=1, max_size=8)
PROPERTY = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(cut=st.integers(min_value=0))
def test_truncated_files_are_corrupt(cut: int) -> None:
    data = sample("exiftool eXIf, XMP, tEXt")
    for action in (png.read, png.strip):
        with pytest.raises(CorruptImage):
            action(data[: cut % len(data)])


@PROPERTY
@given(
    name=st.sampled_from(["exiftool eXIf, XMP, tEXt", "APNG", "orientation 6", "ICC profile"]),
    edits=EDITS,
)
def test_mutated_files_fail_only_with_typed_errors(name: str, edits: list[tuple[int, int]]) -> None:
    check_robust(overwrite(sample(name), edits))


@PROPERTY
@given(
    name=st.sampled_from(["Pillow tEXt zTXt iTXt", "exiftool eXIf, XMP, tEXt", "ICC profile",
                          "ImageMagick raw profile", "tIME chunk", "APNG"]),
    index=st.integers(min_value=0),
    edits=EDITS,
    cut=st.integers(min_value=0),
)  # fmt: skip
def test_chunk_bodies_with_valid_crcs_fail_only_with_typed_errors(
    name: str, index: int, edits: list[tuple[int, int]], cut: int
) -> None:
    data = sample(name)
    listing = chunks(data)
    _, _, body = listing[index % len(listing)]
    mutated = overwrite(body, edits)
    check_robust(rewrite(data, index % len(listing), mutated[: cut % (len(mutated) + 1)]))


def check_robust(data: bytes) -> None:
    """read and strip raise only ThinkTwiceError; a strip that succeeds re-reads clean."""
    with contextlib.suppress(ThinkTwiceError):
        png.read(data)
    try:
        cleaned = png.strip(data)
    except ThinkTwiceError:
        return
    assert_no_identifying_blocks(png.read(cleaned))


@pytest.mark.parametrize("name", CASES)
def test_judge_sees_the_fixture_metadata(name: str) -> None:
    """The fixtures really carry what strip must remove (else the clean tests prove nothing)."""
    assert identifying_tags(sample(name), ".png")


def test_judge_sees_imagemagick_raw_exif() -> None:
    names = {name for _, name, _ in read_tags(sample("ImageMagick raw profile"), ".png")}
    assert {"Artist", "Make", "Model"} <= names


ANCILLARY_TYPES = st.one_of(
    st.sampled_from([b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME", b"iCCP", b"sPLT", b"caBX",
                     b"iDOT", b"gAMA", b"pHYs", b"bKGD", b"hIST"]),
    st.binary(min_size=4, max_size=4).filter(lambda t: t.isalpha() and t[0] & 0x20 != 0),
)  # fmt: skip
BODIES = st.one_of(
    st.binary(max_size=300),
    st.builds(lambda key, method, text: key + b"\x00" + method + zlib.compress(text),
              st.binary(max_size=80), st.sampled_from([b"\x00", b"\x00\x00", b"\x01\x00\x00\x00"]),
              st.binary(max_size=300)),
    st.builds(lambda key, blob: b"Raw profile type " + key + b"\x00" + raw_profile("x", blob),
              st.sampled_from([b"exif", b"APP1", b"iptc", b"8bim", b"xmp", b"icc", b"other"]),
              st.binary(max_size=200)),
)  # fmt: skip


@PROPERTY
@given(extra=st.lists(st.tuples(ANCILLARY_TYPES, BODIES), max_size=8))
def test_any_ancillary_chunks_fail_only_with_typed_errors(extra: list[tuple[bytes, bytes]]) -> None:
    data = insert_before(encode(photo(8, 8), "PNG"), b"IDAT", *(png_chunk(t, b) for t, b in extra))
    check_robust(data)
