"""What the ONNX detectors share: their onnxruntime session, their loading, their boxes.

A model is loaded once per (file, threads, concurrency), behind a lock, the first
time it is needed or when the service warms it at start-up; a file that fails to
load is remembered (with its size and time) so that every inspection does not
retry the parse, and retried when the file changes. Sessions run sequentially on
`threads` onnxruntime threads, without idle threads spinning for work.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
import numpy.typing as npt

from ..errors import AnalysisUnavailable
from .report import brief

T = TypeVar("T")
Key = tuple[str, str, int, int]  # what, file, threads, concurrency


@dataclass(frozen=True, slots=True)
class Detection:
    """One object the model found: its label, score (0-1) and box in input-picture pixels."""

    label: str
    score: float
    left: float
    top: float
    right: float
    bottom: float


def session(path: Path, threads: int) -> Any:
    """An onnxruntime CPU session for the model at `path`, on `threads` threads."""
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
    return onnxruntime.InferenceSession(str(path), settings, providers=["CPUExecutionProvider"])


def load(what: str, path: Path, threads: int, concurrency: int,
         build: Callable[[Path, int, int], T]) -> T:  # fmt: skip
    """The model `build` makes of `path`, made once and shared by every thread.

    `what` names the detector in the messages ("Face detection"). Raises
    `AnalysisUnavailable` naming the file and the reason when it is missing or broken.
    """
    key = (what, str(path), threads, concurrency)
    with _lock:
        if key in _models:
            loaded: T = _models[key]
            return loaded
        stamp = _stamp(path)
        failure = _failures.get(key)
        if failure is not None and failure[0] == stamp:
            raise AnalysisUnavailable(failure[1])
        try:
            model = _build(what, path, threads, concurrency, build)
        except AnalysisUnavailable as exc:
            _failures[key] = (stamp, str(exc))
            raise
        _models[key] = model
        return model


def suppress(
    boxes: npt.NDArray[np.floating[Any]],
    scores: npt.NDArray[np.floating[Any]],
    limit: float,
    most: int | None = None,
) -> list[int]:
    """Greedy non-maximum suppression: indexes of the boxes kept, best first, at most
    `most`; a box overlapping a better one by more than `limit` (IoU) is dropped."""
    # In NumPy, not a Python loop over pairs: a crowd gives thousands of candidates.
    order = np.argsort(-scores)
    area = (boxes[:, 2] - boxes[:, 0]) * (boxes[:, 3] - boxes[:, 1])
    kept: list[int] = []
    while order.size and (most is None or len(kept) < most):
        i, rest = int(order[0]), order[1:]
        kept.append(i)
        x0 = np.maximum(boxes[i, 0], boxes[rest, 0])
        y0 = np.maximum(boxes[i, 1], boxes[rest, 1])
        x1 = np.minimum(boxes[i, 2], boxes[rest, 2])
        y1 = np.minimum(boxes[i, 3], boxes[rest, 3])
        overlap = np.clip(x1 - x0, 0, None) * np.clip(y1 - y0, 0, None)
        iou = overlap / (area[i] + area[rest] - overlap + 1e-9)
        order = rest[iou <= limit]
    return kept


_lock = threading.Lock()
_models: dict[Key, Any] = {}
_failures: dict[Key, tuple[tuple[int, int] | None, str]] = {}


def _forget() -> None:
    # An onnxruntime session does not survive fork(): a child process loads its own.
    global _lock
    _lock = threading.Lock()
    _models.clear()
    _failures.clear()


os.register_at_fork(after_in_child=_forget)


def _build(what: str, path: Path, threads: int, concurrency: int,
           build: Callable[[Path, int, int], T]) -> T:  # fmt: skip
    if not path.is_file():
        raise AnalysisUnavailable(f"{what} is unavailable: its model was not found at {path}.")
    try:
        return build(path, threads, concurrency)
    except Exception as exc:  # onnxruntime raises its own types for unreadable models
        raise AnalysisUnavailable(
            f"{what} is unavailable: its model {path} could not be loaded ({brief(str(exc))})."
        ) from exc


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_size, info.st_mtime_ns
