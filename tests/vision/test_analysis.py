"""inspect() with pixel analysis: merged findings, face boxes, and failures as problems."""

from __future__ import annotations

import multiprocessing
import threading

import pytest

from tests.support.images import FULL_METADATA, encode, photo, with_metadata, with_thumbnail
from thinktwice.formats import jpeg as jpeg_format
from thinktwice.limits import DEFAULT_LIMITS
from thinktwice.metadata.decode import decode
from thinktwice.models import Kind, Severity
from thinktwice.pipeline import inspect
from thinktwice.vision import codes, model
from thinktwice.vision.analysis import PixelJob, analyse_pixels
from thinktwice.vision.options import DEFAULT_VISION, VisionOptions

from .build import astronaut, broken_png, jpeg, png


def test_pixel_analysis_is_on_by_default_and_reports_faces(detector):
    report = inspect(jpeg(astronaut()))
    assert report.pixel_analysis == "done"
    assert len(report.faces) == 1
    data = report.to_dict()
    assert data["pixel_analysis"] == "done"
    assert data["faces"] == [report.faces[0].to_dict()]
    assert set(data["faces"][0]) == {"x", "y", "width", "height"}


def test_pixels_off_does_no_pixel_work():
    report = inspect(jpeg(astronaut()), pixels=False)
    assert report.pixel_analysis == "off"
    assert report.faces == ()
    assert not {f.kind for f in report.findings} & {Kind.FACE, Kind.NUDITY, Kind.CODE, Kind.TEXT}
    assert report.to_dict()["pixel_analysis"] == "off"


def test_metadata_and_pixel_findings_are_merged_worst_first(detector):
    data = with_metadata(jpeg(astronaut()), ".jpg", *FULL_METADATA)
    report = inspect(data)
    kinds = [f.kind for f in report.findings]
    assert Kind.FACE in kinds and Kind.LOCATION in kinds
    severities = [f.severity for f in report.findings]
    assert severities == sorted(severities, reverse=True)
    assert report.findings[-1].kind is Kind.FACE  # info comes last


@pytest.mark.parametrize("corrupt", [False, True])
def test_a_broken_model_is_a_problem_and_the_rest_still_comes_back(tmp_path, corrupt):
    path = tmp_path / "320n.onnx"
    if corrupt:
        path.write_bytes(b"\x00garbage\xff" * 1000)
    data = with_metadata(jpeg(photo(96, 64)), ".jpg", *FULL_METADATA)
    report = inspect(data, vision=VisionOptions(model_path=path))
    metadata_only = inspect(data, pixels=False)
    assert report.pixel_analysis == "unavailable"
    reason = "could not be loaded" if corrupt else "was not found"
    (problem,) = [p for p in report.problems if "Nudity detection" in p]
    assert problem.startswith("Nudity detection is unavailable: its model")
    assert reason in problem and str(path) in problem
    assert report.cleaned == metadata_only.cleaned
    assert report.findings == metadata_only.findings
    assert report.verdict == "high"


def test_undecodable_pixels_are_a_problem_not_an_error():
    seen = analyse_pixels(broken_png())
    assert seen.status == "unavailable"
    assert seen.problems[0].startswith(
        "Pixel analysis is unavailable: the picture could not be decoded"
    )


def test_only_the_first_frame_of_an_animation_is_analysed_and_that_is_said():
    frames = [photo(60, 40, seed=i) for i in range(3)]
    animation = encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100)
    report = inspect(animation)
    assert report.pixel_analysis == "done"
    assert "Only the first of its 3 frames was analysed for pixels." in report.problems


def test_a_face_alone_does_not_raise_the_verdict_above_info(detector):
    report = inspect(png(astronaut()))
    assert report.verdict == "info"
    assert [f.severity for f in report.findings] == [Severity.INFO]


def test_photo_like_noise_shows_nothing(detector):
    for fmt in ("JPEG", "PNG", "WEBP"):
        report = inspect(encode(photo(800, 600), fmt))
        assert report.pixel_analysis == "done"
        assert report.findings == () and report.faces == ()


def report_faces(data, results):
    results.put(len(inspect(data).faces))


def test_a_forked_worker_analyses_with_its_own_model_and_pool(detector):
    # The CLI's batches fork worker processes after the parent has used the model
    # and the pool; threads do not survive fork, so the child must start its own.
    data = png(astronaut())
    assert len(inspect(data).faces) == 1
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    worker = context.Process(target=report_faces, args=(data, results))
    worker.start()
    worker.join(timeout=60)
    if worker.is_alive():  # a child waiting on the parent's dead pool threads
        worker.terminate()
        worker.join()
    assert worker.exitcode == 0
    assert results.get(timeout=5) == 1


def test_a_picture_too_large_to_decode_whole_is_not_analysed_but_a_jpeg_is():
    # Only JPEG decodes at a reduced scale; other formats are decoded whole first.
    options = VisionOptions(max_decoded_pixels=200_000)
    seen = analyse_pixels(png(photo(600, 400)), options=options)
    assert seen.status == "unavailable"
    assert seen.problems == (
        "Pixel analysis is unavailable: at 600x400 pixels, a PNG picture is too large to"
        " decode for analysis (the limit is 0.2 megapixels).",
    )
    assert analyse_pixels(jpeg(photo(600, 400)), options=options).status == "done"


def hold_the_model(monkeypatch, until: threading.Event) -> None:
    """Make the model wait (at most 5 s) for `until`, and fail if it is not set by then."""
    detect = model.Model.detect

    def held(self, *args, **kwargs):
        if not until.wait(5):
            raise RuntimeError("held too long")
        return detect(self, *args, **kwargs)

    monkeypatch.setattr(model.Model, "detect", held)


def test_the_code_reader_runs_while_the_model_does(detector, monkeypatch):
    reading = threading.Event()
    hold_the_model(monkeypatch, reading)
    read = codes.findings

    def reads(decoded):
        reading.set()
        return read(decoded)

    monkeypatch.setattr(codes, "findings", reads)
    assert analyse_pixels(jpeg(astronaut())).problems == ()


def test_thumbnails_are_compared_while_the_detectors_run(detector, monkeypatch):
    compared = threading.Event()
    hold_the_model(monkeypatch, compared)
    main = photo(400, 300, seed=1)
    data = with_thumbnail(jpeg(main), jpeg(main.resize((160, 120))))
    job = PixelJob(data, DEFAULT_LIMITS, DEFAULT_VISION, 1)
    assert job.thumbnails(decode(jpeg_format.read(data)).pictures) == (False,)
    compared.set()
    assert job.result().status == "done"
