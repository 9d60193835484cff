"""HEIF's containers: the item boxes hold children, iinf's sized by its version."""

from __future__ import annotations

import struct

import pytest

from thinktwice.formats.heif.boxes import parse
from thinktwice.structure.boxes import make_box, make_full_box


def raw(box_type: bytes, payload: bytes) -> bytes:
    return struct.pack(">I4s", 8 + len(payload), box_type) + payload


HDLR = make_full_box(b"hdlr", 0, 0, bytes(4), b"pict", bytes(13))
IPRP = make_box(b"iprp", make_box(b"ipco", raw(b"ispe", bytes(12))))
SAMPLE = (
    raw(b"ftyp", b"heic\0\0\0\0mif1heic")
    + make_full_box(b"meta", 0, 0, HDLR, IPRP)
    + raw(b"mdat", b"pixels")
)


def test_known_containers_are_parsed_to_their_leaves() -> None:
    _, meta, _ = parse(SAMPLE, 0, len(SAMPLE), "HEIF")
    assert [b.type for b in meta.children or ()] == [b"hdlr", b"iprp"]
    iprp = meta.child(b"iprp")
    assert iprp is not None
    ipco = iprp.child(b"ipco")
    assert ipco is not None and [b.type for b in ipco.children or ()] == [b"ispe"]
    hdlr = meta.child(b"hdlr")
    assert hdlr is not None and hdlr.children is None


@pytest.mark.parametrize("version, skip", [(0, 2), (1, 4)])
def test_iinf_children_follow_an_entry_count_sized_by_version(version: int, skip: int) -> None:
    infe = make_full_box(b"infe", 2, 0, b"\0\1\0\0hvc1\0")
    data = make_full_box(b"iinf", version, 0, (1).to_bytes(skip, "big"), infe)
    (iinf,) = parse(data, 0, len(data), "HEIF")
    assert [b.type for b in iinf.children or ()] == [b"infe"]
