"""The NudeNet detector: its ONNX model run by onnxruntime, loaded once, bounded.

NudeNet 3.4 (AGPL-3.0) ships `320n.onnx`, a YOLOv8-nano detector of 18 classes
(exposed and covered body parts, female and male faces) trained at 320 pixels.
The `nudenet` package's own wrapper imports OpenCV (50 MB of memory) and runs
with onnxruntime's default threading, so the model is driven here directly: the
label list is read from the model file's own metadata, the picture is resized
with Pillow so that its longest side is 320 and padded to a multiple of the
network's stride (32) rather than to a square, and the output is decoded the
way NudeNet does (centre boxes, best class per row, class-agnostic
non-maximum suppression at IoU 0.45).

The model is loaded once per (path, threads), behind a lock, the first time it is
needed or when the service calls `warm()` at start-up; a file that fails to load
is remembered (with its size and time) so that every inspection does not retry a
12 MB parse, and retried when the file changes. Inference holds a semaphore:
at most `concurrency` run at once, each on `threads` onnxruntime threads.
"""

from __future__ import annotations

import ast
import contextlib
import importlib.util
import os
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from PIL import Image

from ..errors import AnalysisUnavailable
from .options import DEFAULT_VISION, VisionOptions
from .report import brief

MODEL_FILE = "320n.onnx"
STRIDE = 32  # the network downsamples by 32: inputs are padded to a multiple of it
PAD_LEVEL = 114  # YOLO's letterbox grey, the padding the model saw in training
CANDIDATE_SCORE = 0.2  # rows below this are dropped before suppression (as NudeNet does)
NMS_IOU = 0.45  # overlap beyond which the lower-scoring box is dropped (as NudeNet does)
CLASSES = 18  # the 320n model's class count: rows are 4 box values + 18 scores


@dataclass(frozen=True, slots=True)
class Detection:
    """One object the model found: its label, score (0-1) and box in input-picture pixels."""

    label: str
    score: float
    left: float
    top: float
    right: float
    bottom: float


class Model:
    """A loaded NudeNet model; `detect` is safe to call from many threads."""

    def __init__(self, path: Path, threads: int, concurrency: int) -> None:
        # onnxruntime's telemetry is on by default: it writes a device id under
        # ~/.cache/Microsoft and sends events to Microsoft. It reads this before import.
        os.environ["ORT_DISABLE_TELEMETRY"] = "1"
        import onnxruntime  # type: ignore[import-untyped]  # heavy: loaded on first use

        settings = onnxruntime.SessionOptions()
        settings.intra_op_num_threads = threads
        settings.inter_op_num_threads = 1
        settings.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        # Idle worker threads spinning for work would burn the cores other requests need.
        settings.add_session_config_entry("session.intra_op.allow_spinning", "0")
        self._session = onnxruntime.InferenceSession(
            str(path), settings, providers=["CPUExecutionProvider"]
        )
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
        raise AnalysisUnavailable(
            "Nudity and face detection is unavailable: the nudenet package is not installed."
        )
    return Path(next(iter(spec.submodule_search_locations))) / MODEL_FILE


def get(options: VisionOptions = DEFAULT_VISION) -> Model:
    """The model `options` name, loaded on first use and shared by every thread.

    Raises `AnalysisUnavailable` naming the file and the reason when it is missing or broken.
    """
    path = options.model_path or default_model_path()
    key = (str(path), options.threads, options.concurrency)
    with _lock:
        if key in _models:
            return _models[key]
        stamp = _stamp(path)
        failure = _failures.get(key)
        if failure is not None and failure[0] == stamp:
            raise AnalysisUnavailable(failure[1])
        try:
            model = _load(path, options)
        except AnalysisUnavailable as exc:
            _failures[key] = (stamp, str(exc))
            raise
        _models[key] = model
        return model


def warm(options: VisionOptions = DEFAULT_VISION) -> None:
    """Load the model and run it once, so the first inspection does not wait (0.1-0.2 s).

    Meant for a background thread at service start-up; a broken model is reported
    by the inspections themselves, so failures here are left for them.
    """
    with contextlib.suppress(AnalysisUnavailable):
        get(options).detect(Image.new("RGB", (64, 64)), options.input_size, 1.0)


_lock = threading.Lock()
_models: dict[tuple[str, int, int], Model] = {}
_failures: dict[tuple[str, int, int], tuple[tuple[int, int] | None, str]] = {}


def _forget() -> None:
    # An onnxruntime session does not survive fork(): a child process loads its own.
    global _lock
    _lock = threading.Lock()
    _models.clear()
    _failures.clear()


os.register_at_fork(after_in_child=_forget)


def _load(path: Path, options: VisionOptions) -> Model:
    if not path.is_file():
        raise AnalysisUnavailable(
            f"Nudity and face detection is unavailable: its model was not found at {path}."
        )
    try:
        return Model(path, options.threads, options.concurrency)
    except Exception as exc:  # onnxruntime raises its own types for unreadable models
        reason = brief(str(exc))
        raise AnalysisUnavailable(
            f"Nudity and face detection is unavailable: its model {path} could not be"
            f" loaded ({reason})."
        ) from exc


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns


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
        for i in _suppress(corners, best)
    ]


def _suppress(
    boxes: npt.NDArray[np.floating[Any]], scores: npt.NDArray[np.floating[Any]]
) -> list[int]:
    """Greedy non-maximum suppression: indexes of the boxes kept, best first."""
    order = list(np.argsort(-scores))
    area = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
    kept: list[int] = []
    while order:
        i = int(order.pop(0))
        kept.append(i)
        if not order:
            break
        rest = np.array(order)
        x0 = np.maximum(boxes[i, 0], boxes[rest, 0])
        y0 = np.maximum(boxes[i, 1], boxes[rest, 1])
        x1 = np.minimum(boxes[i, 2], boxes[rest, 2])
        y1 = np.minimum(boxes[i, 3], boxes[rest, 3])
        overlap = np.clip(x1 - x0, 0, None) * np.clip(y1 - y0, 0, None)
        iou = overlap / (area[i] + area[rest] - overlap + 1e-9)
        order = [int(j) for j, o in zip(rest, iou, strict=True) if o <= NMS_IOU]
    return kept
