"""Faces and nudity in a video: the photo analysis run on its key frames.

Frames are sampled with PyAV (FFmpeg in the wheel): key frames only (decoding one
needs no other), at most one a second and at most MAX_FRAMES, spread evenly over the
whole video, so a long video costs as much as a short one. An MP4 or MOV's are
handed over as samples found from its index (formats/video/keyframes.py), decoded
alone; other videos are demuxed, seeking from one to the next. Each goes through
the same detectors and thresholds as a photo (NudeNet, YuNet); the findings say from when:

    intimate content in some frame        -> nudity, HIGH ("... (from 0:12)")
    a face in a frame with intimate content -> face, CRITICAL
    a face otherwise                      -> face, INFO

Frames are judged on `concurrency` threads while the next ones are decoded (the
detectors release the GIL), so both cores of a small machine work on one video.
Faces are looked for in tiles (small ones, as in a photo) only on a frame that
shows intimate content; other frames are read whole, which costs a third as much.

Frames are turned upright first, by the track's display matrix: a phone filming
upright stores them on their side, and on their side the face detector found 2 of
the 95 faces it finds upright in a crowded WIDER FACE photo.
"""

from __future__ import annotations

import io
from collections import deque
from collections.abc import Callable, Iterator
from typing import Any, TypeVar

from PIL import Image

from ..errors import AnalysisUnavailable
from ..formats.video.keyframes import KeyFrames
from ..i18n import _
from ..models import Finding, Kind, Severity
from . import bodies, faces, model
from .decode import Decoded
from .options import VisionOptions
from .report import PixelReport, brief

T = TypeVar("T")
R = TypeVar("R")

# Frames judged at most: a 12-second clip is seen every second, a longer one every
# twelfth of its length. Each costs about 35 ms of two cores (decode, nudity, faces:
# a 1080p key frame, scripts/bench_extension.py) and its bytes crossing from the
# browser (250 KB to 1 MB for a phone's 1080p): 24 made a 100 MB video's dialog wait
# over 2 s.
MAX_FRAMES = 12
MIN_GAP = 1.0  # seconds between sampled frames
NOT_SAMPLED = (
    "The video's frames were not checked for faces or nudity: it was too large to send "
    "whole, and its codec or layout is not one whose key frames can be found from its index."
)


def analyse_video(source: Any, options: VisionOptions, turn: int = 0) -> PixelReport:
    """Nudity and faces in the key frames of the video `source` (bytes, or a file object
    such as an mmap), each turned `turn` degrees clockwise to be upright; never raises:
    a failure is the report's problem."""

    def frames() -> Iterator[tuple[float, Decoded]]:
        import av

        with av.open(_readable(source)) as container:
            for seconds, frame in _frames(container):
                yield seconds, _decoded(frame, options.analysis_size, turn)

    return _analyse(frames(), options)


def analyse_key_frames(key: KeyFrames | None, options: VisionOptions) -> PixelReport:
    """Nudity and faces in key frames given as samples (a video sent in part, whose file
    no demuxer can read); never raises. None: the codec or layout is not one read so."""
    if key is None:
        return PixelReport(problems=(NOT_SAMPLED,), status="unavailable")

    def frames() -> Iterator[tuple[float, Decoded]]:
        import av

        decoder: Any = av.CodecContext.create(key.codec, "r")
        decoder.extradata = key.extradata
        decoder.skip_frame = "NONKEY"
        packets: list[Any] = [av.Packet(sample) for _, sample in key.frames]
        for index, packet in enumerate(packets):
            packet.pts = index  # frames may come out later than their packet went in
        for packet in [*packets, None]:
            for frame in decoder.decode(packet):
                if frame.pts is not None and 0 <= frame.pts < len(key.frames):
                    seconds = key.frames[frame.pts][0]
                    yield seconds, _decoded(frame, options.analysis_size, key.turn)

    return _analyse(frames(), options)


def _analyse(frames: Iterator[tuple[float, Decoded]], options: VisionOptions) -> PixelReport:
    try:
        detector = model.get(options)
        face_detector = faces.get(options)

        faces_at: list[float] = []  # when frames judged so far showed a face

        def judged(frame: tuple[float, Decoded]) -> tuple[float, list[Finding]]:
            seconds, decoded = frame
            image = decoded.image
            detections = detector.detect(image, options.input_size, options.nudity_threshold)
            intimate = any(
                d.label in bodies.INTIMATE and d.score >= options.nudity_threshold
                for d in detections
            )
            seen_faces = []
            # Without intimate content, only the first face is said ("from 0:03"): once an
            # earlier frame showed one, a later frame's faces change nothing. Beside it,
            # small faces are looked for too (in tiles); elsewhere the frame is read whole.
            if intimate or not any(at < seconds for at in faces_at):
                seen_faces = face_detector.detect(image, options.face_threshold, tiles=intimate)
            found = bodies.findings(detections, seen_faces, decoded, options)[0]
            if any(f.kind is Kind.FACE for f in found):
                faces_at.append(seconds)
            return seconds, found

        seen: dict[Kind, tuple[float, Finding]] = {}
        both: float | None = None
        for seconds, found in _in_order(judged, frames, options.concurrency):
            kinds = {f.kind for f in found}
            for finding in found:
                seen.setdefault(finding.kind, (seconds, finding))
            if both is None and {Kind.NUDITY, Kind.FACE} <= kinds:
                both = seconds
    except AnalysisUnavailable as exc:
        return PixelReport(problems=(str(exc),), status="unavailable")
    except Exception as exc:  # a decoder or model failure costs the pixels, not the report
        problem = f"Pixel analysis of the video failed: {brief(str(exc)) or type(exc).__name__}"
        return PixelReport(problems=(problem.rstrip(".") + ".",), status="unavailable")
    return PixelReport(tuple(_findings(seen, both)))


