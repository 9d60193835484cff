"""Pixel analysis of one picture: decode it small once, then ask the detectors at once.

    decode (draft/reduce, upright) -> NudeNet: nudity            } bodies.py } three
                                   -> YuNet: faces               }           } tasks
                                   -> zxing: QR codes, barcodes  codes.py    } in the
                                      tesseract: text (if it looks like text)  } pool
                                   -> the thumbnails' comparison (thumbnails.py, the caller)

Nothing here raises: a part that fails becomes a line in `problems`, and the
status says "unavailable" when the decoding, a model or the code reader
failed (so "no nudity found" cannot be mistaken for "not looked at"). Text
recognition is optional: when it is missing or fails, the status stays "done".

A `PixelJob` runs the analysis in a small shared pool so that `inspect` reads the
metadata meanwhile. The decoded picture is shared: NudeNet, the face detector and
the code reader read it on the pool's threads (onnxruntime, zxing-cpp and Pillow
release the GIL; about 23, 55 and 11 ms on a 12-megapixel photo, the face
detector's five views read in two halves, one per thread), whose results
are joined (bodies.py) by the caller, and the pipeline compares the embedded
thumbnails with it rather than decoding the photo again (which cost as much as
the decoding itself, about 40 ms, most of it libjpeg reading the entropy-coded
data). No task in the pool waits for another, so a full pool only queues work;
the pool's size bounds how many parts of pictures are analysed at once,
whatever calls it.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

from PIL import UnidentifiedImageError

from ..errors import AnalysisUnavailable, ImageTooLarge
from ..limits import DEFAULT_LIMITS, Limits
from ..models import Finding
from ..records import Picture
from . import bodies, codes, decode, faces, model, text, thumbnails
from .options import DEFAULT_VISION, VisionOptions
from .report import PixelReport, brief
from .runtime import Detection

T = TypeVar("T")
N = TypeVar("N")
# What a detector found, and the problem lines when it could not look.
_Found = tuple[list[Detection], tuple[str, ...]]
# What the face detector saw in some views of the picture, or why it could not look.
_Seen = tuple[faces.Seen | None, tuple[str, ...]]
# What the decoding task hands on once NudeNet is done: the picture, NudeNet's
# detections, and the faces (in two halves) and the codes and text under way on
# other threads.
_Begun = tuple[decode.Decoded, _Found, tuple[Future[_Seen], ...], Future[PixelReport]]


class PixelJob:
    """One picture's analysis, started in the shared pool; nothing it offers raises."""

    def __init__(self, data: bytes, limits: Limits, options: VisionOptions, frames: int) -> None:
        self._frames = frames
        self._options = options
        self._picture: Future[decode.Decoded] = Future()  # as soon as it is decoded
        started = threading.Event()
        self._begun: Future[_Begun] = _pool(options.concurrency).submit(
            _begin, data, limits, options, self._picture, started
        )
        # The caller goes on with the metadata, pure Python holding the GIL: a pool
        # thread waking meanwhile gets it only after a switch interval (5 ms), which
        # would delay the decoding, the longest part. Let it start first; a busy
        # pool is not waited for longer than that delay.
        started.wait(sys.getswitchinterval())

    def thumbnails(self, pictures: Sequence[Picture]) -> tuple[bool | None, ...]:
        """For each of `pictures`, whether it shows another picture (`thumbnails.compare`),
        judged against the picture this analysis decoded, while the detectors run."""
        return thumbnails.compare_with(pictures, self._decoded)

    def result(self) -> PixelReport:
        """The report, once every part is done."""
        try:
            self._picture.result()
        except ImageTooLarge as exc:
            return _unavailable(f"Pixel analysis is unavailable: {_reason(exc)}.")
        except Exception as exc:  # Pillow raises many types on data it cannot decode
            return _unavailable(
                f"Pixel analysis is unavailable: the picture could not be decoded ({_reason(exc)})."
            )
        decoded, (detections, unseen), halves, rest = self._begun.result()
        (seen, unfound), more = _joined([half.result() for half in halves]), rest.result()
        found, boxes = bodies.findings(detections, seen, decoded, self._options)
        problems = [*unseen, *unfound, *more.problems]
        if self._frames > 1:
            problems.append(f"Only the first of its {self._frames} frames was analysed for pixels.")
        failed = bool(unseen or unfound) or more.status == "unavailable"
        return PixelReport(
            (*found, *more.findings), boxes, tuple(problems), "unavailable" if failed else "done"
        )

    def cancel(self) -> None:
        """Drop the analysis if it has not started (the inspection failed meanwhile)."""
        if self._begun.cancel():
            self._picture.cancel()

    def _decoded(self) -> decode.Decoded | None:
        try:
            return self._picture.result()
        except Exception:  # the decoding failed (or was cancelled): result() says why
            return None


