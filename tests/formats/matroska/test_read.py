"""Reading Matroska and WebM: what Info, Tags, Attachments, Chapters and tracks say, and
the findings they make, in the words the MP4 path uses."""

from __future__ import annotations

import pytest

from tests.support.matroska import matroska_videos  # noqa: F401 (a fixture)
from thinktwice.formats import detect, matroska
from thinktwice.formats.matroska import ids
from thinktwice.formats.matroska.ebml import element
from thinktwice.models import Kind, Severity
from thinktwice.pipeline import inspect


def entries(path):
    return {(t.source, t.key): t.value for t in matroska.read(path.read_bytes()).text}


@pytest.mark.parametrize("name", ("mkv", "webm", "live", "unknown_clusters", "av1"))
def test_info_tags_and_track_names_are_read(matroska_videos, name):  # noqa: F811
    found = entries(matroska_videos[name])
    assert found["Matroska", "Title"] == "Alice at home"
    assert found["Matroska", "DateTimeOriginal"] == "2024-03-14 18:02:11Z"
    assert found["Matroska", "GPSLatitude"] == "48.8584"
    assert found["Matroska", "GPSLongitude"] == "2.2945"
    assert found["Matroska", "Artist"] == "Alice Martin"
    assert found["Matroska", "Comment"] == "secret note"
    assert found["Matroska", "TrackName"] == "Alice's camera"
    assert found["Matroska", "WritingApp"].startswith("Lavf")


def test_a_webm_and_an_mkv_are_told_apart_by_their_doc_type(matroska_videos):  # noqa: F811
    webm = matroska.read(matroska_videos["webm"].read_bytes())
    mkv = matroska.read(matroska_videos["mkv"].read_bytes())
    assert (webm.format, webm.media_type) == ("webm", "video/webm")
    assert (mkv.format, mkv.media_type) == ("mkv", "video/x-matroska")
    assert (mkv.width, mkv.height) == (64, 48)
    assert detect(matroska_videos["webm"].read_bytes()) is matroska


def test_an_attached_cover_is_a_picture(matroska_videos):  # noqa: F811
    container = matroska.read(matroska_videos["mkv"].read_bytes())
    cover = (matroska_videos["mkv"].parent / "cover.jpg").read_bytes()
    [picture] = container.pictures
    assert (picture.data, picture.media_type) == (cover, "image/jpeg")
    assert "cover.jpg" in picture.source


def test_chapter_names_are_read(matroska_videos):  # noqa: F811
    names = [t.value for t in matroska.read(matroska_videos["chapters"].read_bytes()).text
             if t.key == "ChapterName"]  # fmt: skip
    assert names == ["At Alice's flat", "Bob arrives"]


def test_the_findings_say_where_when_who_and_by_what(matroska_videos):  # noqa: F811
    report = inspect(matroska_videos["mkv"].read_bytes(), "clip.mkv", pixels=False)
    by_kind = {f.kind: f for f in report.findings}
    assert "where it was filmed" in by_kind[Kind.LOCATION].message
    assert "Paris" in by_kind[Kind.LOCATION].message
    assert by_kind[Kind.LOCATION].severity >= Severity.HIGH
    assert "Alice Martin" in by_kind[Kind.PERSON_NAME].message
    assert "filmed: 14 March 2024, 18:02" in by_kind[Kind.CAPTURE_TIME].message
    assert "1 more image" in by_kind[Kind.HIDDEN_IMAGE].message
    assert "Lavc59" in by_kind[Kind.EDITING_HISTORY].message or "Lavf" in (
        by_kind[Kind.EDITING_HISTORY].message
    )
    assert "Alice at home" in by_kind[Kind.COMMENT].message
    assert report.media_type == "video/x-matroska" and report.plan is not None
    assert report.problems == ()


def test_a_matroska_file_named_webm_is_said_but_a_webm_may_be_named_mkv(matroska_videos):  # noqa: F811
    report = inspect(matroska_videos["mkv"].read_bytes(), "clip.webm", pixels=False)
    assert "The file is named .webm but is a MKV video." in report.problems
    assert inspect(matroska_videos["webm"].read_bytes(), "clip.mkv", pixels=False).problems == ()


def test_the_segment_uuid_that_links_copies_is_said_and_removed():
    uuid = bytes(range(16))
    info = element(ids.INFO, element(ids.SEGMENT_UUID, uuid) + element(0x2AD7B1, b"\x0f\x42\x40"))
    data = element(ids.EBML, element(ids.DOC_TYPE, b"matroska")) + element(ids.SEGMENT, info)
    assert ("Matroska", "SegmentUUID") in {(t.source, t.key) for t in matroska.read(data).text}
    report = inspect(data, pixels=False)
    assert any(uuid.hex() in str(f.evidence) for f in report.findings)
    assert uuid not in report.cleaned and matroska.check(report.cleaned) == []
