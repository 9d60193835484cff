"""The face detector: YuNet, a small face detection network, run by onnxruntime.

YuNet (Wu, Peng and Yu, 2023; MIT licence, from the OpenCV Zoo) is 230 KB and
ships in this package (models/README.md names its source and checksum). It finds
faces from about 10 to 300 pixels across in its 640x640 input, frontal and
turned, in a crowd or alone. NudeNet's face classes, which this replaces, are
part of a nudity model: they missed faces in ordinary group photos.

The model's input is fixed at 640x640. The whole picture is scaled so that its
longest side is 640 and placed in the top-left corner of a black input, as BGR
levels 0-255 without normalisation, the way OpenCV's `FaceDetectorYN` feeds it:
that finds the large faces. A picture at least 800 pixels long (where that shows
its faces 1.25 times as large) is then also read at its own size, its long side at
most 1152, in 640-pixel tiles: two across each side longer than 640 (a 1000x750
analysis picture is read in four), overlapping by at least 128 pixels. The small
faces of a group photo are half as large again there as in the whole. A face cut by a tile's
inner edge is left to the tile beside it, which sees it whole. On crowded WIDER FACE
photos two tiles across the long side (the short side fitted in 640) took the share
of faces found from 43% to 73%, and four at the picture's own size to 78%, at the
same precision, for four more runs of the model in all (scripts/bench_faces.py).
Read at its own size, texture passes for a face a little more often: the orange
galaxies of the Hubble deep field give two faces scoring 0.63 there, none read whole.

Each of the three output strides (8, 16, 32 pixels) gives, per grid cell, a class
and an objectness score (the face score is the square root of their product) and
a box as an offset of the cell and a log size in strides. The boxes of every run,
scaled back to the picture's pixels, are suppressed together at IoU 0.3
(OpenCV's default): a face seen twice is one face.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Sequence
from dataclasses import dataclass
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
TILED_LONG = 1152  # the long side read in tiles at most (two 640s overlapping by 128)
TILE_GAIN = 1.25  # tiles are read only when they show faces at least this much larger
EDGE = 2  # pixels from a tile's cut edge within which a box counts as touching it
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

    def detect(
        self, image: Image.Image, threshold: float, *, tiles: bool = True
    ) -> list[Detection]:
        """Faces in `image` (RGB) scoring at least `threshold`, best first, boxes in its pixels.

        Without `tiles`, the picture is read whole only: small faces may be missed.
        """
        return merge([self.read(views(image, tiles), threshold)])

    def read(self, parts: Sequence[View], threshold: float) -> Seen:
        """What the model sees in each of `parts` (views of one picture), in the
        picture's pixels: `merge` makes faces of it. Parts may be read on
        different threads and merged after."""
        boxes: list[npt.NDArray[Any]] = [np.zeros((0, 4))]
        scores: list[npt.NDArray[Any]] = [np.zeros(0)]
        for view in parts:
            found, score = self._run(view.pixels, threshold)
            whole = _uncut(found, view.cut)
            boxes.append(found[whole] / view.scale + np.array(view.offset * 2))
            scores.append(score[whole])
        return Seen(np.concatenate(boxes), np.concatenate(scores))

    def _run(
        self, part: npt.NDArray[np.uint8], threshold: float
    ) -> tuple[npt.NDArray[Any], npt.NDArray[Any]]:
        # `part` (RGB rows) is at most 640x640: its faces' corners in its pixels, and scores.
        height, width, _ = part.shape
        tensor = np.zeros((1, 3, SIDE, SIDE), dtype=np.float32)
        tensor[0, :, :height, :width] = part[:, :, ::-1].transpose(2, 0, 1)  # BGR
        with self._slots:
            values = self._session.run(self._outputs, {self._input: tensor})
        return _decode(dict(zip(self._outputs, values, strict=True)), threshold)


@dataclass(frozen=True, slots=True)
class Seen:
    """Face boxes (x0, y0, x1, y1 in the picture's pixels) and their scores, as read in
    some views of a picture, before a face seen twice is made one."""

    corners: npt.NDArray[Any]
    scores: npt.NDArray[Any]


def merge(seen: Sequence[Seen]) -> list[Detection]:
    """The faces in what the views of one picture saw, best first: boxes of the same
    face (IoU over 0.3) suppressed together, whichever view saw them."""
    corners = np.concatenate([s.corners for s in seen])
    best = np.concatenate([s.scores for s in seen])
    kept = runtime.suppress(corners, best, NMS_IOU, MAX_FACES)
    return [Detection(LABEL, float(best[i]), *map(float, corners[i])) for i in kept]


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


@dataclass(frozen=True, slots=True)
class View:
    """A part of the picture the model reads: where it starts in the picture (x, y),
    at what scale, its pixels (RGB rows, at most 640x640: a tile is a slice of the
    scaled picture's, not a copy), and which of its edges (left, top, right, bottom)
    cut through the picture rather than follow its border."""

    offset: tuple[float, float]
    scale: float
    pixels: npt.NDArray[np.uint8]
    cut: tuple[bool, bool, bool, bool] = (False, False, False, False)


def views(image: Image.Image, tiles: bool = True) -> list[View]:
    """What the model reads of `image`: the whole picture fitted in 640 first, then
    (with `tiles`) the picture with its long side at most 1152, in 640-pixel tiles (two
    across each side longer than 640), when they show its faces larger enough."""
    whole = SIDE / max(image.size)
    views = [View((0, 0), whole, np.asarray(_scaled(image, whole, SIDE)))]
    # Never larger than the picture itself: upscaled, a cat's face scores as a person's.
    scale = min(TILED_LONG / max(image.size), 1.0)
    if not tiles or scale < whole * TILE_GAIN:
        return views
    big = np.asarray(image if scale == 1 else _scaled(image, scale, TILED_LONG))
    height, width, _ = big.shape
    for top in _starts(height):
        for left in _starts(width):
            tile = big[top : top + SIDE, left : left + SIDE]
            cut = (left > 0, top > 0, left + SIDE < width, top + SIDE < height)
            views.append(View((left / scale, top / scale), scale, tile, cut))
    return views


def _starts(length: int) -> tuple[int, ...]:
    # Where the tiles start along a side of `length` (at most TILED_LONG): one tile, or
    # two reaching its ends and overlapping by at least 2 * SIDE - TILED_LONG.
    return (0,) if length <= SIDE else (0, length - SIDE)


def _uncut(boxes: npt.NDArray[Any], cut: tuple[bool, bool, bool, bool]) -> npt.NDArray[np.bool_]:
    # A box touching an edge that cuts through the picture may be part of a face: the
    # tiles overlap by at least 128 pixels, so the other tile sees that face whole.
    left, top, right, bottom = cut
    keep = np.ones(len(boxes), dtype=bool)
    if left:
        keep &= boxes[:, 0] > EDGE
    if top:
        keep &= boxes[:, 1] > EDGE
    if right:
        keep &= boxes[:, 2] < SIDE - EDGE
    if bottom:
        keep &= boxes[:, 3] < SIDE - EDGE
    return keep


def _scaled(image: Image.Image, scale: float, most: int) -> Image.Image:
    width = min(most, max(1, round(image.width * scale)))
    height = min(most, max(1, round(image.height * scale)))
    return image.resize((width, height), Image.Resampling.BILINEAR)


def _decode(
    heads: dict[str, npt.NDArray[np.float32]], threshold: float
) -> tuple[npt.NDArray[Any], npt.NDArray[Any]]:
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
    return np.concatenate(boxes), np.concatenate(scores)
