"""Checks that the images strip keeps will decode, and decode the same everywhere.

When the primary image is broken, readers fall back on other images (libheif
shows the first visible one), so a cleaner that kept only the broken primary would
change what people see. Strip therefore refuses, as CorruptImage, a kept image
that is not an image at all, lacks its decoder configuration, stores bytes "to the
end" (length 0: the standard and libheif disagree on what that means), is a
derived image without the inputs it declares, or is derived from itself; and a
primary item that is only the thumbnail or auxiliary image of another.
"""

from __future__ import annotations

from collections import defaultdict

from ...errors import CorruptImage
from .boxes import FMT
from .items import Item, Meta

# Item types that are images (coded, or derived from other images).
IMAGE_TYPES = frozenset({
    b"hvc1", b"hvt1", b"lhv1", b"av01", b"avc1", b"vvc1", b"jpeg", b"j2k1", b"unci",
    b"grid", b"iovl", b"iden", b"tmap", b"mski",
})  # fmt: skip

# Coded image types and the decoder configuration property they cannot decode without.
CONFIGURATIONS: dict[bytes, bytes] = {
    b"hvc1": b"hvcC", b"av01": b"av1C", b"avc1": b"avcC", b"vvc1": b"vvcC",
}  # fmt: skip

# Derived image types with a fixed number of 'dimg' inputs; a grid says how many it
# takes, an overlay takes any number but none.
FIXED_INPUTS: dict[bytes, int] = {b"iden": 1, b"tmap": 2}
_GRID, _OVERLAY = b"grid", b"iovl"
# References that make their source serve another image, never a picture of its own.
SATELLITES: dict[bytes, str] = {b"thmb": "thumbnail", b"auxl": "auxiliary image"}
_GRID_HEADER = 4  # version, flags, rows - 1, columns - 1


def check_primary(meta: Meta) -> None:
    """CorruptImage if the primary item is a thumbnail or auxiliary image of another.

    Readers then show that other image instead, which strip would have removed.
    """
    for ref in meta.references:
        if ref.source == meta.primary and ref.type in SATELLITES:
            targets = ", ".join(map(str, ref.targets))
            raise CorruptImage(
                FMT, f"primary item {meta.primary} is a {SATELLITES[ref.type]} of item {targets}"
            )


def check_images(data: bytes | memoryview, meta: Meta, keep: set[int]) -> None:
    """CorruptImage naming the first kept item that would not render as it did."""
    inputs: defaultdict[int, int] = defaultdict(int)
    for ref in meta.references:
        if ref.type == b"dimg":
            inputs[ref.source] += len(ref.targets)
    for item_id in sorted(keep):
        item = meta.items[item_id]
        # Only images render; anything else kept (Exif, XMP...) would slip past the cleaner.
        if item.type not in IMAGE_TYPES:
            raise CorruptImage(FMT, f"{item.label} is used as an image, but is not one")
        _check_configuration(meta, item)
        if any(extent.to_end for extent in item.extents):
            raise CorruptImage(
                FMT,
                f"{item.label} has an extent of length 0 ('to the end'), which decoders "
                "read differently",
            )
        _check_inputs(data, meta, item, inputs[item_id])


def _check_configuration(meta: Meta, item: Item) -> None:
    needed = CONFIGURATIONS.get(item.type)
    if needed and all(box.type != needed for box in meta.item_properties(item.id)):
        name = needed.decode("latin-1")
        raise CorruptImage(FMT, f"{item.label} has no {name!r} property to decode it with")


def _check_inputs(data: bytes | memoryview, meta: Meta, item: Item, found: int) -> None:
    if item.type == _GRID:
        expected = _grid_cells(meta.item_data(data, item), item)
    elif item.type in FIXED_INPUTS:
        expected = FIXED_INPUTS[item.type]
    elif item.type == _OVERLAY and not found:
        raise CorruptImage(FMT, f"{item.label} overlays no images")
    else:
        return
    if found != expected:
        raise CorruptImage(
            FMT, f"{item.label} is derived from {found} images through 'dimg', not {expected}"
        )


def _grid_cells(payload: bytes, item: Item) -> int:
    if len(payload) < _GRID_HEADER or payload[0] != 0:
        raise CorruptImage(FMT, f"{item.label} does not hold a version 0 grid description")
    return (payload[2] + 1) * (payload[3] + 1)


def check_acyclic(needs: dict[int, list[int]], items: set[int]) -> None:
    """CorruptImage if an image needs itself through 'dimg'/'pred' (decoders would loop)."""
    done: set[int] = set()
    for root in sorted(items):
        if root in done:
            continue
        path = {root}
        stack = [(root, iter(needs.get(root, ())))]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                stack.pop()
                path.discard(node)
                done.add(node)
            elif child in path:
                raise CorruptImage(FMT, f"item {child} is derived from itself through item {node}")
            elif child not in done:
                path.add(child)
                stack.append((child, iter(needs.get(child, ()))))
