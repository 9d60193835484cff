"""HEIF/HEIC/AVIF input that breaks the rules: refused with a reason, never a crash."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.formats import heif_builder as hb
from tests.formats.heif_samples import (
    TIFF,
    assert_read_clean,
    colour,
    grey,
    grid_item,
    tagged,
)
from thinktwice.errors import CorruptImage, ThinkTwiceError
from thinktwice.formats import heif
from thinktwice.formats.heif.items import MAX_ITEMS


@pytest.mark.parametrize("fraction", [0.05, 0.1, 0.3, 0.6, 0.9, 0.99])
def test_truncated_files_are_corrupt(fraction: float) -> None:
    data = tagged("heic")
    cut = data[: int(len(data) * fraction)]
    for operation in (heif.read, heif.strip):
        with pytest.raises(CorruptImage):
            operation(cut)


def corrupt_cases() -> dict[str, tuple[bytes, str]]:
    one = colour().item(1)
    good = hb.build([one])
    meta_at = good.index(b"meta") - 4
    grown = good[:meta_at] + (int.from_bytes(good[meta_at : meta_at + 4]) + 10**6).to_bytes(4)
    streamed = hb.build([one], layout=hb.Layout(mdat_size_zero=True))
    return {
        "box past the end": (grown + good[meta_at + 4 :], f"'meta' at byte {meta_at} claims"),
        "garbage instead of meta": (
            good[:meta_at] + b"\0\0\0\x10meta" + b"\xff" * 8 + good[meta_at + 16 :],
            f"'meta' at byte {meta_at}",
        ),
        "extent past the end": (streamed[:-100], "past the end of the file"),
        "missing primary": (hb.build([one], primary=7), "'pitm' names item 7"),
        "unknown reference": (hb.build([one], [(b"thmb", 1, [9])]), "names item 9"),
        "derived from itself": (
            hb.build([one, colour().item(2)], [(b"dimg", 1, [2]), (b"dimg", 2, [1])]),
            "derived from itself",
        ),
        "no meta": (hb.box(b"ftyp", b"heic\0\0\0\0mif1") + hb.box(b"mdat", b""), "no 'meta'"),
        "image extent of length 0": (
            hb.build([one], layout=hb.Layout(zero_length_last=True)),
            "item 1 \\('hvc1'\\) has an extent of length 0",
        ),
        "grid missing a tile": (
            hb.build([grid_item(), colour().item(3)], [(b"dimg", 1, [3])]),
            "item 1 \\('grid'\\) is derived from 1 images through 'dimg', not 2",
        ),
        "no decoder configuration": (
            hb.build([hb.Item(1, b"hvc1", colour().data, colour().properties[1:])]),
            "has no 'hvcC' property",
        ),
        "primary is a thumbnail": (
            hb.build([colour().item(1), grey().item(2)], [(b"thmb", 2, [1])], primary=2),
            "primary item 2 is a thumbnail of item 1",
        ),
        "metadata as a tile": (
            hb.build([one, hb.Item(2, b"Exif", hb.exif_payload(TIFF))], [(b"dimg", 1, [2])]),
            "item 2 \\('Exif'\\) is used as an image",
        ),
    }  # fmt: skip


@pytest.mark.parametrize("name", sorted(corrupt_cases()))
def test_inconsistent_files_are_corrupt_with_a_reason(name: str) -> None:
    data, fragment = corrupt_cases()[name]
    for operation in (heif.read, heif.strip):
        with pytest.raises(CorruptImage, match=fragment):
            operation(data)


def test_unterminated_auxiliary_types_are_corrupt() -> None:
    """libheif reads "…auxid:1X" without its NUL as the alpha type: too ambiguous to clean."""
    unterminated = (hb.full_box(b"auxC", 0, 0, b"urn:mpeg:hevc:2015:auxid:1X"), True)
    data = hb.build([colour().item(1), grey().item(2, unterminated)], [(b"auxl", 2, [1])])
    with pytest.raises(CorruptImage, match=r"'auxC' at byte \d+ has a string"):
        heif.strip(data)


def test_property_index_past_ipco_is_corrupt() -> None:
    data = bytearray(hb.build([colour().item(1)]))
    ipma = data.index(b"ipma")
    data[ipma + 15] = 0x80 | 60  # first association of item 1: property 60 of 4
    with pytest.raises(CorruptImage, match="property 60, but 'ipco' holds"):
        heif.read(bytes(data))


def test_item_counts_are_capped() -> None:
    many = [hb.Item(i, b"mime", content_type="text/plain") for i in range(2, MAX_ITEMS + 2)]
    with pytest.raises(CorruptImage, match=f"over {MAX_ITEMS}"):
        heif.read(hb.build([colour().item(1), *many]))


def test_location_counts_are_capped() -> None:
    data = bytearray(hb.build([colour().item(1)]))
    count_at = data.index(b"iloc") + 4 + 4 + 2  # after version/flags and field sizes
    data[count_at : count_at + 2] = b"\xff\xff"
    with pytest.raises(CorruptImage, match=r"'iloc' at byte \d+ lists 65535 items, over"):
        heif.read(bytes(data))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_files_fail_cleanly_or_strip_clean(data: st.DataObject) -> None:
    original = bytearray(tagged("heic"))
    head = len(original) - 5000  # mutate the boxes, not only the coded pixels
    for _ in range(data.draw(st.integers(1, 8))):
        pos = data.draw(st.integers(0, head))
        original[pos] = data.draw(st.integers(0, 255))
    if data.draw(st.booleans()):
        del original[data.draw(st.integers(0, len(original))) :]
    mutated = bytes(original)
    try:
        heif.read(mutated)
        stripped = heif.strip(mutated)
    except ThinkTwiceError:
        return
    assert_read_clean(stripped)
