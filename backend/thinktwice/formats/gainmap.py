"""HDR gain maps: the XMP they need, kept; everything else in their XMP, gone.

A gain map is a small greyscale picture that tells an HDR screen how much brighter
each part of the photo may be drawn. It is the same scene as the photo at a lower
resolution, so it reveals nothing the photo does not, and it is kept (de-identified)
unless the person asks for it to go. Its parameters live in XMP:

- Ultra HDR / Adobe gain maps: `hdrgm:*` (Version, GainMapMin, GainMapMax, Gamma,
  OffsetSDR, OffsetHDR, HDRCapacityMin, HDRCapacityMax, BaseRenditionIsHDR): numbers
  or booleans, a single value or an `rdf:Seq` of three (one per channel). The primary
  image's XMP also holds Google's GContainer directory: one item per image in the
  file (Semantic "Primary" or "GainMap", its Mime and, after the primary, its Length).
- Apple gain maps: `HDRGainMap:HDRGainMapVersion` and Apple's pixel data info
  (`apdi:AuxiliaryImageType` naming the map, `apdi:NativeFormat`...).

`read_packet` reads those properties, and only values that are numbers,
booleans or Apple's auxiliary-image URNs (a "version" holding a name would be a way
around the cleaner); gainmap_writer.py writes them into a fresh packet;
`Packet.residue` names what else a packet holds, for the re-read check. Packets are
parsed by structure/xmp_packet.py, defused (no DTD, no entities).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.etree.ElementTree import Element

from ..structure import xmp_packet

HDRGM = "http://ns.adobe.com/hdr-gain-map/1.0/"
APPLE_GAIN_MAP = "http://ns.apple.com/HDRGainMap/1.0/"
APPLE_PIXEL_INFO = "http://ns.apple.com/pixeldatainfo/1.0/"
CONTAINER = "http://ns.google.com/photos/1.0/container/"
ITEM = "http://ns.google.com/photos/1.0/container/item/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
# Namespaces whose every property a gain map may keep, and the prefixes written.
PREFIXES = {HDRGM: "hdrgm", APPLE_GAIN_MAP: "HDRGainMap", APPLE_PIXEL_INFO: "apdi"}
APPLE_GAIN_MAP_URN = "urn:com:apple:photo:2020:aux:hdrgainmap"
GAIN_MAP_SEMANTIC = "GainMap"
MAX_PACKET = 1 << 20  # a gain map's XMP is a few hundred bytes
MAX_VALUES = 4  # one value, or one per colour channel

_VALUE = re.compile(
    r"[+-]?(\d{1,20}(\.\d{0,20})?|\.\d{1,20})([eE][+-]?\d{1,3})?|True|False|true|false"
    r"|urn:com:apple:photo:\d{4}:aux:[a-z]{1,40}"
)
_DESCRIPTION = f"{{{RDF}}}Description"
_ABOUT = f"{{{RDF}}}about"
_RDF_ROOT = f"{{{RDF}}}RDF"
_SEQ = f"{{{RDF}}}Seq"
_LI = f"{{{RDF}}}li"
_DIRECTORY = f"{{{CONTAINER}}}Directory"
_ITEM = f"{{{CONTAINER}}}Item"
_PARSE_TYPE = f"{{{RDF}}}parseType"
ITEM_FIELDS = frozenset({"Semantic", "Mime", "Length", "Padding"})
# The root elements of an XMP packet.
_ROOTS = frozenset({"{adobe:ns:meta/}xmpmeta", "{adobe:ns:meta/}xapmeta", _RDF_ROOT})

_LENGTH = re.compile(r"[0-9]{1,12}")
_VERSION = re.compile(r"[0-9.]+")
# Names for the namespaces residue is most often found in.
_OTHER_PREFIXES = {
    "adobe:ns:meta/": "x",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://ns.adobe.com/xap/1.0/": "xmp",
    CONTAINER: "Container",
}

_GAIN_MAP_WORDS = (HDRGM.encode(), APPLE_GAIN_MAP.encode(), APPLE_GAIN_MAP_URN.encode())

Value = str | tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Property:
    """One gain-map property: namespace URI, local name, its text or per-channel texts."""

    namespace: str
    name: str
    value: Value


@dataclass(frozen=True, slots=True)
class DirectoryItem:
    """One GContainer directory entry: what the image is, its type and (after the
    primary) its length in bytes."""

    semantic: str
    mime: str
    length: int | None = None


@dataclass(frozen=True, slots=True)
class Packet:
    """An XMP packet read once: its gain-map properties (well-formed values only, in
    order), its GContainer directories, and the names of everything else in it."""

    properties: tuple[Property, ...]
    directories: tuple[tuple[DirectoryItem, ...], ...]
    others: tuple[str, ...]

    @property
    def describes_gain_map(self) -> bool:
        """Whether it is a gain map's XMP (an hdrgm version, Apple's map type)."""
        return any(
            (p.namespace, p.name) == (HDRGM, "Version")
            or p.namespace == APPLE_GAIN_MAP
            or (p.namespace == APPLE_PIXEL_INFO and p.value == APPLE_GAIN_MAP_URN)
            for p in self.properties
        )

    @property
    def announces_gain_map(self) -> bool:
        """Whether a primary image's directory lists a gain map."""
        return any(i.semantic == GAIN_MAP_SEMANTIC for d in self.directories for i in d)

    @property
    def residue(self) -> list[str]:
        """What it holds besides gain-map properties and a directory of a primary image
        and its gain maps ("XMP (unreadable)" when it cannot be read)."""
        left = list(self.others)
        if any(
            i.semantic not in ("Primary", GAIN_MAP_SEMANTIC) for d in self.directories for i in d
        ):
            left.append("XMP Container:Directory (items other than gain maps)")
        return left


