"""The item model of a HEIF 'meta' box (ISO/IEC 23008-12), read from its boxes.

A HEIF file describes everything as *items* (coded images, grids, Exif, XMP...):
'iinf' lists them, 'iloc' says where their bytes are (file offsets, or offsets in
the 'idat' box inside 'meta'), 'iref' links them (tile of, thumbnail of, auxiliary
of, describes), 'pitm' names the primary one, and 'iprp' holds properties ('ipco')
and which item uses which ('ipma'). This module turns those boxes into plain data,
checking every count, size and offset; it decides nothing about what to keep.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...errors import CorruptImage, UnsupportedFormat
from ...structure.boxes import Box, Fields, full_box
from .boxes import FMT
from .iloc import FILE, IDAT, Extent, local_references, parse_iloc

MAX_ITEMS = 1 << 15
MAX_REFERENCES = 1 << 17

_MIME = b"mime"
_URI = b"uri "


@dataclass(frozen=True, slots=True)
class EntityGroup:
    """One 'grpl' entity group: its type ('altr': alternatives, the first preferred),
    its id (from the items' id space) and the ids of its entities, in order."""

    type: bytes
    id: int
    entities: tuple[int, ...]


@dataclass(slots=True)
class Item:
    """One 'infe' entry and, when 'iloc' has one, where its bytes are."""

    id: int
    type: bytes
    hidden: bool
    content_type: str = ""
    uri_type: str = ""
    method: int = FILE
    extents: tuple[Extent, ...] = ()

    @property
    def label(self) -> str:
        """How messages and reports name the item: "item 7 ('Exif')"."""
        return f"item {self.id} ({self.type.decode('latin-1')!r})"


@dataclass(frozen=True, slots=True)
class Reference:
    """One 'iref' entry: `source` refers to `targets` as `type` says ('dimg', 'thmb'...)."""

    type: bytes
    source: int
    targets: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Association:
    """An item's use of a property: `index` counts from 1 in 'ipco'."""

    index: int
    essential: bool


@dataclass(frozen=True, slots=True)
class AssociationTable:
    """One 'ipma' box: its version and flags, and (item id, associations) in file order."""

    version: int
    flags: int
    entries: tuple[tuple[int, tuple[Association, ...]], ...]


@dataclass(slots=True)
class Meta:
    """Everything the 'meta' box says about the items."""

    handler: bytes
    primary: int
    pitm_version: int
    items: dict[int, Item]
    iinf_version: int
    iloc_version: int
    references: list[Reference]
    iref_version: int
    properties: list[Box]
    tables: list[AssociationTable]
    idat: Box | None
    has_dinf: bool
    others: list[Box] = field(default_factory=list)
    groups: list[EntityGroup] = field(default_factory=list)
    _by_item: dict[int, list[Association]] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for table in self.tables:
            for item_id, assocs in table.entries:
                self._by_item.setdefault(item_id, []).extend(assocs)

    def associations(self, item_id: int) -> list[Association]:
        """The item's property associations across every 'ipma' box, in order."""
        return self._by_item.get(item_id, [])

    def item_properties(self, item_id: int) -> list[Box]:
        """The 'ipco' boxes the item uses, in association order."""
        return [self.properties[a.index - 1] for a in self.associations(item_id)]

    def item_data(self, data: bytes | memoryview, item: Item) -> bytes:
        """The item's bytes, its extents joined."""
        space = data
        if item.method == IDAT and self.idat is not None:
            space = memoryview(data)[self.idat.start : self.idat.end]
        return b"".join(bytes(space[e.offset : e.offset + e.length]) for e in item.extents)


def parse_meta(data: bytes | memoryview, meta: Box) -> Meta:
    """The item model of the top-level 'meta' box `meta` (already parsed into children)."""
    full_box(data, meta, FMT)
    children = {box.type: box for box in reversed(meta.children or ())}
    for needed in (b"hdlr", b"pitm", b"iinf", b"iloc", b"iprp"):
        if needed not in children:
            raise CorruptImage(FMT, f"'meta' at byte {meta.offset} has no {needed.decode()!r} box")
    items, iinf_version = _parse_iinf(data, children[b"iinf"])
    primary, pitm_version = _parse_pitm(data, children[b"pitm"])
    properties, tables = _parse_iprp(data, children[b"iprp"])
    references, iref_version = _parse_iref(data, children.get(b"iref"))
    idat = children.get(b"idat")
    local = local_references(data, children.get(b"dinf"))
    locations, iloc_version = parse_iloc(data, children[b"iloc"], idat, local)
    for item_id, location in locations.items():
        if item_id in items:  # a location for no item is harmless, and dropped on strip
            items[item_id].method = location.method
            items[item_id].extents = location.extents
    groups = _parse_grpl(data, children.get(b"grpl"))
    _check_ids(items, primary, references, {group.id for group in groups})
    known = {b"hdlr", b"pitm", b"iinf", b"iloc", b"iprp", b"iref", b"idat", b"dinf", b"grpl"}
    return Meta(
        handler=_parse_hdlr(data, children[b"hdlr"]),
        primary=primary,
        pitm_version=pitm_version,
        items=items,
        iinf_version=iinf_version,
        iloc_version=iloc_version,
        references=references,
        iref_version=iref_version,
        properties=properties,
        tables=tables,
        idat=idat,
        has_dinf=b"dinf" in children,
        others=[box for box in meta.children or () if box.type not in known],
        groups=groups,
    )


def _check_ids(
    items: dict[int, Item], primary: int, references: list[Reference], group_ids: set[int]
) -> None:
    if primary not in items:
        raise CorruptImage(FMT, f"'pitm' names item {primary}, which 'iinf' does not list")
    for ref in references:
        for item_id in (ref.source, *ref.targets):
            if item_id not in items and item_id not in group_ids:
                raise CorruptImage(
                    FMT,
                    f"'iref' {ref.type.decode('latin-1')!r} from item {ref.source} "
                    f"names item {item_id}, which 'iinf' does not list",
                )


def _parse_grpl(data: bytes | memoryview, box: Box | None) -> list[EntityGroup]:
    """The entity groups ('altr', 'ster'...): references may name them like items. An
    ISO 21496-1 gain map's 'tmap' item is an alternative to the primary in an 'altr'."""
    groups = []
    for child in box.children or () if box else ():
        fields = Fields(data, child, FMT)
        fields.version_flags()
        group_id, count = fields.uint(4), fields.uint(4)
        if count > fields.left // 4:
            raise CorruptImage(
                FMT, f"entity group {group_id} lists {count} entities in {fields.left} bytes"
            )
        entities = tuple(fields.uint(4) for _ in range(count))
        groups.append(EntityGroup(child.type, group_id, entities))
    return groups


def _parse_hdlr(data: bytes | memoryview, box: Box) -> bytes:
    fields = Fields(data, box, FMT)
    fields.version_flags()
    fields.uint(4)  # pre_defined
    return fields.raw(4)


def _parse_pitm(data: bytes | memoryview, box: Box) -> tuple[int, int]:
    fields = Fields(data, box, FMT)
    version, _ = fields.version_flags()
    return fields.uint(2 if version == 0 else 4), version


def _parse_iinf(data: bytes | memoryview, box: Box) -> tuple[dict[int, Item], int]:
    version, _ = full_box(data, box, FMT)
    infes = [child for child in box.children or () if child.type == b"infe"]
    if len(infes) > MAX_ITEMS:
        raise CorruptImage(
            FMT, f"'iinf' at byte {box.offset} lists {len(infes)} items, over {MAX_ITEMS}"
        )
    items: dict[int, Item] = {}
    for infe in infes:
        item = _parse_infe(data, infe)
        if item.id in items:
            raise CorruptImage(FMT, f"'infe' at byte {infe.offset} repeats item id {item.id}")
        items[item.id] = item
    return items, version


def _parse_infe(data: bytes | memoryview, box: Box) -> Item:
    fields = Fields(data, box, FMT)
    version, flags = fields.version_flags()
    hidden = bool(flags & 1)
    if version < 2:  # no item type: only MIME-typed content existed then
        item_id, protection = fields.uint(2), fields.uint(2)
        fields.cstring()  # the item name: decoders do not need it, and strip drops it
        item = Item(item_id, _MIME, hidden, content_type=_text(fields.cstring()))
    elif version <= 3:
        item_id = fields.uint(2 if version == 2 else 4)
        protection = fields.uint(2)
        item = Item(item_id, fields.raw(4), hidden)
        fields.cstring()  # the item name
        if item.type == _MIME:
            item.content_type = _text(fields.cstring())
        elif item.type == _URI:
            item.uri_type = _text(fields.cstring())
    else:
        raise CorruptImage(FMT, f"'infe' at byte {box.offset} has unknown version {version}")
    if protection:
        raise UnsupportedFormat(
            "an encrypted HEIF image", "Encrypted HEIF images are not supported."
        )
    return item


def _parse_iref(data: bytes | memoryview, box: Box | None) -> tuple[list[Reference], int]:
    if box is None:
        return [], 0
    version, _ = full_box(data, box, FMT)
    id_size = 2 if version == 0 else 4
    references = []
    budget = MAX_REFERENCES
    for child in box.children or ():
        fields = Fields(data, child, FMT)
        source, count = fields.uint(id_size), fields.uint(2)
        budget -= count
        if budget < 0:
            raise CorruptImage(
                FMT, f"'iref' at byte {box.offset} holds over {MAX_REFERENCES} references"
            )
        targets = tuple(fields.uint(id_size) for _ in range(count))
        references.append(Reference(child.type, source, targets))
    return references, version


def _parse_iprp(data: bytes | memoryview, box: Box) -> tuple[list[Box], list[AssociationTable]]:
    ipco = box.child(b"ipco")
    if ipco is None:
        raise CorruptImage(FMT, f"'iprp' at byte {box.offset} has no 'ipco' box")
    properties = list(ipco.children or ())
    tables = [
        _parse_ipma(data, child, len(properties))
        for child in box.children or ()
        if child.type == b"ipma"
    ]
    return properties, tables


def _parse_ipma(data: bytes | memoryview, box: Box, property_count: int) -> AssociationTable:
    fields = Fields(data, box, FMT)
    version, flags = fields.version_flags()
    count = fields.uint(4)
    if count > MAX_ITEMS:
        raise CorruptImage(
            FMT, f"'ipma' at byte {box.offset} lists {count} items, over {MAX_ITEMS}"
        )
    wide = flags & 1
    index_mask, index_size = (0x7FFF, 2) if wide else (0x7F, 1)
    essential_bit = index_mask + 1
    entries = []
    for _ in range(count):
        item_id = fields.uint(2 if version < 1 else 4)
        assocs = []
        for _ in range(fields.uint(1)):
            raw = fields.uint(index_size)
            index = raw & index_mask
            if index > property_count:
                raise CorruptImage(
                    FMT,
                    f"'ipma' at byte {box.offset} gives item {item_id} property {index}, "
                    f"but 'ipco' holds {property_count}",
                )
            if index:  # 0 means "no property"
                assocs.append(Association(index, bool(raw & essential_bit)))
        entries.append((item_id, tuple(assocs)))
    return AssociationTable(version, flags, tuple(entries))


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace")
