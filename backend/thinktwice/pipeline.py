"""The one pipeline: bytes -> Report (findings, verdict, cleaned bytes).

detect format -> read container -> pixel analysis, in the vision pool (if asked)
              -> decode metadata -> strip container -> re-read the output (formats.verify)
              -> compare thumbnails with the analysed picture (if asked) -> findings
              -> Report (metadata and pixel findings merged)
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath

from . import formats
from .cleaning import verify_video
from .editplan import Step
from .errors import CorruptImage
from .findings import analyse
from .formats.contract import Format, Movie
from .formats.suffixes import SUFFIXES, VIDEO_KIND_SUFFIXES
from .formats.verify import verify
from .limits import DEFAULT_LIMITS, Limits, check_pixels, check_size
from .metadata.decode import decode
from .models import Report
from .structure.boxes import Readable
from .vision.options import DEFAULT_VISION, VisionOptions
from .vision.report import NOT_ASKED, PixelReport, merge


def inspect(
    data: bytes,
    filename: str | None = None,
    *,
    limits: Limits = DEFAULT_LIMITS,
    pixels: bool = True,
    vision: VisionOptions = DEFAULT_VISION,
    on_cleaned: Callable[[bytes], object] | None = None,
    keep_cleaned: bool = True,
    drop_hdr: bool = False,
) -> Report:
    """What `data` reveals, and a verified clean copy of it.

    `pixels=False` skips pixel analysis (nudity, faces, codes, text): metadata only.
    A failing pixel analysis is a line in `problems`, never an error.
    `on_cleaned` is called with the clean copy once it is verified, on this thread,
    while the pixels are still being analysed: work on the copy done there (the
    service hashes it) costs no time, this thread would only be waiting.
    `keep_cleaned=False` verifies the clean copy but does not keep it (the report's
    `cleaned` is empty): a video is then checked from its edit plan, so scanning one
    never needs its size in memory (`data` may be an mmap of the file).
    `drop_hdr=True` removes an HDR gain map from the clean copy too (it is kept,
    de-identified, by default).
    Raises `UnsupportedFormat`, `CorruptImage`, `ImageTooLarge` or
    `CleaningFailed`; never returns a report whose cleaned bytes are not clean.
    """
    check_size(data, limits)
    fmt = formats.detect(data, filename)
    container = fmt.read(data)
    check_pixels(container, limits)
    is_movie = isinstance(fmt, Movie)
    job = None
    # Pillow, NumPy and the model are loaded only when asked for; a video's frames
    # are sampled once its metadata is read (vision.frames).
    if pixels and not is_movie:
        from .vision.analysis import PixelJob

        # The pixels are analysed in the vision pool while the metadata is read here.
        job = PixelJob(data, limits, vision, container.frames)
    try:
        metadata = decode(container)
        cleaned, plan = _cleaned(fmt, data, keep_cleaned, drop_hdr)
        if on_cleaned is not None:
            on_cleaned(cleaned)
        # Comparing a thumbnail with the image needs the image decoded: pixel work,
        # so metadata-only mode (pixels=False) leaves it out and decodes nothing.
        # Last, since it waits for the vision pool's decoding.
        differs = job.thumbnails(metadata.pictures) if job else ()
        findings = analyse(metadata, differs, keeps_hdr=not drop_hdr)
    except BaseException:
        if job is not None:
            job.cancel()
        raise
    seen = job.result() if job is not None else NOT_ASKED
    if pixels and isinstance(fmt, Movie):  # PyAV and the model are loaded only when asked for
        seen = _video_pixels(fmt, data, vision, container.turn)
    problems = list(metadata.problems)
    mismatch = _extension_mismatch(filename, container.format)
    if mismatch:
        problems.append(mismatch)
    return Report(
        format=container.format,
        media_type=container.media_type,
        findings=tuple(merge(findings, seen.findings)),
        cleaned=cleaned,
        width=container.width,
        height=container.height,
        problems=(*problems, *seen.problems),
        faces=seen.faces,
        pixel_analysis=seen.status,
        plan=plan,
    )


def _video_pixels(fmt: Movie, data: Readable, vision: VisionOptions, turn: int) -> PixelReport:
    """Faces and nudity in a video's key frames, turned `turn` degrees to be upright.

    Their samples are found from the index (an MP4's sample tables, a Matroska file's
    Cues and Clusters): only they are read, of a whole file or of one sent in part
    (nothing is judged while some are still to be sent). A whole video other than an
    MP4 or MOV, and an index whose sample tables do not add up, are demuxed.
    """
    # Like a format's module (formats/__init__.py), video code is imported with the first
    # video.
    from .formats import video
    from .formats.video.sparse import Sparse
    from .vision.frames import MAX_FRAMES, MIN_GAP, analyse_key_frames, analyse_video

    if isinstance(data, Sparse):
        key = fmt.key_frames(data, MAX_FRAMES, MIN_GAP)
        return NOT_ASKED if data.missing else analyse_key_frames(key, vision)
    try:
        key = fmt.key_frames(data, MAX_FRAMES, MIN_GAP) if fmt is video else None
    except CorruptImage:
        key = None
    return analyse_video(data, vision, turn) if key is None else analyse_key_frames(key, vision)


def _cleaned(
    fmt: Format, data: bytes, keep: bool, drop_hdr: bool
) -> tuple[bytes, tuple[Step, ...] | None]:
    """The verified clean copy, or b"" once verified when it is not to be kept; and a
    video's edit plan, which made it."""
    if isinstance(fmt, Movie):
        from .formats.video.view import Planned  # with the first video, as in _video_pixels

        steps = fmt.plan(data)
        verify_video(Planned(data, steps))
        return (fmt.write(data, steps) if keep else b""), steps
    cleaned = fmt.strip(data, drop_hdr=drop_hdr)
    verify(fmt, cleaned, drop_hdr=drop_hdr)
    return (cleaned if keep else b""), None


def _extension_mismatch(filename: str | None, format_name: str) -> str | None:
    if not filename:
        return None
    suffix = PurePath(filename).suffix.lower()
    expected = SUFFIXES.get(format_name) or VIDEO_KIND_SUFFIXES.get(format_name)
    if not suffix or expected is None or suffix in expected:
        return None
    noun = "video" if format_name in VIDEO_KIND_SUFFIXES else "image"
    return f"The file is named {suffix} but is a {format_name.upper()} {noun}."
