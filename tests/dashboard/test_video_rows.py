"""Videos in the history and on the dashboard: recorded as any inspection, counted
on the overview, and called videos (not photos) where an entry is shown."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.dashboard.test_views import inspection
from thinktwice.dashboard import views
from thinktwice.dashboard.labels import VIDEO_FORMATS
from thinktwice.dashboard.render import render
from thinktwice.formats import MOVIES
from thinktwice.history import History

NOW = datetime(2026, 3, 20, 12, tzinfo=UTC)


def test_every_video_format_the_engine_reports_is_labelled_a_video():
    assert set(VIDEO_FORMATS) == {kind.name for fmt in MOVIES for kind in fmt.KINDS}


@pytest.mark.parametrize(
    ("format", "medium", "described"),
    [
        ("jpeg", "photo", "A JPEG image"),
        ("heic", "photo", "A HEIC image"),
        ("avif", "photo", "An AVIF image"),
        ("mp4", "video", "An MP4 video"),
        ("mov", "video", "An MOV video"),
        ("3gp", "video", "A 3GP video"),
    ],
)
def test_a_row_says_photo_or_video(format, medium, described):
    row = views.Row.of(inspection(format=format))
    assert (row.medium, row.described) == (medium, described)


def test_the_detail_page_of_a_video_calls_it_a_video():
    row = views.Row.of(inspection(format="mp4", findings=(), verdict="none"))
    page = render("detail.html", nav="history", row=row, back="", notice=None)
    assert "Video checked" in page and "An MP4 video" in page
    assert "the video carried nothing identifying" in page and "never the video." in page
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    assert "photo" not in main.lower()


def test_videos_are_recorded_and_counted_on_the_overview(tmp_path):
    with History(tmp_path / "history.sqlite3", clock=lambda: NOW) as history:
        history.add(inspection(id="p1", created_at=NOW, format="jpeg"))
        history.add(inspection(id="v1", created_at=NOW, format="mp4", size=3 * 1024**3))
        history.add(inspection(id="v2", created_at=NOW, format="mov"))
        assert history.get("v1") is not None and history.get("v1").size == 3 * 1024**3
        assert history.stats().per_format == {"jpeg": 1, "mov": 1, "mp4": 1}
        cards = {card.title: card for card in views.overview(history, "all", NOW).cards}
    assert cards["Images checked"].value == "3"
    assert cards["Images checked"].note == "before they were sent (2 videos)"
