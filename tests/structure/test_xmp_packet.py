"""The XMP packet parser both XMP readers share: tolerant of wrappers, defused, and
never raising."""

from __future__ import annotations

from thinktwice.structure import xmp_packet

PACKET = (
    b'<?xpacket begin="\xef\xbb\xbf" id="W5M0MpCehiHzreSzNTczkc9d"?>'
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF'
    b' xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/></x:xmpmeta>'
    b'<?xpacket end="w"?>'
)


def test_a_packet_is_read_in_its_xpacket_wrapper_with_padding_and_bytes_after() -> None:
    parsed = xmp_packet.parse(b"\n  " + PACKET + b" " * 2048 + b"\0\xff junk")
    assert parsed.root is not None and parsed.root.tag == "{adobe:ns:meta/}xmpmeta"
    assert parsed.problem == ""


def test_a_utf16_packet_is_read_whole() -> None:
    text = PACKET.decode("utf-8").replace('begin="\ufeff"', 'begin=""')
    parsed = xmp_packet.parse(text.encode("utf-16"))
    assert parsed.root is not None and parsed.root.tag == "{adobe:ns:meta/}xmpmeta"


def test_a_dtd_or_an_entity_is_refused_not_expanded() -> None:
    bomb = b'<!DOCTYPE x [<!ENTITY e "Alice">]><x:xmpmeta xmlns:x="adobe:ns:meta/">&e;</x:xmpmeta>'
    assert xmp_packet.parse(bomb) == xmp_packet.Parsed(None, xmp_packet.REFUSED)


def test_malformed_xml_is_named_with_the_parsers_reason() -> None:
    parsed = xmp_packet.parse(b"<x:xmpmeta><unclosed")
    assert parsed.root is None
    assert parsed.problem.startswith("XMP is not well-formed XML: ")


def test_a_packet_over_16_mib_is_not_parsed() -> None:
    parsed = xmp_packet.parse(b" " * (xmp_packet.MAX_PACKET + 1))
    assert parsed == xmp_packet.Parsed(
        None, "XMP packet of 16,777,217 bytes is over the 16 MiB limit"
    )
