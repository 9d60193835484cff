"""`thinktwice clean`: write cleaned copies, never touching an original unless asked.

It imports the engine's clean path only: no image decoder, no findings.
"""

from __future__ import annotations

import contextlib
import errno
import mmap
import os
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass

from ..cleaning import clean, plan_video, verify_video
from ..errors import ThinkTwiceError, UnsupportedFormat
from ..formats import HEAD_SIZE, movie
from ..formats.suffixes import for_media_type
from ..units import size_label
from . import batch
from .memory import keep_freed_memory
from .paths import CLEAN_MARK, Target, collect
from .planwrite import WRITE_PIECE, write_plan
from .progress import Progress


@dataclass(frozen=True, slots=True)
class Job:
    """Clean `source` into `dest`; `in_place` keeps the original's time and mode."""

    source: str
    dest: str
    in_place: bool
    hide_faces: bool = False
    drop_hdr: bool = False


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one file; `faces` counts the faces covered, with --hide-faces."""

    source: str
    dest: str | None
    error: str | None = None
    size_before: int = 0
    size_after: int = 0
    faces: int | None = None


def run_clean(
    paths: list[str],
    *,
    output: str | None,
    in_place: bool,
    recursive: bool,
    jobs: int = 0,
    quiet: bool = False,
    hide_faces: bool = False,
    drop_hdr: bool = False,
) -> int:
    """Clean every image under `paths`; print a summary; 0 if all succeeded, else 1.

    With `hide_faces`, faces are covered and the images re-encoded (lossy, and an HDR
    gain map, which would show the faces, is not carried over). With `drop_hdr`, HDR
    gain maps are removed too (they are kept, de-identified, by default).
    """
    targets, refused = collect(paths, recursive)
    failures: list[Outcome] = [Outcome(r.path, None, r.reason) for r in refused]
    todo: list[Job] = []
    claimed: dict[str, str] = {}
    for target in targets:
        dest = destination(target, output, in_place)
        key = os.path.realpath(dest)
        if key in claimed:
            failures.append(Outcome(target.path, None, f"{claimed[key]} already writes {dest}"))
            continue
        claimed[key] = target.path
        todo.append(Job(target.path, dest, in_place, hide_faces, drop_hdr))

    cleaned: list[Outcome] = []
    if len(todo) > 1:
        keep_freed_memory()
    with Progress(len(todo)) as progress:
        for job, outcome in zip(todo, batch.run(clean_file, todo, jobs), strict=True):
            progress.advance(os.path.basename(job.source))
            if outcome.error:
                failures.append(outcome)
                continue
            cleaned.append(outcome)
            if not quiet:
                faces = "" if outcome.faces is None else f" ({_faces(outcome.faces)})"
                progress.print(f"cleaned  {outcome.source} -> {outcome.dest}{faces}")

    _summary(cleaned, failures)
    return 1 if failures else 0


def destination(target: Target, output: str | None, in_place: bool) -> str:
    """Where the cleaned copy of `target` goes."""
    path = target.path
    if in_place:
        return path
    if output is not None:
        relative = os.path.relpath(path, target.root) if target.root else os.path.basename(path)
        return os.path.join(output, relative)
    stem, suffix = os.path.splitext(path)
    return f"{stem}{CLEAN_MARK}{suffix}"


def clean_file(job: Job) -> Outcome:
    """Clean one file; every failure comes back as a reason, never as an exception."""
    dest, faces = job.dest, None
    try:
        with open(job.source, "rb") as f:
            original = os.fstat(f.fileno())
            if movie(f.read(HEAD_SIZE)) is not None:
                return _clean_video(job, f.fileno(), original)
            f.seek(0)
            data = f.read()
        if job.hide_faces:
            from ..vision.hiding import hide_faces  # loads the model: only when asked

            covered = hide_faces(data)
            cleaned, faces = covered.data, len(covered.boxes)
            dest = _suffix_for(dest, covered.media_type)
        else:
            cleaned = clean(data, drop_hdr=job.drop_hdr, filename=job.source)
        write_atomically(dest, cleaned, original, in_place=job.in_place)
    except ThinkTwiceError as exc:
        return Outcome(job.source, None, str(exc))
    except OSError as exc:
        return Outcome(job.source, None, f"{exc.strerror or exc} ({exc.filename or dest})")
    return Outcome(job.source, dest, None, len(data), len(cleaned), faces)


def _clean_video(job: Job, source: int, original: os.stat_result) -> Outcome:
    """Clean a video from its edit plan: the original is mapped, never read whole, and
    the copy is written from its slices (planwrite.py), then re-read (its boxes) before
    it is renamed into place."""
    if job.hide_faces:
        raise UnsupportedFormat("a video", "Hiding faces in videos is not supported.")
    with mmap.mmap(source, 0, access=mmap.ACCESS_READ) as mapped:
        steps = plan_video(mapped)
    size = 0

    def fill(fd: int) -> None:
        nonlocal size
        size = write_plan(source, fd, steps)
        with mmap.mmap(fd, 0, access=mmap.ACCESS_READ) as written:
            verify_video(written)

    write_with(job.dest, fill, original, in_place=job.in_place)
    return Outcome(job.source, job.dest, None, original.st_size, size)


def _write_all(fd: int, data: bytes | memoryview) -> None:
    view = memoryview(data)
    while view:  # write() may take less than asked on some file systems
        view = view[os.write(fd, view[:WRITE_PIECE]) :]


def _suffix_for(dest: str, media_type: str) -> str:
    # Where covering faces had to change the format (HEIC without an encoder -> JPEG).
    suffixes = for_media_type(media_type)
    stem, suffix = os.path.splitext(dest)
    if not suffixes or suffix.lower() in suffixes:
        return dest
    return stem + suffixes[0]


def _faces(count: int) -> str:
    if count == 0:
        return "no face found"
    return "1 face covered" if count == 1 else f"{count} faces covered"


def write_atomically(
    dest: str, data: bytes, original: os.stat_result, *, in_place: bool = False
) -> None:
    """Write `data` to `dest` through a temporary file and a rename.

    A failure leaves no partial or empty `dest`. The copy gets the `original`'s
    permissions (as cp gives them: never readable by more people than the
    original). In place, it also keeps its timestamps and is synced before the
    rename, because the rename replaces the only copy of the original.
    """
    write_with(dest, lambda fd: _write_all(fd, data), original, in_place=in_place)


def write_with(
    dest: str, fill: Callable[[int], None], original: os.stat_result, *, in_place: bool = False
) -> None:
    """`write_atomically`, the temporary file written by `fill(fd)` (which may check it)."""
    folder, name = os.path.split(dest)
    if folder:
        os.makedirs(folder, exist_ok=True)
    mode = original.st_mode & (0o7777 if in_place else 0o777)
    fd, tmp = _create_temporary(folder, name, mode)
    try:
        try:
            fill(fd)
            if in_place:
                os.fchmod(fd, mode)  # exactly the original's, whatever the umask
                os.fsync(fd)
        finally:
            os.close(fd)
        if in_place:
            os.utime(tmp, ns=(original.st_atime_ns, original.st_mtime_ns))
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _create_temporary(folder: str, name: str, mode: int) -> tuple[int, str]:
    """A new file beside the destination, created exclusively: never someone else's.

    Opened for reading too: a cleaned video is re-read from it before the rename.
    """
    for attempt in range(100):
        tmp = os.path.join(folder, f".{name}.{os.getpid()}-{threading.get_ident()}-{attempt}.tmp")
        try:
            return os.open(tmp, os.O_RDWR | os.O_CREAT | os.O_EXCL, mode), tmp
        except FileExistsError:
            continue
    raise FileExistsError(errno.EEXIST, "no free temporary name", tmp)


def _summary(cleaned: list[Outcome], failures: list[Outcome]) -> None:
    before = sum(o.size_before for o in cleaned)
    after = sum(o.size_after for o in cleaned)
    noun = "file" if len(cleaned) == 1 else "files"
    line = f"Cleaned {len(cleaned)} {noun}"
    if cleaned:
        removed = size_label(before - after)
        line += f" ({size_label(before)} -> {size_label(after)}, {removed} of metadata removed)"
    line += f", {len(failures)} failed."
    print(line)
    for failure in failures:
        print(f"failed   {failure.source}: {failure.error}", file=sys.stderr)
