"""Cleaning Matroska and WebM: nothing identifying left (by exiftool, ffprobe and the
engine's own reading), the same packets, a file that plays and seeks, and Cues that
still point at Clusters."""

from __future__ import annotations

import pytest

from tests.support.matroska import (
    decode_errors,
    matroska_videos,  # noqa: F401 (a fixture)
    packets,
    probe,
)
from tests.support.videos import identifying_tags, probe_errors
from thinktwice.editplan import Copy
from thinktwice.formats import matroska
from thinktwice.formats.matroska import ids
from thinktwice.formats.matroska.ebml import children, element, encode_id, uint
from thinktwice.formats.matroska.layout import load
from thinktwice.pipeline import inspect

CASES = ("mkv", "webm", "live", "unknown_clusters", "chapters", "av1")


@pytest.fixture(scope="module")
def cleaned(matroska_videos, tmp_path_factory):  # noqa: F811
    folder = tmp_path_factory.mktemp("cleaned")
    out = {}
    for name in CASES:
        source = matroska_videos[name]
        path = folder / source.name
        path.write_bytes(matroska.strip(source.read_bytes()))
        out[name] = path
    return out


@pytest.mark.parametrize("name", CASES)
def test_exiftool_finds_nothing_identifying_in_the_clean_copy(matroska_videos, cleaned, name):  # noqa: F811
    assert identifying_tags(matroska_videos[name])  # the fixture has something to remove
    assert identifying_tags(cleaned[name]) == {}


@pytest.mark.parametrize("name", CASES)
def test_ffprobe_shows_no_title_tag_or_attachment(matroska_videos, cleaned, name):  # noqa: F811
    before, after = probe(matroska_videos[name]), probe(cleaned[name])
    assert "TAG:title=Alice at home" in before
    tags = [line for line in after.splitlines() if line.startswith("TAG:")]
    assert all(line.startswith("TAG:language=") for line in tags), tags
    assert "attached_pic=1" not in after and "codec_type=attachment" not in after


def test_the_attached_cover_is_gone(matroska_videos, cleaned):  # noqa: F811
    cover = (matroska_videos["mkv"].parent / "cover.jpg").read_bytes()
    assert cover in matroska_videos["mkv"].read_bytes()
    assert cover not in cleaned["mkv"].read_bytes()


@pytest.mark.parametrize("name", CASES)
def test_every_packet_is_byte_identical(matroska_videos, cleaned, name):  # noqa: F811
    assert packets(cleaned[name]) == packets(matroska_videos[name])


@pytest.mark.parametrize("name", CASES)
def test_the_clean_copy_plays_every_frame_without_a_complaint(matroska_videos, cleaned, name):  # noqa: F811
    assert probe_errors(cleaned[name]) == ""
    frames, errors = decode_errors(cleaned[name])
    assert errors == ""
    assert frames == decode_errors(matroska_videos[name])[0] > 0


@pytest.mark.parametrize("name", CASES)
def test_every_cluster_is_copied_byte_for_byte(matroska_videos, cleaned, name):  # noqa: F811
    original = matroska_videos[name].read_bytes()
    layout = load(original)
    copied = [s for s in matroska.plan(original) if isinstance(s, Copy)]
    clusters = [e for e in layout.top if e.id == ids.CLUSTER]
    assert clusters
    for cluster in clusters:
        assert any(c.offset <= cluster.offset and cluster.end <= c.offset + c.length
                   for c in copied)  # fmt: skip
        assert original[cluster.offset : cluster.end] in cleaned[name].read_bytes()


@pytest.mark.parametrize("name", ("mkv", "webm", "chapters", "av1"))
def test_cues_and_seek_head_point_at_the_moved_elements(cleaned, name):
    data = cleaned[name].read_bytes()
    layout = load(data)
    base = layout.segment.start
    starts = {e.offset - base: e.id for e in layout.top}
    cues = layout.first(ids.CUES)
    assert cues is not None
    positions = [uint(data, f) for point in children(data, cues, 1) if point.id == ids.CUE_POINT
                 for track in children(data, point, 2) if track.id == ids.CUE_TRACK_POSITIONS
                 for f in children(data, track, 3) if f.id == ids.CUE_CLUSTER_POSITION]  # fmt: skip
    assert positions and all(starts.get(p) == ids.CLUSTER for p in positions)
    seek_head = layout.first(ids.SEEK_HEAD)
    assert seek_head is not None
    for seek in (s for s in children(data, seek_head, 1) if s.id == ids.SEEK):
        fields = {f.id: f for f in children(data, seek, 2)}
        target = int.from_bytes(data[fields[ids.SEEK_ID].start : fields[ids.SEEK_ID].end], "big")
        assert starts.get(uint(data, fields[ids.SEEK_POSITION])) == target


