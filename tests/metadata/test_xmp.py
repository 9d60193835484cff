"""XMP decoding: exiftool-style flattening, and packets that try to hurt the parser."""

from __future__ import annotations

import time
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.images import EMAIL, PERSON, PHONE, encode, photo, with_metadata
from tests.support.mutation import overwrite
from thinktwice.metadata import xmp

from .builders import jpeg_blocks

REFUSED = "XMP refused: it declares a DTD/entities"


@cache
def exiftool_packet() -> bytes:
    return jpeg_blocks(with_metadata(encode(photo(), "JPEG"), ".jpg")).xmp


def triples(data: xmp.XmpData) -> set[tuple[str, str, object]]:
    return {(t.group, t.name, t.value) for t in data.tags}


@pytest.mark.parametrize(
    ("group", "name", "value"),
    [
        ("XMP-dc", "Creator", (PERSON,)),
        ("XMP-dc", "Description", "Holiday at home"),
        ("XMP-iptcCore", "CreatorContactInfoCiEmailWork", EMAIL),
        ("XMP-iptcCore", "CreatorContactInfoCiTelWork", PHONE),
        ("XMP-iptcCore", "CreatorContactInfoCiAdrExtadr", "12 Rue Example"),
        ("XMP-photoshop", "City", "Vanves"),
        ("XMP-photoshop", "Country", "France"),
        ("XMP-xmpMM", "DocumentID", "xmp.did:7f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b"),
        ("XMP-xmpMM", "HistorySoftwareAgent", ("Adobe Photoshop 25.0 (Windows)",)),
        ("XMP-xmpMM", "HistoryAction", ("saved",)),
        ("XMP-xmp", "CreatorTool", "Adobe Photoshop 25.0 (Windows)"),
    ],
)
def test_exiftool_written_packet_decodes_with_exiftool_names(
    group: str, name: str, value: object
) -> None:
    assert (group, name, value) in triples(xmp.decode(exiftool_packet()))


def test_exiftool_written_packet_names_its_toolkit() -> None:
    (toolkit,) = [t for t in xmp.decode(exiftool_packet()).tags if t.name == "XMPToolkit"]
    assert toolkit.group == "XMP-x"
    assert toolkit.value.startswith("Image::ExifTool")


HAND_WRITTEN = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:stEvt="http://ns.adobe.com/xap/1.0/sType/ResourceEvent#"
    xmlns:stRef="http://ns.adobe.com/xap/1.0/sType/ResourceRef#"
    xmlns:mwg-rs="http://www.metadataworkinggroup.com/schemas/regions/"
    xmlns:stArea="http://ns.adobe.com/xmp/sType/Area#"
    xmlns:exifEX="http://cipa.jp/exif/1.0/"
    xmlns:GCamera="http://ns.google.com/photos/1.0/camera/"
    xmlns:acme="http://example.com/acme/1.0/"
    xmp:CreatorTool="Camera Firmware 1.0"
    exifEX:BodySerialNumber="BODY-123"
    GCamera:MotionPhoto="1">
   <dc:subject><rdf:Bag><rdf:li>home</rdf:li><rdf:li>private</rdf:li></rdf:Bag></dc:subject>
   <dc:title>
    <rdf:Alt>
     <rdf:li xml:lang="fr-FR">Chez nous</rdf:li>
     <rdf:li xml:lang="x-default">At home</rdf:li>
    </rdf:Alt>
   </dc:title>
   <dc:rights><rdf:Description><rdf:value>All mine</rdf:value></rdf:Description></dc:rights>
   <xmpMM:History>
    <rdf:Seq>
     <rdf:li stEvt:action="created" stEvt:softwareAgent="Editor 1"/>
     <rdf:li rdf:parseType="Resource">
      <stEvt:action>saved</stEvt:action>
      <stEvt:softwareAgent>Editor 2</stEvt:softwareAgent>
      <stEvt:changed>/metadata</stEvt:changed>
     </rdf:li>
    </rdf:Seq>
   </xmpMM:History>
   <xmpMM:DerivedFrom stRef:documentID="doc-1" stRef:instanceID="inst-1"/>
   <mwg-rs:Regions rdf:parseType="Resource">
    <mwg-rs:RegionList>
     <rdf:Bag>
      <rdf:li>
       <rdf:Description mwg-rs:Name="Alice" mwg-rs:Type="Face">
        <mwg-rs:Area stArea:x="0.5" stArea:y="0.25"/>
       </rdf:Description>
      </rdf:li>
      <rdf:li rdf:parseType="Resource">
       <mwg-rs:Name>Bob</mwg-rs:Name>
       <mwg-rs:Type>Face</mwg-rs:Type>
      </rdf:li>
     </rdf:Bag>
    </mwg-rs:RegionList>
   </mwg-rs:Regions>
   <xmpMM:OriginalDocumentID rdf:resource="uuid:original"/>
   <acme:Owner>C:\\Users\\alice\\Pictures</acme:Owner>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""".encode()


@pytest.mark.parametrize(
    ("group", "name", "value"),
    [
        ("XMP-xmp", "CreatorTool", "Camera Firmware 1.0"),  # an attribute
        ("XMP-exifEX", "SerialNumber", "BODY-123"),  # renamed as exiftool does
        ("XMP-GCamera", "MotionPhoto", "1"),
        ("XMP-dc", "Subject", ("home", "private")),  # a Bag
        ("XMP-dc", "Title", "At home"),  # Alt: x-default first
        ("XMP-dc", "Title-fr-FR", "Chez nous"),
        ("XMP-dc", "Rights", "All mine"),  # rdf:value in a nested Description
        ("XMP-xmpMM", "HistoryAction", ("created", "saved")),  # a Seq of structs
        ("XMP-xmpMM", "HistorySoftwareAgent", ("Editor 1", "Editor 2")),
        ("XMP-xmpMM", "HistoryChanged", ("/metadata",)),
        ("XMP-xmpMM", "DerivedFromDocumentID", "doc-1"),  # struct fields as attributes
        ("XMP-xmpMM", "DerivedFromInstanceID", "inst-1"),
        ("XMP-mwg-rs", "RegionsRegionListName", ("Alice", "Bob")),
        ("XMP-mwg-rs", "RegionsRegionListType", ("Face", "Face")),
        ("XMP-mwg-rs", "RegionsRegionListAreaX", ("0.5",)),
        ("XMP-xmpMM", "OriginalDocumentID", "uuid:original"),  # rdf:resource
        ("XMP-acme", "Owner", "C:\\Users\\alice\\Pictures"),  # unknown: the document's prefix
    ],
)
def test_hand_written_structures_flatten_like_exiftool(
    group: str, name: str, value: object
) -> None:
    assert (group, name, value) in triples(xmp.decode(HAND_WRITTEN))


def test_hand_written_packet_decodes_without_problems() -> None:
    assert xmp.decode(HAND_WRITTEN).problems == []


def test_padding_and_bytes_after_the_packet_are_ignored() -> None:
    padded = HAND_WRITTEN.replace(b'<?xpacket end="w"?>', b" " * 2048 + b'<?xpacket end="w"?>')
    assert xmp.decode(padded + b"\0\0\xff\xd9").tags == xmp.decode(HAND_WRITTEN).tags


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-16-le"])
def test_utf16_packets_decode(encoding: str) -> None:
    packet = HAND_WRITTEN.decode().encode(encoding)
    assert ("XMP-dc", "Subject", ("home", "private")) in triples(xmp.decode(packet))


def test_a_bare_rdf_element_is_enough() -> None:
    packet = (
        b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        b'<rdf:Description xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"'
        b' photoshop:City="Vanves"/></rdf:RDF>'
    )
    assert triples(xmp.decode(packet)) == {("XMP-photoshop", "City", "Vanves")}


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF
 xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description
 xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>&lol9;</dc:title>
</rdf:Description></rdf:RDF></x:xmpmeta>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF
 xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description
 xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>&secret;</dc:title>
</rdf:Description></rdf:RDF></x:xmpmeta>"""

