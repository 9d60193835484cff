"""A video over the upload cap is checked from the parts that matter (content/sparse.js,
content/sparse-matroska.js for a WebM, routes/sparse.py): the dialog says what it
reveals, and the page's server gets the clean copy built from the file's own slices
(exiftool finds nothing identifying, every packet the same, ffprobe content), the
original byte for byte, or nothing. A live recording no skeleton can step over is sent
whole when it may be, and said not checked, with the reason, when it may not.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.extension.actions import decision_recorded, nothing_arrives, picked
from tests.extension.browser import Service
from tests.extension.webserver import Site
from tests.support.matroska import packets, with_unknown_clusters
from tests.support.videos import identifying_tags, probe_errors, stream_hash
from thinktwice.server.settings import MAX_UPLOAD_BYTES, SPARSE_VIDEO_BYTES


@pytest.fixture(scope="module")
def big_video(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An 85 MB iPhone-tagged QuickTime video: noise, losslessly coded, is incompressible."""
    out = tmp_path_factory.mktemp("big") / "IMG_0042.MOV"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30",
         "-f", "lavfi", "-i", "sine", "-t", "2", "-vf", "noise=alls=30:allf=t",
         "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0", "-g", "30", "-c:a", "aac",
         "-f", "mov", "-movflags", "use_metadata_tags",
         "-metadata", "com.apple.quicktime.make=Apple",
         "-metadata", "com.apple.quicktime.model=iPhone 15 Pro",
         "-metadata", "com.apple.quicktime.location.ISO6709=+48.8566+002.3522+035.000/",
         str(out)],
        check=True, timeout=300,
    )  # fmt: skip
    assert out.stat().st_size > MAX_UPLOAD_BYTES  # too big to send whole
    return out


def test_a_video_over_the_cap_is_checked_and_sent_clean(
    page: Page, site: Site, service: Service, big_video: Path, tmp_path: Path
) -> None:
    dialog, view = picked(page, site, big_video)
    assert view.name == "Think twice before sending IMG_0042.MOV", view.texts
    assert "It names your camera: Apple iPhone 15 Pro." in view.texts
    assert any(text.startswith("It shows where it was filmed: in Paris") for text in view.texts)
    dialog.press("Enter")

    (received,) = site.uploads.wait(1, timeout=120)
    assert (received.filename, received.content_type) == ("IMG_0042.MOV", "video/quicktime")
    cleaned = tmp_path / "received.mov"
    cleaned.write_bytes(received.data)
    assert identifying_tags(cleaned) == {}
    assert stream_hash(cleaned) == stream_hash(big_video)
    assert probe_errors(cleaned) == ""
    decision_recorded(service, "sent_cleaned")


@pytest.mark.parametrize("fixture", ["big_video", "big_webm"])
def test_send_original_gives_the_site_the_very_same_big_video(
    page: Page, site: Site, service: Service, fixture: str, request: pytest.FixtureRequest
) -> None:
    video: Path = request.getfixturevalue(fixture)
    dialog, _ = picked(page, site, video)
    dialog.press("Tab", "Enter")
    (received,) = site.uploads.wait(1, timeout=120)
    assert received.data == video.read_bytes()
    decision_recorded(service, "sent_original")


def test_cancel_sends_nothing_of_a_big_video(
    page: Page, site: Site, service: Service, big_video: Path
) -> None:
    dialog, _ = picked(page, site, big_video)
    dialog.press("Escape")
    dialog.wait_closed()
    nothing_arrives(site)
    decision_recorded(service, "cancelled")


QUIET = ("ffmpeg", "-v", "error", "-y")
WEBM_TAGS = ("-metadata", "title=Alice at home", "-metadata", "location=+48.8584+002.2945/",
             "-metadata", "creation_time=2024-03-14T18:02:11Z",
             "-metadata", "artist=Alice Martin")  # fmt: skip


