"""Where a Matroska file's parts are: the EBML header, one Segment, and its top-level elements.

A file is an EBML header (its DocType says "webm" or "matroska") then a Segment,
whose children are the top-level elements: SeekHead (an index of where the others
are), Info, Tracks, Chapters, Clusters (the frames), Cues (where the key frames
are), Attachments and Tags, in any order. Positions in SeekHead and Cues count from
the Segment's data start. Only headers are read here: a Cluster of known size is
stepped over; one of unknown size (a live recording) is walked child by child.

What the cleaner cannot edit safely is refused here, named: a DocType or an EBML
version it does not know, ids or sizes wider than EBML allows, an unknown size on
anything but the Segment or a Cluster, a second Segment. A live recording (a Segment
of unknown size) cut short, as when the browser writing it stopped, ends in a Cluster
cut short: it is taken as it is, up to the end of the file, and copied so.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...errors import CorruptImage, UnsupportedFormat
from ...structure.boxes import Readable
from . import ids
from .ebml import FORMAT, Element, children, header, text, uint

DOC_TYPES = {"webm": "webm", "matroska": "mkv"}
MAX_HEADER = 4096  # an EBML header is a few dozen bytes
MAX_TOP_LEVEL = 1 << 20  # Clusters included


@dataclass(frozen=True, slots=True)
class Layout:
    """The parts of a Matroska file; `top` the Segment's children, in file order."""

    kind: str
    header: Element
    segment: Element
    top: tuple[Element, ...]
    end: int  # where the Segment ends: what follows is not Matroska

    def first(self, ident: int) -> Element | None:
        """The first top-level element with id `ident`."""
        return next((e for e in self.top if e.id == ident), None)


def load(data: Readable) -> Layout:
    """The layout of `data`; `CorruptImage` or `UnsupportedFormat` naming what is wrong."""
    size = len(data)
    head = header(data, 0, size)
    if head.id != ids.EBML:
        raise CorruptImage(FORMAT, f"the file starts with {ids.name(head.id)}, not an EBML header")
    if not head.known or head.size > MAX_HEADER:
        raise CorruptImage(FORMAT, f"the EBML header claims {head.size:,} bytes")
    kind = _check_header(data, head)
    segment = header(data, head.end, size)
    while segment.id in (ids.VOID, ids.CRC32) and segment.known:  # filler before it: dropped
        segment = header(data, segment.end, size)
    if segment.id != ids.SEGMENT:
        raise CorruptImage(
            FORMAT, f"the EBML header is followed by {ids.name(segment.id)}, not a Segment"
        )
    top = _top_level(data, segment)
    end = top[-1].end if not segment.known and top else segment.end
    if segment.known:
        _no_second_segment(data, segment.end, size)
    return Layout(kind, head, segment, tuple(top), end)


def unknown_cluster(data: Readable) -> int | None:
    """Where the first Cluster of unknown size starts (a live recording's), if any. Only
    top-level headers are read, up to it: its end can only be found by walking its blocks,
    which a file sent in part does not hold."""
    size = len(data)
    element = header(data, 0, size)
    while element.known and element.end < size:
        element = header(data, element.end, size)
        if element.id == ids.SEGMENT:
            break
    if element.id != ids.SEGMENT:
        return None
    pos, limit = element.start, element.end
    while pos < limit:
        try:
            top = header(data, pos, limit, "the Segment")
        except CorruptImage:
            return None  # named by `load`
        if not top.known:
            return pos if top.id == ids.CLUSTER else None
        pos = top.end
    return None


def _check_header(data: Readable, head: Element) -> str:
    values: dict[int, int | str] = {}
    for child in children(data, head, 0, "the EBML header"):
        values[child.id] = text(data, child) if child.id == ids.DOC_TYPE else uint(data, child)
    doc_type = str(values.get(ids.DOC_TYPE, "matroska"))
    if doc_type not in DOC_TYPES:
        raise UnsupportedFormat(f"an EBML file of DocType {doc_type!r}",
                                f"Unsupported format: an EBML file of DocType {doc_type!r} "
                                "(not Matroska or WebM).")  # fmt: skip
    limits = (
        (ids.EBML_READ_VERSION, "EBMLReadVersion", 1),
        (ids.EBML_MAX_ID_LENGTH, "EBMLMaxIDLength", 4),
        (ids.EBML_MAX_SIZE_LENGTH, "EBMLMaxSizeLength", 8),
        (ids.DOC_TYPE_READ_VERSION, "DocTypeReadVersion", 4),
    )
    for ident, label, most in limits:
        value = values.get(ident, 1)
        if not isinstance(value, int) or value > most:
            raise _refused(f"its EBML header's {label} is {value} (at most {most} is read)")
    return DOC_TYPES[doc_type]


def _top_level(data: Readable, segment: Element) -> list[Element]:
    top: list[Element] = []
    pos, limit = segment.start, segment.end
    while pos < limit:
        try:
            element = header(data, pos, limit, "the Segment")
        except CorruptImage:
            if segment.known or not _cluster_id_at(data, pos, limit):
                raise
            element = Element(ids.CLUSTER, pos, pos, limit)  # cut short: the rest of the file
        if element.id == ids.EBML and not segment.known:
            raise _refused("it holds more than one Segment (a chained file)")
        if not element.known:
            if element.id != ids.CLUSTER:
                raise _refused(f"its {ids.name(element.id)} at byte {pos} has an unknown size")
            element = _unknown_cluster(data, element, cut_short=not segment.known)
        top.append(element)
        if len(top) > MAX_TOP_LEVEL:
            raise _refused(f"it has more than {MAX_TOP_LEVEL:,} top-level elements")
        pos = element.end
    return top


def _cluster_id_at(data: Readable, pos: int, limit: int) -> bool:
    return bytes(data[pos : min(pos + 4, limit)]) == ids.CLUSTER.to_bytes(4, "big")


def _unknown_cluster(data: Readable, cluster: Element, cut_short: bool) -> Element:
    """An unknown-size Cluster ends at the first element that is not one of its children
    (or, `cut_short` allowed, at the end of the file where its last child is cut)."""
    pos = cluster.start
    while pos < cluster.end:
        try:
            child = header(data, pos, cluster.end, f"the Cluster at byte {cluster.offset}")
        except CorruptImage:
            if not cut_short:
                raise
            return Element(cluster.id, cluster.offset, cluster.start, cluster.end, known=False)
        if child.id not in ids.CLUSTER_CHILDREN:
            break
        if not child.known:
            raise _refused(f"the Cluster at byte {cluster.offset} holds an unknown-size element")
        pos = child.end
    return Element(cluster.id, cluster.offset, cluster.start, pos, known=False)


def _no_second_segment(data: Readable, pos: int, size: int) -> None:
    if size - pos >= 4 and bytes(data[pos : pos + 4]) == ids.EBML.to_bytes(4, "big"):
        raise _refused("it holds more than one Segment (a chained file)")


def _refused(reason: str) -> UnsupportedFormat:
    return UnsupportedFormat(
        "a Matroska file ThinkTwice cannot edit safely",
        f"This Matroska/WebM video cannot be cleaned safely: {reason}.",
    )
