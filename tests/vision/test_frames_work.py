"""vision/frames.py's plumbing: frames scaled as they are converted, judged on threads in order."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import av
import pytest
from PIL import Image

from thinktwice.vision.frames import _decoded, _in_order


def test_a_frame_is_scaled_to_the_analysis_size_keeping_its_own_size():
    frame = av.VideoFrame.from_image(Image.new("RGB", (1920, 1080), (200, 30, 30)))
    decoded = _decoded(frame.reformat(format="yuv420p"), 1000, 0)
    assert decoded.image.size == (1000, 562)
    assert decoded.image.mode == "RGB"
    assert (decoded.width, decoded.height) == (1920, 1080)
    red, green, _ = decoded.image.getpixel((500, 281))  # type: ignore[misc]
    assert red > 150 and green < 80  # the colour survived the conversion


def test_a_small_frame_is_not_enlarged():
    frame = av.VideoFrame.from_image(Image.new("RGB", (320, 240)))
    assert _decoded(frame, 1000, 0).image.size == (320, 240)


@pytest.mark.parametrize(("turn", "size"), [(90, (562, 1000)), (180, (1000, 562)),
                                            (270, (562, 1000))])  # fmt: skip
def test_a_frame_stored_on_its_side_is_turned_upright(turn, size):
    # A red left half: turned 90 degrees clockwise, red is on top; 270, at the bottom.
    image = Image.new("RGB", (1920, 1080), (0, 0, 200))
    image.paste((200, 30, 30), (0, 0, 960, 1080))
    decoded = _decoded(av.VideoFrame.from_image(image), 1000, turn)
    assert decoded.image.size == size
    assert (decoded.width, decoded.height) == ((1920, 1080) if turn == 180 else (1080, 1920))
    red_at = {90: (281, 100), 180: (900, 281), 270: (281, 900)}[turn]
    assert decoded.image.getpixel(red_at)[0] > 150  # type: ignore[index]


@pytest.mark.parametrize("threads", [1, 2, 3])
def test_judged_on_threads_in_the_frames_order(threads):
    ran_on: set[str] = set()

    def work(n: int) -> int:
        ran_on.add(threading.current_thread().name)
        return n * n

    assert list(_in_order(work, iter(range(50)), threads)) == [n * n for n in range(50)]
    here = threading.current_thread().name
    assert ran_on == {here} if threads == 1 else all(n.startswith("frames") for n in ran_on)


def test_only_a_few_frames_are_decoded_ahead():
    pulled = []

    def frames() -> Iterator[int]:
        for n in range(100):
            pulled.append(n)
            yield n

    results = _in_order(lambda n: n, frames(), 2)
    assert next(results) == 0
    assert len(pulled) <= 2 * 2 + 1
    results.close()


def test_a_failure_in_one_frame_is_raised_in_order():
    def work(n: int) -> int:
        if n == 3:
            raise ValueError("frame 3")
        return n

    results = _in_order(work, iter(range(10)), 2)
    assert [next(results) for _ in range(3)] == [0, 1, 2]
    with pytest.raises(ValueError, match="frame 3"):
        next(results)


def test_a_frame_read_whole_only_is_one_view_and_misses_the_small_faces_tiles_find():
    from thinktwice.vision import faces
    from thinktwice.vision.decode import for_analysis
    from thinktwice.vision.options import DEFAULT_VISION

    from .build import group_photo, jpeg
    from .test_faces import SMALL

    picture, expected = group_photo(SMALL, width=2000, height=1200)
    image = for_analysis(jpeg(picture), DEFAULT_VISION.analysis_size).image
    assert len(faces.views(image, tiles=False)) == 1 < len(faces.views(image))
    model, threshold = faces.get(), DEFAULT_VISION.face_threshold
    whole = model.detect(image, threshold, tiles=False)
    assert len(whole) < len(expected) / 2 <= len(model.detect(image, threshold))
