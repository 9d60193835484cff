"""XMP: RDF/XML packets, flattened into exiftool-style tags.

A packet is `<?xpacket begin?>`, an `x:xmpmeta` element holding `rdf:RDF`, whose
`rdf:Description` elements carry properties as attributes or child elements.
A property is simple text, a resource URI, a list (`rdf:Bag`/`rdf:Seq`), a
language alternative (`rdf:Alt`) or a struct (`rdf:parseType="Resource"`, a
nested `rdf:Description`, or fields written as attributes).

Tags follow `exiftool -G1`: group "XMP-" + the namespace's conventional prefix;
struct fields are named by joining the capitalised names along the path
(xmpMM:History/stEvt:action -> "HistoryAction"); lists give a tuple of str, one
value per item (for lists of structs, one per struct that has the field); Alt
gives the x-default text, other languages as "Name-<lang>".

Packets are parsed by structure/xmp_packet.py (defused: DTDs, entities and
external references are refused, never expanded; packets over 16 MiB too);
nesting deeper than 32 levels is refused here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from ..records import Tag
from ..structure import xmp_packet
from ..structure.xmp_packet import MAX_PACKET

MAX_DEPTH = 32
MAX_TAGS = 20000

RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
XML = "{http://www.w3.org/XML/1998/namespace}"
_LANG = XML + "lang"
_LISTS = (RDF + "Bag", RDF + "Seq")

# Namespace URI (without a trailing slash) -> exiftool's group suffix. Struct-only
# namespaces (stEvt, stRef, stArea...) never name a group: fields take the group
# of the property they sit in.
NAMESPACES: dict[str, str] = {
    "http://purl.org/dc/elements/1.1": "dc",
    "http://ns.adobe.com/xap/1.0": "xmp",
    "http://ns.adobe.com/xap/1.0/mm": "xmpMM",
    "http://ns.adobe.com/xap/1.0/rights": "xmpRights",
    "http://ns.adobe.com/xmp/1.0/DynamicMedia": "xmpDM",
    "http://ns.adobe.com/xap/1.0/bj": "xmpBJ",
    "http://ns.adobe.com/xap/1.0/t/pg": "xmpTPg",
    "http://ns.adobe.com/xmp/note": "xmpNote",
    "http://ns.adobe.com/photoshop/1.0": "photoshop",
    "http://iptc.org/std/Iptc4xmpCore/1.0/xmlns": "iptcCore",
    "http://iptc.org/std/Iptc4xmpExt/2008-02-29": "iptcExt",
    "http://ns.adobe.com/exif/1.0": "exif",
    "http://cipa.jp/exif/1.0": "exifEX",
    "http://ns.adobe.com/tiff/1.0": "tiff",
    "http://ns.adobe.com/exif/1.0/aux": "aux",
    "http://ns.adobe.com/camera-raw-settings/1.0": "crs",
    "http://ns.adobe.com/pdf/1.3": "pdf",
    "http://ns.adobe.com/lightroom/1.0": "lr",
    "http://ns.useplus.org/ldf/xmp/1.0": "plus",
    "http://creativecommons.org/ns#": "cc",
    "http://ns.google.com/photos/1.0/camera": "GCamera",
    "http://ns.google.com/photos/1.0/container": "GContainer",
    "http://ns.google.com/photos/dd/1.0/container": "Container",
    "http://ns.google.com/photos/dd/1.0/item": "Item",
    "http://ns.google.com/photos/1.0/depthmap": "GDepth",
    "http://ns.google.com/photos/1.0/image": "GImage",
    "http://ns.google.com/photos/1.0/panorama": "GPano",
    "http://www.metadataworkinggroup.com/schemas/regions": "mwg-rs",
    "http://www.metadataworkinggroup.com/schemas/keywords": "mwg-kw",
    "http://ns.microsoft.com/photo/1.2": "MP",
    "http://ns.microsoft.com/photo/1.0": "MicrosoftPhoto",
    "http://ns.apple.com/faceinfo/1.0": "apple-fi",
    "http://ns.adobe.com/hdr-gain-map/1.0": "hdrgm",
    "http://ns.adobe.com/xap/1.0/g/img": "xmpGImg",
    "http://prismstandard.org/namespaces/basic/2.0": "prism",
    "http://www.digikam.org/ns/1.0": "digiKam",
    "http://ns.acdsee.com/iptc/1.0": "acdsee",
}

# Where exiftool names a property differently from its XMP local name.
RENAMED: dict[tuple[str, str], str] = {
    ("exif", "PixelXDimension"): "ExifImageWidth",
    ("exif", "PixelYDimension"): "ExifImageHeight",
    ("exif", "ExposureBiasValue"): "ExposureCompensation",
    ("exif", "ISOSpeedRatings"): "ISO",
    ("exif", "FocalLengthIn35mmFilm"): "FocalLengthIn35mmFormat",
    ("exifEX", "BodySerialNumber"): "SerialNumber",
    ("exifEX", "CameraOwnerName"): "OwnerName",
    ("exifEX", "LensSpecification"): "LensInfo",
    ("tiff", "ImageLength"): "ImageHeight",
    ("tiff", "DateTime"): "ModifyDate",
    ("photoshop", "ICCProfile"): "ICCProfileName",
    ("crs", "Temperature"): "ColorTemperature",
    ("MicrosoftPhoto", "Rating"): "RatingPercent",
}
_TOOLKIT = "{adobe:ns:meta/}xmptk"

_DECLARATION = re.compile(rb"""xmlns:([\w.-]+)\s*=\s*["']([^"']*)["']""")


@dataclass(slots=True)
class XmpData:
    """The tags of one packet and what could not be read."""

    tags: list[Tag] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def decode(packet: bytes) -> XmpData:
    """Every property of an XMP packet as tags. Never raises for malformed input."""
    out = XmpData()
    parsed = xmp_packet.parse(packet)
    if parsed.root is None:
        out.problems.append(parsed.problem)
        return out
    root = parsed.root
    walker = _Walker(_prefixes(packet), out)
    if root.get(_TOOLKIT):
        walker.add("XMP-x", "XMPToolkit", root.get(_TOOLKIT, ""), False)
    rdfs = [root] if root.tag == RDF + "RDF" else root.iter(RDF + "RDF")
    for rdf in rdfs:
        for description in rdf.findall(RDF + "Description"):
            walker.top_level(description)
    out.tags = walker.tags()
    return out


def _prefixes(packet: bytes) -> dict[str, str]:
    """The document's own prefixes, for namespaces exiftool has no name for."""
    return {
        uri.decode("utf-8", "replace").rstrip("/"): prefix.decode("ascii", "replace")
        for prefix, uri in _DECLARATION.findall(packet[:MAX_PACKET])
    }


