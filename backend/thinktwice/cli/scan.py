"""`thinktwice scan`: say what each image reveals, in words or as JSON."""

from __future__ import annotations

import json
import mmap
import os
import sys
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any, cast

from .. import i18n
from ..errors import ThinkTwiceError
from ..formats import HEAD_SIZE, movie
from ..i18n import N_, _
from ..limits import Limits
from ..pipeline import inspect
from . import batch
from .paths import collect
from .progress import Progress

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

# Severities as the text output says them (--json keeps the vocabulary's words).
SEVERITY_WORDS = {
    "info": N_("info"), "low": N_("low"), "medium": N_("medium"), "high": N_("high"),
    "critical": N_("critical"),
}  # fmt: skip
# Videos are scanned from their boxes without being read whole: far larger ones pass.
VIDEO_LIMITS = Limits(max_bytes=4 * 1024**3)


@dataclass(frozen=True, slots=True)
class Scanned:
    """One file's scan result, as `--json` prints it."""

    path: str
    format: str | None = None
    verdict: str | None = None
    findings: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "verdict": self.verdict,
            "findings": self.findings,
            "error": self.error,
        }


def scan_file(path: str, pixels: bool = True, language: str | None = None) -> Scanned:
    """Inspect one file, its findings said in `language` (None: the process's);
    errors come back in the result, never as exceptions."""
    with i18n.using(language):
        return _scan(path, pixels)


def _scan(path: str, pixels: bool) -> Scanned:
    name = os.path.basename(path)
    try:
        with open(path, "rb") as f:
            if movie(f.read(HEAD_SIZE)) is not None:
                # Mapped, not read: only the boxes of a video are touched.
                with mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
                    # The video path only slices its input: an mmap reads like bytes.
                    data = cast(bytes, mapped)
                    report = inspect(
                        data, name, limits=VIDEO_LIMITS, pixels=pixels, keep_cleaned=False
                    )
            else:
                f.seek(0)
                report = inspect(f.read(), name, pixels=pixels, keep_cleaned=False)
    except ThinkTwiceError as exc:
        return Scanned(path, error=str(exc))
    except OSError as exc:
        return Scanned(path, error=f"{exc.strerror or exc} ({path})")
    return Scanned(
        path,
        format=report.format,
        verdict=report.verdict,
        findings=[f.to_dict() for f in report.findings],
    )


def forked_processes(workers: int) -> ProcessPoolExecutor:
    """The pool `scan` inspects in: processes, since the findings code holds the GIL.

    Forked where the platform allows: the workers share the engine already
    imported instead of importing it again.
    """
    # Imported here: multiprocessing costs a one-file scan ~10 ms it never uses.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    method = "fork" if sys.platform == "linux" else "spawn"
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context(method))


def run_scan(paths: list[str], *, recursive: bool, as_json: bool, pixels: bool = True) -> int:
    """Scan every image under `paths`; 0 if each could be read, else 1."""
    targets, refused = collect(paths, recursive)
    results = [Scanned(r.path, error=r.reason) for r in refused]
    # Said explicitly: a spawned worker (macOS, Windows) starts in English.
    scan = partial(scan_file, pixels=pixels, language=i18n.current())
    files = [t.path for t in targets]
    with Progress(len(files)) as progress:
        for path, result in zip(files, batch.run(scan, files, pool=forked_processes), strict=True):
            progress.advance(os.path.basename(path))
            results.append(result)
    if as_json:
        json.dump([r.to_dict() for r in results], sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        for result in results:
            _print_text(result)
    return 1 if any(r.error for r in results) else 0


def _print_text(result: Scanned) -> None:
    if result.error:
        print(_("{path}: error: {error}").format(path=result.path, error=result.error))
        return
    fmt = (result.format or "?").upper()
    if not result.findings:
        print(
            _("{path} ({format}): nothing identifying found").format(path=result.path, format=fmt)
        )
        return
    verdict = _(SEVERITY_WORDS.get(result.verdict or "", result.verdict or ""))
    print(
        _("{path} ({format}): verdict {verdict}").format(
            path=result.path, format=fmt, verdict=verdict
        )
    )
    for f in result.findings:
        severity = _(SEVERITY_WORDS.get(f["severity"], f["severity"]))
        print(f"  {severity:<8} {f['kind']:<16} {f['message']}")