def test_the_clean_copy_seeks(cleaned):
    _, errors = decode_errors(cleaned["mkv"])
    assert errors == ""
    frames, errors = decode_errors(cleaned["mkv"], "-ss", "1.2")
    assert errors == "" and 0 < frames < 20


@pytest.mark.parametrize("name", CASES)
def test_the_clean_copy_reads_back_clean(cleaned, name):
    data = cleaned[name].read_bytes()
    assert matroska.check(data) == []
    assert inspect(data, cleaned[name].name, pixels=False).findings == ()


def test_chapters_keep_their_times_but_lose_their_names(matroska_videos, cleaned):  # noqa: F811
    assert b"Bob arrives" in matroska_videos["chapters"].read_bytes()
    assert b"Bob arrives" not in cleaned["chapters"].read_bytes()
    assert probe(cleaned["chapters"]).count("[STREAM]") == 2
    assert load(cleaned["chapters"].read_bytes()).first(ids.CHAPTERS) is not None


def _uint4(ident: int, value: int) -> bytes:
    return element(ident, value.to_bytes(4, "big"))


def _positioned(positions: dict[int, int]) -> bytes:
    """A Segment's body whose SeekHead, Cluster Position and Cues use `positions`."""
    seek_head = element(ids.SEEK_HEAD, b"".join(
        element(ids.SEEK, element(ids.SEEK_ID, encode_id(target))
                + _uint4(ids.SEEK_POSITION, positions.get(target, 0)))
        for target in (ids.INFO, ids.TAGS, ids.CUES)
    ))  # fmt: skip
    info = element(ids.INFO, element(ids.TITLE, b"Alice at home") + _uint4(0x2AD7B1, 1000000))
    tags = element(ids.TAGS, element(ids.TAG, element(ids.SIMPLE_TAG, element(
        ids.TAG_NAME, b"ARTIST") + element(ids.TAG_STRING, b"Alice Martin"))))  # fmt: skip
    cluster = element(ids.CLUSTER, _uint4(0xE7, 0) + _uint4(ids.POSITION,
                      positions.get(ids.CLUSTER, 0)) + element(ids.SIMPLE_BLOCK,
                      b"\x81\x00\x00\x80frame bytes"))  # fmt: skip
    cues = element(ids.CUES, element(ids.CRC32, bytes(4)) + element(ids.CUE_POINT,
                   _uint4(0xB3, 0) + element(ids.CUE_TRACK_POSITIONS, _uint4(0xF7, 1)
                   + _uint4(ids.CUE_CLUSTER_POSITION, positions.get(ids.CLUSTER, 0)))))  # fmt: skip
    parts = [(ids.SEEK_HEAD, seek_head), (ids.INFO, info), (ids.TAGS, tags),
             (ids.CLUSTER, cluster), (ids.CUES, cues)]  # fmt: skip
    at, found = 0, {}
    for ident, part in parts:
        found[ident] = at
        at += len(part)
    body = b"".join(part for _, part in parts)
    return body if found == positions else _positioned(found)


def test_positions_follow_the_elements_that_moved():
    header = element(ids.EBML, element(ids.DOC_TYPE, b"matroska"))
    original = header + element(ids.SEGMENT, _positioned({}))
    cleaned = matroska.strip(original)
    layout = load(cleaned)
    base = layout.segment.start
    starts = {e.id: e.offset - base for e in layout.top}
    assert ids.TAGS not in starts and b"Alice" not in cleaned
    cluster = layout.first(ids.CLUSTER)
    assert cluster is not None and starts[ids.CLUSTER] < load(original).first(ids.CLUSTER).offset
    [position] = [c for c in children(cleaned, cluster, 1) if c.id == ids.POSITION]
    assert uint(cleaned, position) == starts[ids.CLUSTER]
    cues = layout.first(ids.CUES)
    assert cues is not None
    assert cues.length == load(original).first(ids.CUES).length  # rewritten in place
    kinds = [c.id for c in children(cleaned, cues, 1)]
    assert kinds == [ids.VOID, ids.CUE_POINT]  # the stale CRC-32 is a Void now
    seek_head = layout.first(ids.SEEK_HEAD)
    assert seek_head is not None
    seeks = list(children(cleaned, seek_head, 1))
    assert [s.id for s in seeks] == [ids.SEEK, ids.VOID, ids.SEEK]  # Tags' entry voided
    for seek in (s for s in seeks if s.id == ids.SEEK):
        fields = {f.id: f for f in children(cleaned, seek, 2)}
        target = int.from_bytes(cleaned[fields[ids.SEEK_ID].start : fields[ids.SEEK_ID].end])
        assert uint(cleaned, fields[ids.SEEK_POSITION]) == starts[target]
    assert matroska.check(cleaned) == []