DTD_ONLY = b'<!DOCTYPE x SYSTEM "http://example.com/x.dtd"><x:xmpmeta xmlns:x="adobe:ns:meta/"/>'


@pytest.mark.parametrize(
    ("packet", "problem"),
    [
        (BILLION_LAUGHS, REFUSED),
        (EXTERNAL_ENTITY, REFUSED),
        (DTD_ONLY, REFUSED),
        (BILLION_LAUGHS.decode().encode("utf-16"), REFUSED),  # past the byte-level pre-check
        (BILLION_LAUGHS.replace(b"<!DOCTYPE", b"<!doctype"), REFUSED),
    ],
    ids=["billion-laughs", "external-entity", "dtd", "utf-16", "lowercase-doctype"],
)
def test_dtds_and_entities_are_refused_never_expanded(packet: bytes, problem: str) -> None:
    start = time.perf_counter()
    data = xmp.decode(packet)
    assert time.perf_counter() - start < 0.5
    assert data.tags == []
    assert data.problems[0].startswith(problem)


@pytest.mark.parametrize(
    ("packet", "reason"),
    [
        (b"<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF>", "not well-formed"),
        (b"\xff\xfe\x00garbage", "not well-formed"),
        (b"", "not well-formed"),
        (b"<a>" * 10 + b"</a>" * 9, "not well-formed"),
    ],
)
def test_malformed_xml_is_a_problem(packet: bytes, reason: str) -> None:
    data = xmp.decode(packet)
    assert data.tags == []
    assert reason in data.problems[0]


def test_packets_over_16_mib_are_not_parsed() -> None:
    data = xmp.decode(b" " * (16 * 1024 * 1024 + 1))
    assert data.tags == []
    assert "16 MiB" in data.problems[0]


def test_deep_nesting_is_cut_and_reported() -> None:
    depth = 5000
    inner = b"<dc:x rdf:parseType='Resource'>" * depth + b"<dc:y>deep</dc:y>" + b"</dc:x>" * depth
    packet = (
        b"<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'"
        b" xmlns:dc='http://purl.org/dc/elements/1.1/'><rdf:Description>"
        + inner
        + b"</rdf:Description></rdf:RDF>"
    )
    data = xmp.decode(packet)
    assert data.tags == []
    assert "deeper than" in data.problems[0]


@settings(max_examples=300, deadline=500, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2048))
def test_random_bytes_never_raise(packet: bytes) -> None:
    xmp.decode(packet)
    xmp.decode(b"<x:xmpmeta xmlns:x='adobe:ns:meta/'>" + packet)


@settings(max_examples=300, deadline=500, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 255)), min_size=1, max_size=8))
def test_mutated_packets_never_raise(mutations: list[tuple[int, int]]) -> None:
    xmp.decode(overwrite(HAND_WRITTEN, mutations))
