"""An XMP packet parsed into an XML tree: the one parser of everyone who reads XMP.

metadata/xmp.py reads what a packet says; formats/gainmap.py what a gain map's
packet keeps (and what else it holds, for the re-read check). Parsing is defused:
a DTD, entities and external references are refused, never expanded. The packet
is read from its first "<" to the end of its last markup, so padding and bytes
after the closing `<?xpacket end?>` do not break the parser; UTF-16 and UTF-32
packets (a BOM or NULs early on) are read whole.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

MAX_PACKET = 16 * 1024 * 1024
REFUSED = "XMP refused: it declares a DTD/entities"


@dataclass(frozen=True, slots=True)
class Parsed:
    """The packet's root element, or None and the reason it could not be read."""

    root: Element | None
    problem: str = ""


def parse(packet: bytes) -> Parsed:
    """The XML tree of `packet`. Never raises for malformed input."""
    if len(packet) > MAX_PACKET:
        return Parsed(None, f"XMP packet of {len(packet):,} bytes is over the 16 MiB limit")
    packet = bytes(packet)
    if b"<!DOCTYPE" in packet or b"<!ENTITY" in packet:
        return Parsed(None, REFUSED)
    try:
        root = SafeET.fromstring(
            _xml(packet), forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException:
        return Parsed(None, REFUSED)
    except (ParseError, ValueError, LookupError) as exc:
        return Parsed(None, f"XMP is not well-formed XML: {exc}")
    return Parsed(root)


def _xml(packet: bytes) -> bytes:
    if packet.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\0" in packet[:4]:
        return packet
    start = packet.find(b"<")
    end = packet.rfind(b">")
    return packet[max(start, 0) : end + 1]
