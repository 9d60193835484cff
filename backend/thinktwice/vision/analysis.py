"""Pixel analysis of one picture: decode it small once, then ask each detector.

    decode (draft/reduce, upright)  -> model: nudity and faces   bodies.py
                                    -> zxing: QR codes, barcodes  codes.py
                                    -> tesseract: text (if it looks like text)  text.py

Nothing here raises: a part that fails becomes a line in `problems`, and the
status says "unavailable" when the decoding, the model or the code reader
failed (so "no nudity found" cannot be mistaken for "not looked at"). Text
recognition is optional: when it is missing or fails, the status stays "done".

`start` runs the analysis in a small shared pool so that `inspect` reads the
metadata meanwhile: JPEG decoding and the model release the GIL, so on two cores
the pixel half (about 80 ms on a 12-megapixel photo, half of it decoding) overlaps
the metadata half (about 45 ms, most of it decoding the picture again to compare
its thumbnail). The pool's size bounds how many pictures are analysed at once,
whatever calls it.
"""

from __future__ import annotations

import os
import threading
from concurrent.futures import Future, ThreadPoolExecutor

from PIL import UnidentifiedImageError

from ..errors import AnalysisUnavailable, ImageTooLarge
from ..limits import DEFAULT_LIMITS, Limits
from ..models import Box, Finding
from . import bodies, codes, decode, model, text
from .options import DEFAULT_VISION, VisionOptions
from .report import PixelReport, brief


def analyse_pixels(
    data: bytes,
    limits: Limits = DEFAULT_LIMITS,
    options: VisionOptions = DEFAULT_VISION,
    frames: int = 1,
) -> PixelReport:
    """Nudity, faces, codes and text in the picture `data` holds (its first frame)."""
    try:
        decoded = decode.for_analysis(
            data, options.analysis_size, limits, options.max_decoded_pixels
        )
    except ImageTooLarge as exc:
        return _unavailable(f"Pixel analysis is unavailable: {_reason(exc)}.")
    except Exception as exc:  # Pillow raises many types on data it cannot decode
        return _unavailable(
            f"Pixel analysis is unavailable: the picture could not be decoded ({_reason(exc)})."
        )
    found: list[Finding] = []
    faces: tuple[Box, ...] = ()
    problems: list[str] = []
    failed = False
    try:
        detector = model.get(options)
        threshold = min(options.nudity_threshold, options.face_threshold)
        detections = detector.detect(decoded.image, options.input_size, threshold)
        body_findings, faces = bodies.findings(detections, decoded, options)
        found += body_findings
    except AnalysisUnavailable as exc:  # the model is missing or broken: its message says so
        problems.append(str(exc))
        failed = True
    except Exception as exc:  # an inference crash must not cost the rest of the report
        problems.append(f"Nudity and face detection failed: {_reason(exc)}.")
        failed = True
    try:
        found += codes.findings(decoded)
    except Exception as exc:  # a reader crash must not cost the rest of the report
        problems.append(f"Code detection failed: {_reason(exc)}.")
        failed = True
    try:
        text_findings, text_problems = text.findings(decoded, data, limits, options)
    except Exception as exc:  # optional: its failure is told, the status stays "done"
        text_findings, text_problems = [], [f"Text recognition failed: {_reason(exc)}."]
    found += text_findings
    problems += text_problems
    if frames > 1:
        problems.append(f"Only the first of its {frames} frames was analysed for pixels.")
    return PixelReport(tuple(found), faces, tuple(problems), "unavailable" if failed else "done")


def start(
    data: bytes,
    limits: Limits = DEFAULT_LIMITS,
    options: VisionOptions = DEFAULT_VISION,
    frames: int = 1,
) -> Future[PixelReport]:
    """`analyse_pixels` running in the shared pool; `.result()` never raises."""
    return _pool(options.concurrency).submit(analyse_pixels, data, limits, options, frames)


def _unavailable(problem: str) -> PixelReport:
    return PixelReport(problems=(problem,), status="unavailable")


def _reason(exc: Exception) -> str:
    if isinstance(exc, UnidentifiedImageError):  # its message only names a BytesIO object
        return "no decoder for this format is installed"
    message = brief(str(exc)).rstrip(".")
    return message or type(exc).__name__


_pools: dict[int, ThreadPoolExecutor] = {}
_pools_lock = threading.Lock()


def _pool(workers: int) -> ThreadPoolExecutor:
    with _pools_lock:
        if workers not in _pools:
            _pools[workers] = ThreadPoolExecutor(workers, thread_name_prefix="thinktwice-pixels")
        return _pools[workers]


def _forget_pools() -> None:
    # Threads do not survive fork(): a child process starts its own pool.
    global _pools_lock
    _pools_lock = threading.Lock()
    _pools.clear()


os.register_at_fork(after_in_child=_forget_pools)
