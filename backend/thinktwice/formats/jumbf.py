"""Where containers keep C2PA Content Credentials: the manifest store, a JUMBF superbox.

- JPEG: APP11 segments, each "JP", a box instance number (2 bytes), a packet
  sequence number (4 bytes), then the superbox; a store over 64 KB is split
  across several segments of one instance, each repeating the box header (ISO
  19566-5), so the pieces are joined in sequence order without the repeats.
- PNG: a 'caBX' chunk, WebP: a 'C2PA' chunk: the superbox as it is.
- ISOBMFF (HEIF, AVIF, MP4): a 'uuid' box with C2PA_UUID, a full box whose
  payload is a purpose ("manifest", or "merkle" for fragment hashes), an 8-byte
  offset, then the superbox.

A C2PA store is a 'jumb' superbox whose description box's type starts "c2pa".
"""

from __future__ import annotations

C2PA_UUID = bytes.fromhex("d8fec3d61b0e483c92975828877ec481")
APP11_ID = b"JP"
_APP11_HEADER = 8  # "JP", instance number, sequence number
_BMFF_OFFSET = 8  # after the purpose: the offset of the first auxiliary 'uuid' box


def is_manifest_store(data: bytes) -> bool:
    """Whether `data` starts with a C2PA manifest store: 'jumb' then a 'jumd' of type c2pa."""
    return data[4:8] == b"jumb" and data[12:16] == b"jumd" and data[16:20] == b"c2pa"


class App11Pieces:
    """The JUMBF pieces of a JPEG's APP11 segments, joined once all are seen."""

    def __init__(self) -> None:
        self._pieces: dict[bytes, dict[int, bytes]] = {}

    def add(self, payload: bytes) -> bool:
        """Keep one APP11 payload ("JP" first); False when it is too short to be one."""
        if len(payload) < _APP11_HEADER + 8 or not payload.startswith(APP11_ID):
            return False
        sequence = int.from_bytes(payload[4:8], "big")
        self._pieces.setdefault(payload[2:4], {})[sequence] = payload[_APP11_HEADER:]
        return True

    def stores(self) -> list[bytes]:
        """Each box instance's superbox, in the order the instances came."""
        out = []
        for pieces in self._pieces.values():
            ordered = [pieces[number] for number in sorted(pieces)]
            # Later pieces repeat the box header: LBox and TBox, plus XLBox when LBox is 1.
            joined = ordered[0] + b"".join(p[_box_header(p) :] for p in ordered[1:])
            out.append(joined)
        return out


def bmff_store(payload: bytes) -> bytes | None:
    """The manifest store in a C2PA 'uuid' box's payload (after the user type), or
    None when the box holds something else (a Merkle tree of fragment hashes)."""
    end = payload.find(b"\x00", 4)
    if end < 0 or payload[4:end] != b"manifest":
        return None
    return payload[end + 1 + _BMFF_OFFSET :]


def _box_header(piece: bytes) -> int:
    return 16 if piece[:4] == b"\x00\x00\x00\x01" else 8