def may_describe_gain_map(packet: bytes) -> bool:
    """Whether the packet names a gain-map namespace or type at all: a byte search
    that spares parsing the XMP of every other picture."""
    return any(word in packet for word in _GAIN_MAP_WORDS)


def read_packet(packet: bytes) -> Packet:
    """What `packet` holds, sorted for gain maps (see `Packet`)."""
    found = _properties(packet)
    return Packet(
        tuple(f for f in found if isinstance(f, Property)),
        tuple(f for f in found if isinstance(f, tuple)),
        tuple(f for f in found if isinstance(f, str)),
    )


Found = Property | tuple[DirectoryItem, ...] | str  # a str names a property not kept


def _properties(packet: bytes) -> list[Found]:
    """Every top-level property of the packet's rdf:Description elements: a gain-map
    Property, a GContainer directory, or the name of anything else."""
    root = _parse(packet)
    if root is None:
        return ["XMP (unreadable)"]
    # The packet's own attributes (x:xmptk names the software that wrote it).
    found: list[Found] = [_name(key) for key in root.attrib]
    for rdf in root.iter(_RDF_ROOT):
        for node in rdf:
            if node.tag != _DESCRIPTION:  # a typed node: not what gain maps write
                found.append(_name(node.tag))
                continue
            for key, text in node.attrib.items():
                if key != _ABOUT:
                    found.append(_simple(key, text))
            found.extend(_element(child) for child in node)
    return found


def _simple(key: str, text: str) -> Found:
    namespace, name = _split(key)
    if namespace in PREFIXES and _VALUE.fullmatch(text.strip()):
        return Property(namespace, name, text.strip())
    return _name(key)


def _element(child: Element) -> Found:
    namespace, name = _split(child.tag)
    if child.tag == _DIRECTORY:
        return _directory_items(child) or _name(child.tag)
    if namespace not in PREFIXES or child.attrib:
        return _name(child.tag)
    if len(child) == 0:
        return _simple(child.tag, child.text or "")
    seq = child[0]
    values = tuple((li.text or "").strip() for li in seq)
    if (
        len(child) == 1
        and seq.tag == _SEQ
        and 0 < len(values) <= MAX_VALUES
        and all(li.tag == _LI and len(li) == 0 and not li.attrib for li in seq)
        and all(_VALUE.fullmatch(v) for v in values)
    ):
        return Property(namespace, name, values)
    return _name(child.tag)


def _directory_items(directory: Element) -> tuple[DirectoryItem, ...]:
    """The directory's items, or () when it holds anything but plain items.

    An item's fields are attributes (as cameras write them) or child elements of a
    `rdf:parseType="Resource"` item (as exiftool rewrites them).
    """
    items = []
    for seq in directory:
        for li in seq:
            entries = list(li)
            if seq.tag != _SEQ or len(entries) != 1 or entries[0].tag != _ITEM:
                return ()
            fields = _item_fields(entries[0])
            if fields is None or set(fields) - ITEM_FIELDS:
                return ()
            length = fields.get("Length", "")
            items.append(
                DirectoryItem(
                    fields.get("Semantic", ""),
                    fields.get("Mime", ""),
                    int(length) if _LENGTH.fullmatch(length) else None,
                )
            )
    return tuple(items)


def _item_fields(item: Element) -> dict[str, str] | None:
    """A directory item's fields by local name; None if it holds anything else."""
    fields = {}
    for key, value in item.attrib.items():
        namespace, name = _split(key)
        if namespace == ITEM:
            fields[name] = value
        elif key != _PARSE_TYPE:
            return None
    for child in item:
        namespace, name = _split(child.tag)
        if namespace != ITEM or len(child) or child.attrib:
            return None
        fields[name] = (child.text or "").strip()
    return fields


def _parse(packet: bytes) -> Element | None:
    # An XMP root only: other XML would hide what it holds from `_properties`.
    if len(packet) > MAX_PACKET:
        return None
    root = xmp_packet.parse(packet).root
    return root if root is not None and root.tag in _ROOTS else None


def _split(key: str) -> tuple[str, str]:
    if key.startswith("{"):
        namespace, _, name = key[1:].partition("}")
        return namespace, name
    return "", key


def _name(key: str) -> str:
    """How the re-read check names a property: "XMP dc:creator"."""
    namespace, name = _split(key)
    prefix = PREFIXES.get(namespace) or _OTHER_PREFIXES.get(namespace)
    if prefix is None:  # the namespace's last word that is not a version number
        words = [w for w in re.split(r"[/:#]", namespace) if w and not _VERSION.fullmatch(w)]
        prefix = words[-1] if words else "?"
    return f"XMP {prefix}:{name}"
