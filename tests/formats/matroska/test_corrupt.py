"""Bad Matroska input: a clear error naming what is wrong, never a crash, never a file
called clean that is not; what cannot be edited safely is refused with its reason."""

from __future__ import annotations

import random

import pytest

from tests.support.matroska import matroska_videos, packets  # noqa: F401 (a fixture)
from thinktwice.errors import CorruptImage, ThinkTwiceError, UnsupportedFormat
from thinktwice.formats import matroska
from thinktwice.formats.matroska import ids
from thinktwice.formats.matroska.ebml import element
from thinktwice.formats.matroska.layout import load
from thinktwice.pipeline import inspect

HEADER = element(ids.EBML, element(ids.DOC_TYPE, b"webm"))


def segment(*children: bytes) -> bytes:
    return HEADER + element(ids.SEGMENT, b"".join(children))


@pytest.mark.parametrize("name", ("mkv", "live", "unknown_clusters"))
def test_a_truncated_file_is_an_error_or_a_clean_copy_never_a_crash(matroska_videos, name):  # noqa: F811
    data = matroska_videos[name].read_bytes()
    for cut in (4, 20, 45, 60, 150, 400, 900, len(data) // 2, len(data) - 3):
        try:
            report = inspect(data[:cut], pixels=False)
        except ThinkTwiceError:
            continue
        assert matroska.check(report.cleaned) == []


def test_a_size_past_the_end_is_named():
    data = HEADER + b"\x18\x53\x80\x67\x01" + (1000).to_bytes(7, "big") + bytes(10)
    with pytest.raises(CorruptImage, match="claims 1,000 bytes"):
        load(data)


def test_a_truncated_ebml_header_is_named():
    with pytest.raises(CorruptImage, match="Matroska"):
        load(HEADER[:6])


def test_deep_nesting_is_refused_with_its_depth():
    nested = element(ids.TAG, element(ids.SIMPLE_TAG, b""))
    for _ in range(20):
        nested = element(ids.SIMPLE_TAG, nested)
    data = segment(element(ids.TAGS, element(ids.TAG, nested)))
    container = matroska.read(data)  # tolerant below the top level: named, not raised
    assert any("deeper than" in note for note in container.extra)
    assert matroska.check(matroska.strip(data)) == []


def test_a_file_of_another_doc_type_is_refused_by_name():
    data = element(ids.EBML, element(ids.DOC_TYPE, b"x-unknown")) + element(ids.SEGMENT, b"")
    with pytest.raises(UnsupportedFormat, match="DocType 'x-unknown'"):
        load(data)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (segment(b"\x15\x49\xa9\x66\x01" + b"\xff" * 7), "Info at byte .* unknown size"),
        (HEADER + element(ids.SEGMENT, b"") + HEADER + element(ids.SEGMENT, b""),
         "more than one Segment"),
        (element(ids.EBML, element(ids.DOC_TYPE, b"webm") + element(ids.EBML_MAX_SIZE_LENGTH,
                 b"\x10")) + element(ids.SEGMENT, b""), "EBMLMaxSizeLength is 16"),
    ],
)  # fmt: skip
def test_what_cannot_be_edited_safely_is_refused_with_its_reason(data, reason):
    with pytest.raises(UnsupportedFormat, match=reason) as caught:
        matroska.plan(data)
    assert "cannot be cleaned safely" in str(caught.value) or "DocType" in str(caught.value)


def test_bytes_after_the_segment_are_said_and_dropped():
    data = segment(element(ids.INFO, b"")) + b"hidden message"
    container = matroska.read(data)
    assert container.trailer is not None and container.trailer.length == 14
    cleaned = matroska.strip(data)
    assert b"hidden" not in cleaned and matroska.check(cleaned) == []


def test_a_void_holding_bytes_is_said_and_dropped():
    data = segment(element(ids.VOID, b"old title"), element(ids.INFO, b""))
    assert "a Matroska Void element holding leftover bytes" in matroska.read(data).extra
    assert b"old title" not in matroska.strip(data)


def test_mutated_files_are_an_error_or_a_clean_copy_never_a_crash(matroska_videos):  # noqa: F811
    original = matroska_videos["chapters"].read_bytes()
    rng = random.Random(20240314)
    refused = 0
    for _ in range(300):
        data = bytearray(original)
        for _ in range(rng.randint(1, 4)):
            at = rng.randrange(len(data) if rng.random() < 0.3 else 900)  # headers, mostly
            data[at] = rng.randrange(256)
        try:
            report = inspect(bytes(data), pixels=False)
        except ThinkTwiceError:
            refused += 1
            continue
        assert matroska.check(report.cleaned) == []
    assert 0 < refused < 300  # both paths were taken


@pytest.mark.parametrize("name", ("live", "unknown_clusters"))
def test_a_live_recording_cut_short_is_cleaned_with_its_last_cluster_as_it_is(
    matroska_videos,  # noqa: F811
    tmp_path,
    name,
):
    data = matroska_videos[name].read_bytes()
    cut = tmp_path / f"cut-{name}.webm"
    cut.write_bytes(data[: len(data) - 777])  # in the middle of the last Cluster
    report = inspect(cut.read_bytes(), pixels=False)
    assert report.findings  # read, not refused
    cleaned = tmp_path / f"cleaned-{name}.webm"
    cleaned.write_bytes(report.cleaned)
    assert matroska.check(report.cleaned) == []
    assert report.cleaned.endswith(data[len(data) - 5000 : len(data) - 777])
    assert packets(cleaned) == packets(cut)


def test_a_finished_file_cut_short_is_refused_naming_the_cut():
    data = segment(element(ids.INFO, b""), element(ids.CLUSTER, bytes(40)))
    with pytest.raises(CorruptImage, match="claims"):
        load(data[:-10])


def test_filler_between_the_header_and_the_segment_is_dropped():
    data = HEADER + element(ids.VOID, b"old bytes") + element(ids.SEGMENT, element(ids.INFO, b""))
    assert "filler between the EBML header and the Segment" in matroska.read(data).extra
    cleaned = matroska.strip(data)
    assert cleaned == HEADER + element(ids.SEGMENT, element(ids.INFO, b""))
    assert matroska.check(cleaned) == []