def _split(name: str) -> tuple[str, str]:
    """ "{uri}local" -> (uri, local)."""
    if name.startswith("{"):
        uri, _, local = name[1:].partition("}")
        return uri, local
    return "", name


def _cap(local: str) -> str:
    return local[:1].upper() + local[1:]


def _is_rdf_or_xml(name: str) -> bool:
    return name.startswith((RDF, XML)) or not name.startswith("{")


class _Walker:
    """Collects flattened values, keeping document order and list-ness."""

    def __init__(self, prefixes: dict[str, str], out: XmpData) -> None:
        self.prefixes, self.out = prefixes, out
        self.values: dict[tuple[str, str], list[str]] = {}
        self.lists: set[tuple[str, str]] = set()
        self.count = 0

    def group(self, uri: str) -> str:
        key = uri.rstrip("/")
        prefix = NAMESPACES.get(key) or self.prefixes.get(key) or "unknown"
        return "XMP-" + prefix

    def top_name(self, name: str) -> tuple[str, str]:
        """Group and exiftool name of a top-level property "{uri}local"."""
        uri, local = _split(name)
        group = self.group(uri)
        return group, RENAMED.get((group[4:], local)) or _cap(local)

    def add(self, group: str, name: str, value: str, in_list: bool) -> None:
        if self.count >= MAX_TAGS:
            return
        self.count += 1
        key = (group, name)
        self.values.setdefault(key, []).append(value)
        if in_list:
            self.lists.add(key)

    def tags(self) -> list[Tag]:
        out = []
        for (group, name), values in self.values.items():
            if (group, name) in self.lists:
                out.append(Tag(group, name, tuple(values)))
                continue
            distinct = tuple(dict.fromkeys(values))  # repeated in several Descriptions
            out.append(Tag(group, name, distinct if len(distinct) > 1 else distinct[0]))
        return out

    def too_deep(self, depth: int) -> bool:
        if depth <= MAX_DEPTH:
            return False
        problem = f"XMP nests deeper than {MAX_DEPTH} levels; the deeper part was skipped"
        if problem not in self.out.problems:
            self.out.problems.append(problem)
        return True

    def top_level(self, description: Element) -> None:
        """The properties of a top-level rdf:Description, each in its own group."""
        for attr, text in description.attrib.items():
            if not _is_rdf_or_xml(attr):
                self.add(*self.top_name(attr), text, False)
        for child in description:
            if not child.tag.startswith(RDF):
                self.property(child, *self.top_name(child.tag), 1, False)

    def property(self, el: Element, group: str, name: str, depth: int, in_list: bool) -> None:
        """One property element (or list item): text, resource, container or struct."""
        if self.too_deep(depth):
            return
        resource = el.get(RDF + "resource")
        if resource is not None:
            self.add(group, name, resource, in_list)
            return
        if el.get(RDF + "parseType") == "Resource":
            self.fields(el, group, name, depth, in_list)
            return
        children = list(el)
        if not children:
            if any(not _is_rdf_or_xml(attr) for attr in el.attrib):
                self.fields(el, group, name, depth, in_list)  # fields as attributes
            else:
                self.add(group, name, (el.text or "").strip(), in_list)
            return
        for child in children:
            if child.tag in _LISTS:
                for item in child.findall(RDF + "li"):
                    self.property(item, group, name, depth + 1, True)
            elif child.tag == RDF + "Alt":
                self.alternatives(child, group, name, depth + 1, in_list)
            elif child.tag == RDF + "Description":
                self.fields(child, group, name, depth + 1, in_list)
            else:  # struct fields without an rdf wrapper
                self.fields(el, group, name, depth, in_list)
                return

    def alternatives(self, alt: Element, group: str, name: str, depth: int, in_list: bool) -> None:
        """rdf:Alt: x-default (or the first item) under `name`, others as name-lang."""
        items = alt.findall(RDF + "li")
        items.sort(key=lambda li: li.get(_LANG, "x-default") != "x-default")
        for i, item in enumerate(items):
            lang = item.get(_LANG, "x-default")
            label = name if i == 0 or lang == "x-default" else f"{name}-{lang}"
            self.property(item, group, label, depth + 1, in_list)

    def fields(self, node: Element, group: str, prefix: str, depth: int, in_list: bool) -> None:
        """The fields of a struct: attributes and child elements, names prefixed."""
        if self.too_deep(depth):
            return
        for attr, text in node.attrib.items():
            if not _is_rdf_or_xml(attr):
                self.add(group, prefix + _cap(_split(attr)[1]), text, in_list)
        for child in node:
            if child.tag == RDF + "Description":
                self.fields(child, group, prefix, depth + 1, in_list)
                continue
            name = prefix if child.tag == RDF + "value" else prefix + _cap(_split(child.tag)[1])
            self.property(child, group, name, depth + 1, in_list)
