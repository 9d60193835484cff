"""The NudeNet detector: its ONNX model run by onnxruntime, loaded once, bounded.

NudeNet 3.4 (AGPL-3.0) ships `320n.onnx`, a YOLOv8-nano detector of 18 classes
(exposed and covered body parts, female and male faces) trained at 320 pixels.
Its face classes are not used: faces come from a face detector (faces.py).
The `nudenet` package's own wrapper imports OpenCV (50 MB of memory) and runs
with onnxruntime's default threading, so the model is driven here directly: the
label list is read from the model file's own metadata, the picture is resized
with Pillow so that its longest side is 320 and padded to a multiple of the
network's stride (32) rather than to a square, and the output is decoded the
way NudeNet does (centre boxes, best class per row, class-agnostic
non-maximum suppression at IoU 0.45).

The model is loaded once (runtime.py), the first time it is needed or when the
service calls `warm()` at start-up, which warms the face detector (faces.py) too.
Inference holds a semaphore: at most `concurrency` run at once, each on `threads`
onnxruntime threads.
"""

from __future__ import annotations

import ast
import contextlib
import importlib.util
import threading
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from PIL import Image

from ..errors import AnalysisUnavailable
from . import faces, runtime
from .options import DEFAULT_VISION, VisionOptions
from .runtime import Detection

MODEL_FILE = "320n.onnx"
STRIDE = 32  # the network downsamples by 32: inputs are padded to a multiple of it
PAD_LEVEL = 114  # YOLO's letterbox grey, the padding the model saw in training
CANDIDATE_SCORE = 0.2  # rows below this are dropped before suppression (as NudeNet does)
NMS_IOU = 0.45  # overlap beyond which the lower-scoring box is dropped (as NudeNet does)
CLASSES = 18  # the 320n model's class count: rows are 4 box values + 18 scores
WHAT = "Nudity detection"  # how problems name it


class Model:
    """A loaded NudeNet model; `detect` is safe to call from many threads."""

    def __init__(self, path: Path, threads: int, concurrency: int) -> None:
        self._session = runtime.session(path, threads)
        self._input = self._session.get_inputs()[0].name
        self.labels = _labels(self._session)
        self._slots = threading.BoundedSemaphore(concurrency)

    def detect(self, image: Image.Image, size: int, threshold: float) -> list[Detection]:
        """Objects in `image` (RGB) scoring at least `threshold`, boxes in its pixels.

        The picture is scaled so that its longest side is `size` for the network.
        """
        tensor, scale = _input_tensor(image, size)
        with self._slots:
            (output,) = self._session.run(None, {self._input: tensor})
        return _decode(output, scale, max(threshold, CANDIDATE_SCORE), self.labels)


def default_model_path() -> Path:
    """Where the `nudenet` package keeps its model (without importing it: it loads OpenCV)."""
    spec = importlib.util.find_spec("nudenet")
    if spec is None or not spec.submodule_search_locations:
        raise AnalysisUnavailable(f"{WHAT} is unavailable: the nudenet package is not installed.")
    return Path(next(iter(spec.submodule_search_locations))) / MODEL_FILE


def get(options: VisionOptions = DEFAULT_VISION) -> Model:
    """The model `options` name, loaded on first use and shared by every thread.

    Raises `AnalysisUnavailable` naming the file and the reason when it is missing or broken.
    """
    path = options.model_path or default_model_path()
    return runtime.load(WHAT, path, options.threads, options.concurrency, Model)


def warm(options: VisionOptions = DEFAULT_VISION) -> None:
    """Load the models and run them once, so the first inspection does not wait (0.1-0.2 s).

    Meant for a background thread at service start-up; a broken model is reported
    by the inspections themselves, so failures here are left for them.
    """
    with contextlib.suppress(AnalysisUnavailable):
        get(options).detect(Image.new("RGB", (64, 64)), options.input_size, 1.0)
    faces.warm(options)


def _labels(session: Any) -> tuple[str, ...]:
    # Ultralytics exports store the class names as a dict literal: "{0: 'A', 1: 'B'}".
    names = session.get_modelmeta().custom_metadata_map.get("names", "")
    try:
        table = ast.literal_eval(names)
        labels = tuple(str(table[i]) for i in range(len(table)))
    except (ValueError, SyntaxError, KeyError, TypeError) as exc:
        raise ValueError(f"its class names are unreadable: {names[:80]!r}") from exc
    if len(labels) != CLASSES:
        raise ValueError(f"it names {len(labels)} classes, not the {CLASSES} of NudeNet 320n")
    return labels


def _input_tensor(image: Image.Image, size: int) -> tuple[npt.NDArray[np.float32], float]:
    scale = size / max(image.size)
    width = max(1, round(image.width * scale))
    height = max(1, round(image.height * scale))
    canvas = Image.new("RGB", (_padded(width), _padded(height)), (PAD_LEVEL,) * 3)
    canvas.paste(image.resize((width, height), Image.Resampling.BILINEAR), (0, 0))
    pixels = np.asarray(canvas, dtype=np.float32) / np.float32(255)
    return pixels.transpose(2, 0, 1)[np.newaxis].copy(), scale


def _padded(n: int) -> int:
    return -(-n // STRIDE) * STRIDE


def _decode(
    output: npt.NDArray[np.float32], scale: float, threshold: float, labels: tuple[str, ...]
) -> list[Detection]:
    rows = output[0].T  # (candidates, 4 + classes): cx, cy, w, h, then one score per class
    scores = rows[:, 4:]
    best = scores.max(axis=1)
    keep = best >= threshold
    rows, best, classes = rows[keep], best[keep], scores[keep].argmax(axis=1)
    half = rows[:, 2:4] / 2
    corners = np.concatenate([rows[:, :2] - half, rows[:, :2] + half], axis=1) / scale
    return [
        Detection(labels[int(classes[i])], float(best[i]), *map(float, corners[i]))
        for i in runtime.suppress(corners, best, NMS_IOU)
    ]