def analyse_pixels(
    data: bytes,
    limits: Limits = DEFAULT_LIMITS,
    options: VisionOptions = DEFAULT_VISION,
    frames: int = 1,
) -> PixelReport:
    """Nudity, faces, codes and text in the picture `data` holds (its first frame)."""
    return PixelJob(data, limits, options, frames).result()


def _begin(
    data: bytes,
    limits: Limits,
    options: VisionOptions,
    picture: Future[decode.Decoded],
    started: threading.Event,
) -> _Begun:
    # Runs in the pool: decode, hand the faces and the codes and text to other threads
    # (faces first: the longest), run NudeNet. No task waits for another: result() joins.
    # The face detector's views are read in two halves, one per thread: with its
    # tiles, reading them is twice NudeNet's work, and one thread would finish last.
    started.set()
    try:
        decoded = decode.for_analysis(
            data, options.analysis_size, limits, options.max_decoded_pixels
        )
    except BaseException as exc:  # told by result(); the thumbnails are then not compared
        picture.set_exception(exc)
        raise
    picture.set_result(decoded)
    pool = _pool(options.concurrency)
    views = faces.views(decoded.image)
    middle = (len(views) + 1) // 2
    halves = tuple(
        pool.submit(_faces, decoded, part, options) for part in (views[:middle], views[middle:])
    )
    rest = pool.submit(_codes_and_text, decoded, data, limits, options)
    return decoded, _nudity(decoded, options), halves, rest


def _nudity(decoded: decode.Decoded, options: VisionOptions) -> _Found:
    threshold = options.nudity_threshold
    return _detected(
        lambda: model.get(options).detect(decoded.image, options.input_size, threshold),
        model.WHAT,
        [],
    )


def _faces(decoded: decode.Decoded, views: list[faces.View], options: VisionOptions) -> _Seen:
    return _detected(
        lambda: faces.get(options).read(views, options.face_threshold), faces.WHAT, None
    )


def _joined(halves: list[_Seen]) -> _Found:
    # The faces of both halves made one list; a problem told once, not per half.
    seen = [part for part, _ in halves if part is not None]
    problems = tuple(dict.fromkeys(p for _, told in halves for p in told))
    return faces.merge(seen) if seen else [], problems


def _detected(run: Callable[[], T], what: str, nothing: N) -> tuple[T | N, tuple[str, ...]]:
    # Each detector on its own: a broken face model must not hide the nudity found.
    try:
        return run(), ()
    except AnalysisUnavailable as exc:  # the model is missing or broken: its message says so
        return nothing, (str(exc),)
    except Exception as exc:  # an inference crash must not cost the rest of the report
        return nothing, (f"{what} failed: {_reason(exc)}.",)


def _codes_and_text(
    decoded: decode.Decoded, data: bytes, limits: Limits, options: VisionOptions
) -> PixelReport:
    found: list[Finding] = []
    problems: list[str] = []
    failed = False
    try:
        found += codes.findings(decoded)
    except Exception as exc:  # a reader crash must not cost the rest of the report
        problems.append(f"Code detection failed: {_reason(exc)}.")
        failed = True
    try:
        text_findings, text_problems = text.findings(decoded, data, limits, options)
    except Exception as exc:  # optional: its failure is told, the status stays "done"
        text_findings, text_problems = [], [f"Text recognition failed: {_reason(exc)}."]
    return PixelReport(
        tuple(found + text_findings),
        problems=tuple(problems + text_problems),
        status="unavailable" if failed else "done",
    )


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