@pytest.fixture(scope="module")
def webm_clip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two seconds of VP9 + Opus noise at 60 Mb/s (about 9.5 MB): bigger WebMs loop it."""
    clip = tmp_path_factory.mktemp("webm_clip") / "clip.webm"
    subprocess.run(
        [*QUIET, "-f", "lavfi", "-i", "testsrc2=size=640x360:rate=30", "-f", "lavfi", "-i",
         "sine=f=440:r=48000", "-t", "2", "-vf", "noise=alls=30:allf=t", "-c:v", "libvpx-vp9",
         "-deadline", "realtime", "-cpu-used", "8", "-b:v", "60M", "-minrate", "60M",
         "-maxrate", "60M", "-g", "30", "-c:a", "libopus", str(clip)],
        check=True, timeout=300,
    )  # fmt: skip
    return clip


def looped(clip: Path, times: int, out: Path, *live: str) -> Path:
    """`clip` played `times` over into `out`, tagged, copied (not coded); with `live`
    ("-f", "webm"), written to a pipe as a recorder writes it, then with Clusters of
    unknown size, as a browser's MediaRecorder writes them."""
    loop = [*QUIET, "-stream_loop", str(times - 1), "-i", str(clip), "-c", "copy", *WEBM_TAGS]
    if not live:
        subprocess.run([*loop, str(out)], check=True, timeout=300)
        return out
    piped = out.with_suffix(".piped")
    with piped.open("wb") as sink:
        subprocess.run([*loop, *live, "pipe:1"], stdout=sink, check=True, timeout=300)
    return with_unknown_clusters(piped, out.parent).rename(out)


@pytest.fixture(scope="module")
def big_webm(webm_clip: Path) -> Path:
    """A 76 MB VP9 + Opus WebM with a title, a place, a date and a name: over the cap."""
    out = looped(webm_clip, 8, webm_clip.parent / "recording.webm")
    assert out.stat().st_size > MAX_UPLOAD_BYTES  # too big to send whole
    return out


def test_a_webm_over_the_cap_is_checked_and_sent_clean(
    page: Page, site: Site, service: Service, big_webm: Path, tmp_path: Path
) -> None:
    dialog, view = picked(page, site, big_webm)
    assert view.name == "Think twice before sending recording.webm", view.texts
    assert any(text.startswith("It shows where it was filmed: ") for text in view.texts)
    assert "It names a person: Alice Martin." in view.texts
    dialog.press("Enter")
    (received,) = site.uploads.wait(1, timeout=120)
    assert (received.filename, received.content_type) == ("recording.webm", "video/webm")
    cleaned = tmp_path / "received.webm"
    cleaned.write_bytes(received.data)
    assert identifying_tags(cleaned) == {}
    assert packets(cleaned) == packets(big_webm)
    assert stream_hash(cleaned) == stream_hash(big_webm)
    assert probe_errors(cleaned) == ""
    decision_recorded(service, "sent_cleaned")


def test_a_live_recording_under_the_cap_is_sent_whole_and_checked(
    page: Page, site: Site, service: Service, webm_clip: Path, tmp_path: Path
) -> None:
    # Over the size a video is sent in part from, but its Clusters do not say their sizes.
    recording = looped(webm_clip, 2, tmp_path / "recorded.webm", "-f", "webm")
    assert SPARSE_VIDEO_BYTES < recording.stat().st_size < MAX_UPLOAD_BYTES
    dialog, view = picked(page, site, recording)
    assert view.name == "Think twice before sending recorded.webm", view.texts
    assert any(text.startswith("It shows where it was filmed: ") for text in view.texts)
    dialog.press("Enter")
    (received,) = site.uploads.wait(1, timeout=120)
    cleaned = tmp_path / "received.webm"
    cleaned.write_bytes(received.data)
    assert identifying_tags(cleaned) == {}
    assert packets(cleaned) == packets(recording)
    decision_recorded(service, "sent_cleaned")


def test_a_live_recording_over_the_cap_is_said_not_checked_and_why(
    page: Page, site: Site, webm_clip: Path, tmp_path: Path
) -> None:
    recording = looped(webm_clip, 8, tmp_path / "recorded.webm", "-f", "webm")
    assert recording.stat().st_size > MAX_UPLOAD_BYTES
    dialog, view = picked(page, site, recording)
    assert view.name == "This video was not checked", view.texts
    assert any("live recording whose Clusters do not say their sizes" in t for t in view.texts)
    dialog.press("Escape")
    dialog.wait_closed()
    nothing_arrives(site)
