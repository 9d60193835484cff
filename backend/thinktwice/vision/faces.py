"""The face detector: YuNet, a small face detection network, run by onnxruntime.

YuNet (Wu, Peng and Yu, 2023; MIT licence, from the OpenCV Zoo) is 230 KB and
ships in this package (models/README.md names its source and checksum). It finds
faces from about 10 to 300 pixels across in its 640x640 input, frontal and
turned, in a crowd or alone. NudeNet's face classes, which this replaces, are
part of a nudity model: they missed faces in ordinary group photos.

The picture is scaled so that its longest side is 640 and placed in the top-left
corner of a black 640x640 input (the model's input size is fixed), as BGR levels
0-255 without normalisation, the way OpenCV's `FaceDetectorYN` feeds it. Each of
the three output strides (8, 16, 32 pixels) gives, per grid cell, a class and an
objectness score (the face score is the square root of their product) and a box
as an offset of the cell and a log size in strides; boxes are then suppressed at
IoU 0.3 (OpenCV's default) and scaled back to the picture's pixels.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from PIL import Image

from ..errors import AnalysisUnavailable
from . import runtime
from .options import DEFAULT_VISION, VisionOptions
from .runtime import Detection

MODEL_FILE = Path(__file__).parent / "models" / "face_detection_yunet_2023mar.onnx"
SIDE = 640  # the model's fixed input: 640x640
STRIDES = (8, 16, 32)
NMS_IOU = 0.3  # OpenCV FaceDetectorYN's default
MAX_FACES = 300  # the most kept from one picture, best first (a stadium crowd)
LABEL = "face"
WHAT = "Face detection"  # how problems name it


class FaceModel:
    """The loaded YuNet model; `detect` is safe to call from many threads."""

    def __init__(self, path: Path, threads: int, concurrency: int) -> None:
        self._session = runtime.session(path, threads)
        (entry,) = self._session.get_inputs()
        if list(entry.shape) != [1, 3, SIDE, SIDE]:
            raise ValueError(f"its input is {entry.shape}, not YuNet's [1, 3, {SIDE}, {SIDE}]")
        self._input = entry.name
        self._outputs = [o.name for o in self._session.get_outputs()]
        wanted = {f"{part}_{s}" for part in ("cls", "obj", "bbox") for s in STRIDES}
        if not wanted <= set(self._outputs):
            raise ValueError(f"its outputs {self._outputs} are not YuNet's")
        self._slots = threading.BoundedSemaphore(concurrency)

    def detect(self, image: Image.Image, threshold: float) -> list[Detection]:
        """Faces in `image` (RGB) scoring at least `threshold`, best first, boxes in its pixels."""
        tensor, scale = _input_tensor(image)
        with self._slots:
            values = self._session.run(self._outputs, {self._input: tensor})
        heads = dict(zip(self._outputs, values, strict=True))
        return _decode(heads, scale, threshold)


def get(options: VisionOptions = DEFAULT_VISION) -> FaceModel:
    """The face model `options` name (the shipped YuNet by default), loaded once and shared.

    Raises `AnalysisUnavailable` naming the file and the reason when it is missing or broken.
    """
    path = options.face_model_path or MODEL_FILE
    return runtime.load(WHAT, path, options.threads, options.concurrency, FaceModel)


def warm(options: VisionOptions = DEFAULT_VISION) -> None:
    """Load the model and run it once (about 20 ms); failures are left for the inspections."""
    with contextlib.suppress(AnalysisUnavailable):
        get(options).detect(Image.new("RGB", (64, 64)), 1.0)


def _input_tensor(image: Image.Image) -> tuple[npt.NDArray[np.float32], float]:
    scale = SIDE / max(image.size)
    width = min(SIDE, max(1, round(image.width * scale)))
    height = min(SIDE, max(1, round(image.height * scale)))
    rgb = np.asarray(image.resize((width, height), Image.Resampling.BILINEAR), dtype=np.float32)
    tensor = np.zeros((1, 3, SIDE, SIDE), dtype=np.float32)
    tensor[0, :, :height, :width] = rgb[:, :, ::-1].transpose(2, 0, 1)  # RGB -> BGR planes
    return tensor, scale


def _decode(
    heads: dict[str, npt.NDArray[np.float32]], scale: float, threshold: float
) -> list[Detection]:
    boxes: list[npt.NDArray[Any]] = []
    scores: list[npt.NDArray[Any]] = []
    for stride in STRIDES:
        cls, obj = heads[f"cls_{stride}"][0, :, 0], heads[f"obj_{stride}"][0, :, 0]
        score = np.sqrt(np.clip(cls, 0, 1) * np.clip(obj, 0, 1))
        keep = np.nonzero(score >= threshold)[0]
        cells = SIDE // stride
        column, row = keep % cells, keep // cells
        offsets = heads[f"bbox_{stride}"][0, keep]
        cx = (column + offsets[:, 0]) * stride
        cy = (row + offsets[:, 1]) * stride
        half_w = np.exp(offsets[:, 2]) * stride / 2
        half_h = np.exp(offsets[:, 3]) * stride / 2
        boxes.append(np.stack([cx - half_w, cy - half_h, cx + half_w, cy + half_h], axis=1))
        scores.append(score[keep])
    corners = np.concatenate(boxes) / scale
    best = np.concatenate(scores)
    kept = runtime.suppress(corners, best, NMS_IOU)[:MAX_FACES]
    return [Detection(LABEL, float(best[i]), *map(float, corners[i])) for i in kept]
