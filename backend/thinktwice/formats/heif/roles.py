"""What each HEIF item is for: the primary image and what it needs to render, or not.

The primary item ('pitm') is what viewers show. To render it they may need other
items: grid tiles and the inputs of derived images ('dimg'), reference pictures of
predictively coded images ('pred'), and its alpha plane (an auxiliary image whose
'auxl' reference points at it). Everything else — thumbnails ('thmb'), depth maps,
portrait mattes and HDR gain maps (other 'auxl' auxiliaries, 'tmap' derived images),
unreferenced images, Exif/XMP/MIME/URI metadata items — is not needed and is
something the file reveals. HDR gain maps are not needed either but are kept, cleaned,
unless asked otherwise (`gain_map_items`): they are what makes the photo look HDR.
Properties follow the same rule: what decoders use to show the kept images stays,
descriptions and times go.
"""

from __future__ import annotations

from collections import defaultdict

from ...errors import CorruptImage
from ...records import Picture, PictureKind
from ...structure.boxes import Fields
from .. import gainmap, gainmap_writer
from .boxes import FMT
from .checks import IMAGE_TYPES, check_acyclic, check_images, check_primary
from .items import Meta

# Reference types whose targets the source needs to be decoded.
NEEDS = frozenset({b"dimg", b"pred"})
AUXILIARY = b"auxl"
THUMBNAIL = b"thmb"

# Auxiliary image types (auxC URNs) that rendering uses: alpha planes.
ALPHA_URNS = frozenset({
    "urn:mpeg:hevc:2015:auxid:1",
    "urn:mpeg:avc:2015:auxid:1",
    "urn:mpeg:mpegB:cicp:systems:auxiliary:alpha",
})  # fmt: skip

# Other auxiliary types, matched by prefix; an unknown one is an "extra_image".
AUX_KINDS: tuple[tuple[str, PictureKind], ...] = (
    ("urn:mpeg:hevc:2015:auxid:2", "depth_map"),
    ("urn:mpeg:avc:2015:auxid:2", "depth_map"),
    ("urn:mpeg:mpegB:cicp:systems:auxiliary:depth", "depth_map"),
    (gainmap.APPLE_GAIN_MAP_URN, "gain_map"),
    ("urn:com:apple:photo:2018:aux:portraiteffectsmatte", "portrait_matte"),
    # Apple's segmentation mattes: skin, hair, teeth (2019), glasses (2020), sky (2023).
    ("urn:com:apple:photo:2019:aux:semanticskinmatte", "skin_matte"),
    ("urn:com:apple:photo:2019:aux:semantichairmatte", "hair_matte"),
    ("urn:com:apple:photo:2019:aux:semanticteethmatte", "teeth_matte"),
    ("urn:com:apple:photo:2020:aux:semanticglassesmatte", "glasses_matte"),
    ("urn:com:apple:photo:2023:aux:semanticskymatte", "sky_matte"),
    # A segmentation matte of a kind not listed yet.
    ("urn:com:apple:photo:2019:aux:semantic", "matte"),
    ("urn:com:apple:photo:2020:aux:semantic", "matte"),
    ("urn:com:apple:photo:2023:aux:semantic", "matte"),
)
GAIN_MAP_URNS = frozenset({gainmap.APPLE_GAIN_MAP_URN})
GAIN_MAP_TYPE = b"tmap"
DESCRIBES = b"cdsc"
XMP_TYPES = frozenset({"application/rdf+xml", "application/xmp+xml"})


def aux_type(data: bytes | memoryview, meta: Meta, item_id: int) -> str:
    """The URN of the item's 'auxC' property, or "" when it has none."""
    for box in meta.item_properties(item_id):
        if box.type == b"auxC":
            fields = Fields(data, box, FMT)
            fields.version_flags()
            # Decoders read an unterminated type differently (libheif drops its last byte).
            return fields.cstring(terminated=True).decode("utf-8", "replace")
    return ""


def needed_items(data: bytes | memoryview, meta: Meta) -> set[int]:
    """The primary item and every item it needs to render, checked for reference loops."""
    needs: defaultdict[int, list[int]] = defaultdict(list)
    alphas: defaultdict[int, list[int]] = defaultdict(list)
    for ref in meta.references:
        if ref.type in NEEDS:
            needs[ref.source].extend(ref.targets)
        elif ref.type == AUXILIARY and aux_type(data, meta, ref.source) in ALPHA_URNS:
            for target in ref.targets:
                alphas[target].append(ref.source)
    check_primary(meta)
    keep = {meta.primary}
    todo = [meta.primary]
    while todo:
        item_id = todo.pop()
        if item_id not in meta.items:
            raise CorruptImage(FMT, f"an image needs item {item_id}, which is not an item")
        for other in (*needs.get(item_id, ()), *alphas.get(item_id, ())):
            if other not in keep:
                keep.add(other)
                todo.append(other)
    check_images(data, meta, keep)
    check_acyclic(needs, keep)
    return keep


