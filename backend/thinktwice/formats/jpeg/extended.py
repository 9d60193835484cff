"""Extended XMP: an XMP packet too big for one APP1 segment, split over many.

Each APP1 "http://ns.adobe.com/xmp/extension/" segment holds the GUID of the whole
extension (32 hex digits: the MD5 of the packet), the packet's full length, this
chunk's offset in it, then the chunk. The main XMP names the one extension it goes
with in xmpNote:HasExtendedXMP; readers (exiftool, Adobe's) ignore the others. Their
tags are still in the file, so every extension is handed to the XMP decoder, and a
mismatch is said as a problem: an extension the main XMP does not name, one whose
chunks do not add up to its length, one whose content is not its GUID's MD5.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# The GUID the main packet names, as an attribute or an element.
_NAMED = re.compile(rb"HasExtendedXMP\s*(?:=\s*[\"']|>)\s*([0-9A-Fa-f]{32})")


@dataclass(slots=True)
class ExtendedXmp:
    """The chunks of every extension seen, by GUID."""

    chunks: dict[bytes, dict[int, bytes]] = field(default_factory=dict)
    lengths: dict[bytes, int] = field(default_factory=dict)

    def add(self, guid: bytes, length: int, offset: int, chunk: bytes) -> None:
        """One segment's chunk of the extension `guid` (full `length` bytes)."""
        self.chunks.setdefault(guid, {})[offset] = chunk
        self.lengths.setdefault(guid, length)

    def packets(self, main: list[bytes]) -> tuple[list[bytes], list[str]]:
        """Each extension's packet put together, and what does not match in them."""
        if not self.chunks:
            return [], []
        # Imported here: OpenSSL's hashlib is ~3 ms of start-up, which only a file with an
        # extended XMP (few have one) needs.
        import hashlib

        named = {m.group(1).upper() for packet in main for m in _NAMED.finditer(packet)}
        packets, problems = [], []
        for guid, parts in self.chunks.items():
            packet = b"".join(parts[offset] for offset in sorted(parts))
            packets.append(packet)
            shown = guid.decode("latin-1")
            if guid.upper() not in named:
                which = ", ".join(sorted(n.decode() for n in named)) or "none"
                problems.append(
                    f"extended XMP {shown} is not the one the main XMP names "
                    f"(xmpNote:HasExtendedXMP: {which}); readers skip it, its tags are "
                    "reported anyway"
                )
            if len(packet) != self.lengths[guid]:
                problems.append(
                    f"extended XMP {shown} has {len(packet)} of its {self.lengths[guid]} bytes"
                )
            elif hashlib.md5(packet, usedforsecurity=False).hexdigest().upper() != shown.upper():
                problems.append(f"extended XMP {shown} does not match its content (MD5)")
        return packets, problems
