"""The NudeNet model as run here agrees with NudeNet's own wrapper, and fails clearly."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from nudenet import NudeDetector
from nudenet import nudenet as reference

from thinktwice.errors import AnalysisUnavailable
from thinktwice.vision import model
from thinktwice.vision.options import VisionOptions

from .build import ASTRONAUT_FACE, astronaut


def test_labels_come_from_the_model_file_and_match_nudenets_list(detector):
    assert list(detector.labels) == reference.__dict__["__labels"]


def test_the_astronauts_face_is_where_nudenet_itself_finds_it(detector):
    picture = astronaut()
    ours = [d for d in detector.detect(picture, 320, 0.4) if d.label.startswith("FACE")]
    theirs = NudeDetector().detect(cv2.cvtColor(np.asarray(picture), cv2.COLOR_RGB2BGR))
    (face,) = [d for d in theirs if d["class"] == "FACE_FEMALE"]
    assert face["box"] == list(ASTRONAUT_FACE)
    assert [d.label for d in ours] == ["FACE_FEMALE"]
    x, y, w, h = face["box"]
    got = ours[0]
    assert abs(got.left - x) < 5 and abs(got.top - y) < 5
    assert abs(got.right - (x + w)) < 5 and abs(got.bottom - (y + h)) < 5


def test_the_model_is_loaded_once_and_shared(detector):
    assert model.get() is detector
    assert model.get(VisionOptions()) is detector


def test_a_missing_model_file_is_named(tmp_path):
    missing = tmp_path / "nowhere" / "320n.onnx"
    with pytest.raises(AnalysisUnavailable, match=f"model was not found at {missing}"):
        model.get(VisionOptions(model_path=missing))


def test_a_corrupt_model_file_is_named_with_the_reason(tmp_path):
    corrupt = tmp_path / "320n.onnx"
    corrupt.write_bytes(b"\x08\x07not an onnx model" * 100)
    with pytest.raises(AnalysisUnavailable, match=f"model {corrupt} could not be loaded") as first:
        model.get(VisionOptions(model_path=corrupt))
    # The failure is remembered rather than re-parsed on every inspection...
    with pytest.raises(AnalysisUnavailable) as again:
        model.get(VisionOptions(model_path=corrupt))
    assert str(again.value) == str(first.value)


def test_a_repaired_model_file_is_loaded_again(tmp_path, detector):
    path = tmp_path / "320n.onnx"
    path.write_bytes(b"broken")
    with pytest.raises(AnalysisUnavailable):
        model.get(VisionOptions(model_path=path))
    path.write_bytes(model.default_model_path().read_bytes())
    assert model.get(VisionOptions(model_path=path)).labels == detector.labels


def test_warm_never_raises(tmp_path):
    model.warm(VisionOptions(model_path=tmp_path / "missing.onnx"))