def gain_map_items(data: bytes | memoryview, meta: Meta, needed: set[int]) -> set[int]:
    """The items of the HDR gain maps of the rendered image, to keep beside `needed`.

    Those are Apple's auxiliary gain map of a rendered item, with what it needs to
    decode, and ISO 21496-1 'tmap' images derived from a rendered item, with their
    inputs. A gain map that would not decode is left out (it goes like any other
    hidden picture). Their XMP items are `gain_map_xmp`'s.
    """
    needs: defaultdict[int, list[int]] = defaultdict(list)
    roots: list[int] = []
    for ref in meta.references:
        if ref.type in NEEDS:
            needs[ref.source].extend(ref.targets)
        if ref.type == AUXILIARY and aux_type(data, meta, ref.source) in GAIN_MAP_URNS:
            roots += [ref.source] if needed.intersection(ref.targets) else []
    for item in meta.items.values():
        if item.type == GAIN_MAP_TYPE and needed.intersection(needs.get(item.id, ())):
            roots.append(item.id)
    kept: set[int] = set()
    for root in roots:
        images = {root}
        todo = [root]
        while todo:
            for other in needs.get(todo.pop(), ()):
                if other not in images and other not in needed:
                    images.add(other)
                    todo.append(other)
        try:
            check_images(data, meta, images)
            check_acyclic(needs, images | needed)
        except CorruptImage:
            continue
        kept |= images
    return kept


def gain_map_xmp(data: bytes | memoryview, meta: Meta, images: set[int]) -> dict[int, bytes]:
    """The XMP items describing the gain map `images` that hold gain-map properties,
    each with the packet that keeps only those (`gainmap.kept_xmp`)."""
    found = {}
    for ref in meta.references:
        item = meta.items.get(ref.source)
        if (
            ref.type == DESCRIBES
            and item is not None
            and item.type == b"mime"
            and item.content_type in XMP_TYPES
            and images.issuperset(ref.targets)
        ):
            packet = gainmap.read_packet(meta.item_data(data, item))
            if packet.describes_gain_map:
                found[item.id] = gainmap_writer.kept_xmp(list(packet.properties))
    return found


def hidden_pictures(data: bytes | memoryview, meta: Meta, keep: set[int]) -> list[Picture]:
    """The images beside the primary one: thumbnails, depth maps, gain maps, others.

    Parts of those pictures (their tiles, their alpha planes, a gain map's inputs)
    are not listed again.
    """
    thumbnails: set[int] = set()
    auxiliaries: set[int] = set()
    parts: set[int] = set()
    for ref in meta.references:
        if ref.type == THUMBNAIL:
            thumbnails.add(ref.source)
        elif ref.type == AUXILIARY:
            auxiliaries.add(ref.source)
        elif ref.type in NEEDS:
            parts.update(ref.targets)
    pictures = []
    for item in meta.items.values():
        if item.id in keep or item.type not in IMAGE_TYPES:
            continue
        if item.id in thumbnails:
            pictures.append(Picture("thumbnail", f"HEIF item {item.id} (thmb)"))
        elif item.id in auxiliaries:
            urn = aux_type(data, meta, item.id)
            if urn not in ALPHA_URNS:
                pictures.append(Picture(_aux_kind(urn), f"HEIF item {item.id} (auxl {urn})"))
        elif item.type == GAIN_MAP_TYPE:
            pictures.append(Picture("gain_map", f"HEIF item {item.id} (tmap)"))
        elif item.id not in parts:
            pictures.append(Picture("extra_image", f"HEIF {item.label}"))
    return pictures


def _aux_kind(urn: str) -> PictureKind:
    for prefix, kind in AUX_KINDS:
        if urn.startswith(prefix):
            return kind
    return "extra_image"


# Properties decoders use to show the image as it was meant: size, colour, geometry,
# codec configuration, HDR light levels, auxiliary type.
RENDERING_PROPERTIES = frozenset({
    b"ispe", b"colr", b"pixi", b"irot", b"imir", b"clap", b"pasp", b"auxC", b"lsel",
    b"hvcC", b"lhvC", b"av1C", b"avcC", b"vvcC", b"jpgC", b"j2kH", b"uncC", b"cmpd",
    b"cmpC", b"icef", b"cpat", b"splz", b"sbpm", b"snuc", b"cloc", b"a1op", b"a1lx",
    b"oinf", b"tols", b"clli", b"mdcv", b"cclv", b"amve", b"reve", b"ndwt", b"rloc",
    b"iscl",
})  # fmt: skip
# Properties that describe the picture, its author or its time: removed and reported.
METADATA_PROPERTIES: dict[bytes, str] = {
    b"udes": "user description",
    b"crtt": "creation time",
    b"mdft": "modification time",
    b"altt": "accessibility text",
    b"itai": "TAI timestamp",
    b"taic": "TAI clock information",
}
PADDING = frozenset({b"free", b"skip"})


def kept_properties(meta: Meta, keep: set[int]) -> list[int]:
    """The 'ipco' indices (from 1) the kept items still need, in order.

    Rendering properties stay; metadata properties go; a property of an unknown
    type stays only if an association marks it essential (decoders must
    understand it to render), since a non-essential one may be ignored.
    """
    wanted: set[int] = set()
    for item_id in keep:
        for assoc in meta.associations(item_id):
            box_type = meta.properties[assoc.index - 1].type
            if box_type in RENDERING_PROPERTIES or (
                assoc.essential and box_type not in METADATA_PROPERTIES
            ):
                wanted.add(assoc.index)
    return sorted(wanted)


def dropped_properties(meta: Meta, kept: list[int]) -> list[int]:
    """Indices (from 1) of properties strip removes, other than those of removed images."""
    keep = set(kept)
    return [
        index
        for index, box in enumerate(meta.properties, 1)
        if index not in keep and box.type not in RENDERING_PROPERTIES and box.type not in PADDING
    ]
