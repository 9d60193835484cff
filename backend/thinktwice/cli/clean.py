"""`thinktwice clean`: write cleaned copies, never touching an original unless asked."""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..cleaning import clean
from ..errors import ThinkTwiceError
from ..formats.suffixes import for_media_type
from . import batch
from .memory import keep_freed_memory
from .paths import CLEAN_MARK, Target, collect


@dataclass(frozen=True, slots=True)
class Job:
    """Clean `source` into `dest`; `in_place` keeps the original's time and mode."""

    source: Path
    dest: Path
    in_place: bool
    hide_faces: bool = False


@dataclass(frozen=True, slots=True)
class Outcome:
    """What happened to one file."""

    source: Path
    dest: Path | None
    error: str | None = None
    size_before: int = 0
    size_after: int = 0
    faces: int | None = None  # faces covered, with --hide-faces


def run_clean(
    paths: list[str],
    *,
    output: str | None,
    in_place: bool,
    recursive: bool,
    jobs: int = 0,
    quiet: bool = False,
    hide_faces: bool = False,
) -> int:
    """Clean every image under `paths`; print a summary; 0 if all succeeded, else 1.

    With `hide_faces`, faces are covered and the images re-encoded (lossy).
    """
    targets, refused = collect(paths, recursive)
    failures: list[Outcome] = [Outcome(r.path, None, r.reason) for r in refused]
    todo: list[Job] = []
    claimed: dict[Path, Path] = {}
    for target in targets:
        dest = destination(target, output, in_place)
        key = dest.resolve()
        if key in claimed:
            failures.append(Outcome(target.path, None, f"{claimed[key]} already writes {dest}"))
            continue
        claimed[key] = target.path
        todo.append(Job(target.path, dest, in_place, hide_faces))

    cleaned: list[Outcome] = []
    if len(todo) > 1:
        keep_freed_memory()
    for outcome in batch.run(clean_file, todo, jobs, label=lambda j: j.source.name):
        if outcome.error:
            failures.append(outcome)
        else:
            cleaned.append(outcome)
            if not quiet:
                faces = "" if outcome.faces is None else f" ({_faces(outcome.faces)})"
                print(f"cleaned  {outcome.source} -> {outcome.dest}{faces}")

    _summary(cleaned, failures)
    return 1 if failures else 0


def destination(target: Target, output: str | None, in_place: bool) -> Path:
    """Where the cleaned copy of `target` goes."""
    path = target.path
    if in_place:
        return path
    if output is not None:
        relative = path.relative_to(target.root) if target.root else Path(path.name)
        return Path(output) / relative
    return path.with_name(f"{path.stem}{CLEAN_MARK}{path.suffix}")


def clean_file(job: Job) -> Outcome:
    """Clean one file; every failure comes back as a reason, never as an exception."""
    dest, faces = job.dest, None
    try:
        data = job.source.read_bytes()
        if job.hide_faces:
            from ..cleaning import hide_faces  # loads the model: only when asked

            covered = hide_faces(data)
            cleaned, faces = covered.data, len(covered.boxes)
            dest = _suffix_for(dest, covered.media_type)
        else:
            cleaned = clean(data)
        write_atomically(dest, cleaned, like=job.source if job.in_place else None)
    except ThinkTwiceError as exc:
        return Outcome(job.source, None, str(exc))
    except OSError as exc:
        return Outcome(job.source, None, f"{exc.strerror or exc} ({exc.filename or dest})")
    return Outcome(job.source, dest, None, len(data), len(cleaned), faces)


def _suffix_for(dest: Path, media_type: str) -> Path:
    # Where covering faces had to change the format (HEIC without an encoder -> JPEG).
    suffixes = for_media_type(media_type)
    if not suffixes or dest.suffix.lower() in suffixes:
        return dest
    return dest.with_suffix(suffixes[0])


def _faces(count: int) -> str:
    if count == 0:
        return "no face found"
    return "1 face covered" if count == 1 else f"{count} faces covered"


def write_atomically(dest: Path, data: bytes, like: Path | None = None) -> None:
    """Write `data` to `dest` through a temporary file and a rename.

    A failure leaves no partial or empty `dest`. With `like` (in-place), the
    new file takes its permissions and timestamps and is synced before the
    rename, because the rename replaces the only copy of the original.
    """
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            if like is not None:
                st = like.stat()
                os.fchmod(f.fileno(), st.st_mode & 0o7777)
                f.flush()
                os.fsync(f.fileno())
        if like is not None:
            os.utime(tmp, ns=(st.st_atime_ns, st.st_mtime_ns))
        os.replace(tmp, dest)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def _summary(cleaned: list[Outcome], failures: list[Outcome]) -> None:
    before = sum(o.size_before for o in cleaned)
    after = sum(o.size_after for o in cleaned)
    noun = "file" if len(cleaned) == 1 else "files"
    line = f"Cleaned {len(cleaned)} {noun}"
    if cleaned:
        line += f" ({_size(before)} -> {_size(after)}, {_size(before - after)} of metadata removed)"
    line += f", {len(failures)} failed."
    print(line)
    for failure in failures:
        print(f"failed   {failure.source}: {failure.error}", file=sys.stderr)


def _size(n: int) -> str:
    if abs(n) < 1000:
        return f"{n} bytes"
    value = n / 1000
    for unit in ("KB", "MB"):
        if abs(value) < 1000:
            return f"{value:.1f} {unit}"
        value /= 1000
    return f"{value:.1f} GB"
