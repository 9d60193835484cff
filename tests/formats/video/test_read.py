"""Reading videos: what each layout and each writer's atoms say, in the entries photos use."""

from __future__ import annotations

import json
import subprocess

import pytest

from tests.support.videos import ROUTE, videos  # noqa: F401 (a fixture)
from thinktwice import formats
from thinktwice.errors import UnsupportedFormat
from thinktwice.formats import heif, video

LAYOUTS = ("faststart", "last", "fragmented", "3gp", "co64", "large_mdat", "camm")


def entries(path) -> dict[tuple[str, str], str]:
    return {(e.source, e.key): e.value for e in video.read(path.read_bytes()).text}


@pytest.mark.parametrize("name", LAYOUTS)
def test_every_layout_is_detected_and_its_position_read(videos, name):  # noqa: F811
    data = videos[name].read_bytes()
    assert formats.detect(data) is video
    found = entries(videos[name])
    assert float(found["UserData", "GPSLatitude"]) == pytest.approx(48.8566, abs=1e-4)
    assert float(found["UserData", "GPSLongitude"]) == pytest.approx(2.3522, abs=1e-4)


def test_the_kind_follows_the_brand(videos):  # noqa: F811
    assert video.read(videos["last"].read_bytes()).format == "mp4"
    assert video.read(videos["apple"].read_bytes()).media_type == "video/quicktime"
    assert video.read(videos["3gp"].read_bytes()).format == "3gp"
    container = video.read(videos["faststart"].read_bytes())
    assert (container.width, container.height) == (160, 120)


def test_heif_keeps_its_brands_and_other_iso_files_are_named():
    heic = b"\0\0\0\x18ftypheic\0\0\0\0mif1heic"
    assert heif.sniff(heic) and not video.sniff(heic)
    assert not video.sniff(b"\0\0\0\x18ftypcrx \0\0\0\x01crx isom")
    with pytest.raises(UnsupportedFormat, match="Canon CR3"):
        formats.detect(b"\0\0\0\x18ftypcrx \0\0\0\x01crx isom" + bytes(40))


@pytest.mark.parametrize(
    ("head", "named"),
    [(b"\x30\x26\xb2\x75\x8e\x66\xcf\x11", "ASF/WMV"), (b"RIFF\0\0\0\0AVI LIST", "AVI"),
     (b"FLV\x01\x05", "FLV"), (b"\x00\x00\x01\xba\x44", "MPEG program stream"),
     (b"".join(b"\x47" + bytes(187) for _ in range(4)), "MPEG transport stream"),
     (b"".join(bytes(4) + b"\x47" + bytes(187) for _ in range(4)), "camcorder .mts")],
)  # fmt: skip
def test_other_videos_are_refused_by_name(head, named):
    with pytest.raises(UnsupportedFormat, match=named) as caught:
        formats.detect(head + bytes(64))
    assert "MP4, MOV" in str(caught.value)


@pytest.mark.parametrize(("suffix", "named"), [(".ts", "MPEG transport stream"),
                                                (".m2ts", "MPEG transport stream"),
                                                (".mpg", "MPEG program stream")])  # fmt: skip
def test_videos_ffmpeg_writes_in_other_containers_are_refused_by_name(tmp_path, suffix, named):
    made = tmp_path / f"clip{suffix}"
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
                    "testsrc=size=64x64:rate=25", "-t", "1", str(made)],
                   check=True, timeout=60)  # fmt: skip
    with pytest.raises(UnsupportedFormat, match=named):
        formats.detect(made.read_bytes())


def test_apple_keys_give_device_place_time_and_live_photo_id(videos):  # noqa: F811
    found = entries(videos["apple"])
    assert found["Keys", "Make"] == "Apple"
    assert found["Keys", "Model"] == "iPhone 15 Pro"
    assert found["Keys", "Software"] == "17.2"
    assert found["Keys", "GPSLatitude"] == "48.8566"
    assert found["Keys", "GPSAltitude"] == "35.0"
    assert found["Keys", "GPSHPositioningError"] == "4.5"
    assert found["Keys", "CreationDate"] == "2024-03-14T18:02:11+0100"
    assert found["Keys", "ContentIdentifier"] == "5F4E2A1B-LIVE-PHOTO"


def test_header_times_are_read_when_set(videos):  # noqa: F811
    found = entries(videos["faststart"])
    assert found["QuickTime", "CreateDate"] == "2024-03-14 17:02:11"
    assert found["Track1", "TrackCreateDate"] == "2024-03-14 17:02:11"
    assert found["Track1", "MediaCreateDate"] == "2024-03-14 17:02:11"
    assert ("QuickTime", "CreateDate") not in entries(videos["last"])  # ffmpeg writes 0


def test_exiftool_tags_and_xmp_are_read(videos):  # noqa: F811
    container = video.read(videos["exiftool"].read_bytes())
    found = {(e.source, e.key): e.value for e in container.text}
    assert found["UserData", "Make"] == "samsung"
    assert found["UserData", "Model"] == "SM-G991B"
    assert found["Keys", "CreationDate"] == "2024-03-14T18:02:11+0100"
    assert any(b"Jane Doe" in packet for packet in container.xmp)


def test_a_camm_track_is_a_route(videos):  # noqa: F811
    container = video.read(videos["camm"].read_bytes())
    found = {(e.source, e.key): e.value for e in container.text}
    assert found["Track3", "RoutePoints"] == str(len(ROUTE))
    assert found["Track3", "RouteStart"] == "48.856600, 2.352200"
    assert found["Track3", "RouteEnd"] == f"{ROUTE[-1][0]:.6f}, {ROUTE[-1][1]:.6f}"
    assert "a meta/camm track (track 3)" in container.extra


def test_subtitles_of_gps_lines_are_a_route(videos):  # noqa: F811
    found = entries(videos["subtitle_route"])
    assert found["Track3", "RoutePoints"] == "2"
    assert found["Track3", "RouteEnd"] == "48.857100, 2.353000"


def test_cover_art_is_a_picture(videos):  # noqa: F811
    (picture,) = video.read(videos["cover"].read_bytes()).pictures
    assert picture.media_type == "image/png" and picture.data.startswith(b"\x89PNG")


@pytest.mark.parametrize("turn", [0, 90, 180, 270])
def test_the_turn_a_frame_needs_to_be_shown_is_read_as_ffprobe_reads_it(
    videos,  # noqa: F811
    tmp_path,
    turn,
):
    turned = tmp_path / "turned.mp4"
    turned.write_bytes(videos["last"].read_bytes())
    subprocess.run(["exiftool", "-q", "-overwrite_original", f"-Rotation={turn}", str(turned)],
                   check=True, timeout=60)  # fmt: skip
    probed = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_streams", "-of", "json",
         str(turned)], capture_output=True, check=True, text=True, timeout=60,
    )  # fmt: skip
    side_data = json.loads(probed.stdout)["streams"][0].get("side_data_list", [{}])
    anticlockwise = int(side_data[0].get("rotation", 0))  # the judge: FFmpeg's display matrix
    assert video.read(turned.read_bytes()).turn == -anticlockwise % 360 == turn
