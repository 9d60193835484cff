"""The gain-map XMP vocabulary: what a packet keeps, what else it holds, how it is written."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from thinktwice.formats import gainmap, gainmap_writer
from thinktwice.formats.gainmap import APPLE_GAIN_MAP, HDRGM, DirectoryItem, Property

RDF = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"'


def packet(description: str, wrapper: str = "") -> bytes:
    return (
        f'<?xpacket begin=""?><x:xmpmeta xmlns:x="adobe:ns:meta/"{wrapper}><rdf:RDF {RDF}>'
        f'{description}</rdf:RDF></x:xmpmeta>  <?xpacket end="w"?>'
    ).encode()


GAIN_MAP = packet(
    f'<rdf:Description xmlns:hdrgm="{HDRGM}" hdrgm:Version="1.0" hdrgm:Gamma="1">'
    "<hdrgm:GainMapMax><rdf:Seq><rdf:li>2.1</rdf:li><rdf:li>2.2</rdf:li>"
    "<rdf:li>2.3</rdf:li></rdf:Seq></hdrgm:GainMapMax></rdf:Description>"
)


def test_gain_map_properties_are_read_as_attributes_and_sequences() -> None:
    assert gainmap.read_packet(GAIN_MAP).properties == (
        Property(HDRGM, "Version", "1.0"),
        Property(HDRGM, "Gamma", "1"),
        Property(HDRGM, "GainMapMax", ("2.1", "2.2", "2.3")),
    )
    assert gainmap.read_packet(GAIN_MAP).describes_gain_map
    assert gainmap.read_packet(GAIN_MAP).residue == []


@pytest.mark.parametrize("elements", [False, True])
def test_a_kept_packet_reads_back_the_same_and_holds_nothing_else(elements: bool) -> None:
    properties = list(gainmap.read_packet(GAIN_MAP).properties)
    directory = (DirectoryItem("Primary", "image/jpeg"), DirectoryItem("GainMap", "image/jpeg", 9))
    kept = gainmap_writer.kept_xmp(properties, directory, elements=elements)
    read = gainmap.read_packet(kept)
    assert list(read.properties) == properties
    assert read.announces_gain_map and read.residue == []


@pytest.mark.parametrize(
    ("description", "named"),
    [
        ('<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="Alice"/>',
         "XMP dc:creator"),
        (f'<rdf:Description xmlns:hdrgm="{HDRGM}" hdrgm:Version="Alice Example"/>',
         "XMP hdrgm:Version"),
        (f'<rdf:Description xmlns:a="{APPLE_GAIN_MAP}"><a:HDRGainMapVersion>'
         "<rdf:Bag><rdf:li>x</rdf:li></rdf:Bag></a:HDRGainMapVersion></rdf:Description>",
         "XMP HDRGainMap:HDRGainMapVersion"),
        ('<rdf:Description xmlns:C="http://ns.google.com/photos/1.0/container/" '
         'xmlns:I="http://ns.google.com/photos/1.0/container/item/"><C:Directory><rdf:Seq>'
         '<rdf:li><C:Item I:Semantic="MotionPhoto" I:Mime="video/mp4"/></rdf:li>'
         "</rdf:Seq></C:Directory></rdf:Description>",
         "XMP Container:Directory (items other than gain maps)"),
    ],
)  # fmt: skip
def test_anything_but_gain_map_properties_is_residue(description: str, named: str) -> None:
    read = gainmap.read_packet(packet(description))
    assert named in read.residue and read.properties == ()


def test_the_packet_toolkit_and_unreadable_packets_are_residue() -> None:
    assert gainmap.read_packet(packet("", ' x:xmptk="XMP Core 6.0.0"')).residue == ["XMP x:xmptk"]
    assert gainmap.read_packet(b"<x:xmpmeta><unclosed").residue == ["XMP (unreadable)"]
    entity = b'<!DOCTYPE x [<!ENTITY e "Alice">]><x:xmpmeta xmlns:x="adobe:ns:meta/"/>'
    assert gainmap.read_packet(entity).residue == ["XMP (unreadable)"]
    # XML that is not rooted in XMP hides what it holds from the property walk.
    wrapped = b'<note><x:xmpmeta xmlns:x="adobe:ns:meta/">Alice</x:xmpmeta></note>'
    assert gainmap.read_packet(wrapped).residue == ["XMP (unreadable)"]


@given(st.binary(max_size=300))
def test_any_bytes_give_an_answer_never_an_error(blob: bytes) -> None:
    data = b'<x:xmpmeta xmlns:x="adobe:ns:meta/">' + blob + b"</x:xmpmeta>"
    read = gainmap.read_packet(data)
    assert isinstance(read.residue, list) and isinstance(read.properties, tuple)
