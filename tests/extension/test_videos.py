"""Videos chosen for upload are held like photos: the dialog calls them videos, and
the page's server gets the cleaned video (exiftool finds nothing identifying, every
video and audio packet the same, ffprobe content), the original byte for byte, or
nothing. The videos are made by ffmpeg with an iPhone's tags (tests/support/videos.py).
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.extension.actions import decision_recorded, eventually, nothing_arrives, picked
from tests.extension.browser import Browser, Dialog, Service
from tests.extension.webserver import Site
from tests.support.matroska import packets
from tests.support.videos import identifying_tags, probe_errors, stream_hash


def test_a_phone_video_is_asked_about_as_a_video(
    page: Page,
    site: Site,
    videos: dict[str, Path],
) -> None:
    dialog, view = picked(page, site, videos["apple"])
    assert view.name == "Think twice before sending apple.mov"
    assert view.description.startswith("This video carries more than what it shows.")
    assert "It shows where it was filmed: in Paris, Île-de-France, France (GPS, ±4 m)." in (
        view.texts
    )
    assert "It names your camera: Apple iPhone 15 Pro." in view.texts
    eventually(dialog.preview_drawn, timeout=15.0)  # a frame of the video as its poster
    assert page.evaluate("window.received") == []  # held until the person decides


def test_send_cleaned_gives_the_site_the_same_video_without_what_identifies(
    browser: Browser,
    page: Page,
    site: Site,
    service: Service,
    videos: dict[str, Path],
    tmp_path: Path,
) -> None:
    original = videos["apple"]
    assert identifying_tags(original)  # the judge sees what there is to remove
    dialog, _ = picked(page, site, original)
    dialog.press("Enter")

    (received,) = site.uploads.wait(1)
    assert (received.filename, received.content_type) == ("apple.mov", "video/quicktime")
    cleaned = tmp_path / "received.mov"
    cleaned.write_bytes(received.data)
    assert identifying_tags(cleaned) == {}
    assert stream_hash(cleaned) == stream_hash(original)
    assert probe_errors(cleaned) == ""
    decision_recorded(service, "sent_cleaned")
    # Rebuilt in the worker from the video's own edit plan, not fetched back whole.
    assert browser.call("() => self.thinktwice.copies()")["rebuilt"] >= 1


@pytest.mark.parametrize("name", ["apple", "last"])
def test_send_original_gives_the_site_the_very_same_bytes(
    page: Page,
    site: Site,
    service: Service,
    videos: dict[str, Path],
    name: str,
) -> None:
    dialog, _ = picked(page, site, videos[name])
    dialog.press("Tab", "Enter")
    (received,) = site.uploads.wait(1)
    assert received.data == videos[name].read_bytes()
    decision_recorded(service, "sent_original")


def test_cancel_gives_the_site_nothing(
    page: Page,
    site: Site,
    service: Service,
    videos: dict[str, Path],
) -> None:
    dialog, _ = picked(page, site, videos["last"])
    dialog.press("Escape")
    dialog.wait_closed()
    nothing_arrives(site)
    decision_recorded(service, "cancelled")


def test_a_webm_is_checked_and_sent_cleaned_like_an_mp4(
    page: Page, site: Site, service: Service, tmp_path: Path
) -> None:
    webm = tmp_path / "clip.webm"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=160x120:rate=10",
         "-t", "1", "-c:v", "libvpx", "-metadata", "title=Alice at home", "-metadata",
         "location=+48.8584+002.2945/", str(webm)],
        check=True, timeout=120,
    )  # fmt: skip
    dialog, view = picked(page, site, webm)
    assert view.name == "Think twice before sending clip.webm"
    assert any(text.startswith("It shows where it was filmed: ") for text in view.texts)
    dialog.press("Enter")
    (received,) = site.uploads.wait(1)
    assert (received.filename, received.content_type) == ("clip.webm", "video/webm")
    cleaned = tmp_path / "received.webm"
    cleaned.write_bytes(received.data)
    assert identifying_tags(cleaned) == {}
    assert packets(cleaned) == packets(webm)
    assert probe_errors(cleaned) == ""
    decision_recorded(service, "sent_cleaned")


def test_the_checking_dialog_says_how_much_of_a_big_file_was_handed_over(
    browser: Browser, page: Page, site: Site
) -> None:
    # Driven as intercept.js drives it while a big video's parts travel to the service.
    page.goto(site.url("input.html"))
    start = "globalThis.checking = globalThis.thinkTwiceDialog.create()"
    browser.in_content_script(page, f"({start}, globalThis.checking.checking(1, true), true)")
    dialog = Dialog(page)

    def shown() -> list[str]:  # what the "Checking" dialog says (wait_open waits past it)
        view = dialog.read()
        return [view.name, *view.texts] if view else []

    eventually(lambda: "Checking your video…" in shown())
    browser.in_content_script(page, "(globalThis.checking.progress(0.4), true)")
    eventually(lambda: "(40% handed over)" in shown())
    browser.in_content_script(page, "(globalThis.checking.progress(1), true)")
    eventually(lambda: (now := shown()) and not any("handed over" in text for text in now))