def _in_order(work: Callable[[T], R], items: Iterator[T], threads: int) -> Iterator[R]:
    """`work` of each item, in the items' order, on `threads` threads: the frames are
    judged at once (onnxruntime and Pillow release the GIL) while the next ones are
    decoded here; at most two per thread wait, so memory stays a few frames'."""
    if threads <= 1:
        yield from map(work, items)
        return
    from concurrent.futures import Future, ThreadPoolExecutor

    waiting: deque[Future[R]] = deque()
    with ThreadPoolExecutor(threads, thread_name_prefix="frames") as pool:
        try:
            for item in items:
                waiting.append(pool.submit(work, item))
                if len(waiting) >= threads * 2:
                    yield waiting.popleft().result()
            while waiting:
                yield waiting.popleft().result()
        finally:
            for future in waiting:  # a failure, or a consumer that stopped: no more work
                future.cancel()


def _findings(seen: dict[Kind, tuple[float, Finding]], both: float | None) -> list[Finding]:
    out = []
    if Kind.NUDITY in seen:
        at, finding = seen[Kind.NUDITY]
        message = _("It shows intimate content (from {time}).").format(time=timestamp(at))
        out.append(Finding(Kind.NUDITY, Severity.HIGH, message, finding.evidence))
    if Kind.FACE in seen:
        at, finding = seen[Kind.FACE]
        if Kind.NUDITY in seen:
            at = both if both is not None else at
            message = _("A face is visible in an intimate video (from {time}).").format(
                time=timestamp(at)
            )
            out.append(Finding(Kind.FACE, Severity.CRITICAL, message, finding.evidence))
        else:
            message = _("A face is visible (from {time}).").format(time=timestamp(at))
            out.append(Finding(Kind.FACE, Severity.INFO, message, finding.evidence))
    return out


def timestamp(seconds: float) -> str:
    """ "0:12", "1:02:03": when in the video, as players show it."""
    whole = int(seconds)
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


# Degrees clockwise -> the transpose that turns a frame that far.
TURNS = {90: Image.Transpose.ROTATE_270, 180: Image.Transpose.ROTATE_180,
         270: Image.Transpose.ROTATE_90}  # fmt: skip


def _decoded(frame: Any, size: int, turn: int) -> Decoded:
    # Scaled while converted to RGB (swscale, one pass): a 1080p frame whole in RGB
    # and then scaled by Pillow took three times as long. Turned once small.
    width, height = frame.width, frame.height
    scale = min(1.0, size / max(width, height, 1))
    small = frame.to_image(
        width=max(1, round(width * scale)),
        height=max(1, round(height * scale)),
        interpolation="BILINEAR",
    )
    if turn in TURNS:
        small = small.transpose(TURNS[turn])
        if turn != 180:
            width, height = height, width
    return Decoded(small, width, height)


def _readable(source: Any) -> Any:
    if isinstance(source, bytes | bytearray | memoryview):
        return io.BytesIO(source)  # shares the bytes until written to
    source.seek(0)  # a file object (an mmap) another reader may have moved
    return source


def _frames(container: Any) -> Iterator[tuple[float, Any]]:
    """Up to MAX_FRAMES key frames, at least MIN_GAP apart, spread over the duration."""
    stream = container.streams.video[0]
    stream.codec_context.skip_frame = "NONKEY"
    duration = float(container.duration or 0) / 1_000_000  # av.time_base: microseconds
    gap = max(MIN_GAP, duration / MAX_FRAMES)
    last: float | None = None
    sought: float | None = None  # the time last jumped to: never jump there twice
    taken = 0
    for frame in container.decode(stream):
        seconds = float(frame.time or 0.0)
        if last is not None and seconds - last < gap:
            target = last + gap
            if duration > gap * 2 and sought != target:  # jump instead of decoding through
                sought = target
                container.seek(int(target / stream.time_base), stream=stream)
            continue
        last = seconds
        yield seconds, frame
        taken += 1
        if taken >= MAX_FRAMES:
            return
