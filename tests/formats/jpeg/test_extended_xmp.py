"""Extended XMP (APP1 "http://ns.adobe.com/xmp/extension/" chunks keyed by GUID): the
packet put back together is reported like any XMP, and a GUID that does not match
xmpNote:HasExtendedXMP, missing chunks or altered content are named as problems.
The file is written by exiftool, which moves what does not fit in 64 KB to the extension."""

from __future__ import annotations

import functools
import struct

from tests.findings.build import IMAGE
from tests.support.exiftool import assert_clean, write_tags
from thinktwice.models import Kind
from thinktwice.pipeline import inspect

EXTENSION = b"http://ns.adobe.com/xmp/extension/\x00"
LONG = "word " * 16000  # 80 KB: more than one APP1 segment holds


@functools.cache
def extended() -> bytes:
    """A JPEG whose long description exiftool moved to extended XMP."""
    return write_tags(
        IMAGE, ".jpg", f"-XMP-dc:Description={LONG}", "-XMP-dc:Creator=Anna Lindqvist"
    )


def segments(data: bytes) -> list[tuple[int, int]]:
    """(start, end) of each extended XMP APP1 segment."""
    out, pos = [], 2
    while data[pos + 1] != 0xDA:  # up to the first scan
        (length,) = struct.unpack_from(">H", data, pos + 2)
        if data[pos + 1] == 0xE1 and data.startswith(EXTENSION, pos + 4):
            out.append((pos, pos + 2 + length))
        pos += 2 + length
    return out


def guid(data: bytes) -> bytes:
    start, _ = segments(data)[0]
    return data[start + 4 + len(EXTENSION) : start + 4 + len(EXTENSION) + 32]


def test_the_extension_is_reported_like_the_main_packet() -> None:
    data = extended()
    assert len(segments(data)) == 2 and b"word word" not in data[: segments(data)[0][0]]
    report = inspect(data, pixels=False)
    found = {f.kind: f for f in report.findings}
    assert found[Kind.COMMENT].message.startswith("It contains a description: “word word")
    assert found[Kind.PERSON_NAME].message == "It names a person: Anna Lindqvist."
    assert report.problems == ()
    assert_clean(report.cleaned, ".jpg")


def test_an_extension_the_main_packet_does_not_name_is_a_problem_and_still_reported() -> None:
    data = extended()
    other = b"0" * 32
    named = b"<xmpNote:HasExtendedXMP>" + guid(data)
    assert named in data
    report = inspect(data.replace(named, b"<xmpNote:HasExtendedXMP>" + other), pixels=False)
    assert report.problems == (
        f"extended XMP {guid(data).decode()} is not the one the main XMP names "
        f"(xmpNote:HasExtendedXMP: {other.decode()}); readers skip it, its tags are "
        "reported anyway",
    )
    found = {f.kind: f for f in report.findings}
    assert found[Kind.COMMENT].message.startswith("It contains a description: “word word")
    assert b"word word" not in report.cleaned
    assert_clean(report.cleaned, ".jpg")


def test_a_missing_chunk_is_a_problem() -> None:
    data = extended()
    start, end = segments(data)[1]
    declared = int.from_bytes(data[start + 4 + len(EXTENSION) + 32 :][:4], "big")
    report = inspect(data[:start] + data[end:], pixels=False)
    dropped = end - start - 4 - len(EXTENSION) - 40  # the chunk after its headers
    assert report.problems[0] == (
        f"extended XMP {guid(data).decode()} has {declared - dropped} of its {declared} bytes"
    )
    assert report.problems[1].startswith("XMP is not well-formed XML")


def test_altered_content_does_not_match_its_guid() -> None:
    data = extended()
    start, end = segments(data)[0]
    at = data.index(b"word word", start, end)
    report = inspect(data[:at] + b"ward" + data[at + 4 :], pixels=False)
    assert report.problems == (
        f"extended XMP {guid(data).decode()} does not match its content (MD5)",
    )
