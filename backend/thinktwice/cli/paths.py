"""Which files a command works on: the paths named, and images inside folders."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..formats.suffixes import IMAGE_SUFFIXES

CLEAN_MARK = ".clean"


@dataclass(frozen=True, slots=True)
class Target:
    """A file to work on, and the folder it was found under (for mirrored output)."""

    path: Path
    root: Path | None = None


@dataclass(frozen=True, slots=True)
class Refusal:
    """A named path that cannot be worked on, and why."""

    path: Path
    reason: str


def collect(paths: list[str], recursive: bool) -> tuple[list[Target], list[Refusal]]:
    """Expand `paths` into files; folders need `recursive`. Skips earlier `.clean` outputs."""
    targets: list[Target] = []
    refused: list[Refusal] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            if not recursive:
                refused.append(Refusal(path, "is a folder (use -r to include folders)"))
                continue
            for found in _walk(path):
                if found.resolve() not in seen:
                    seen.add(found.resolve())
                    targets.append(Target(found, path))
        elif path.exists():
            if path.resolve() not in seen:
                seen.add(path.resolve())
                targets.append(Target(path))
        else:
            refused.append(Refusal(path, "does not exist"))
    return targets, refused


def _walk(root: Path) -> list[Path]:
    found = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            p = Path(folder) / name
            # Folder walks take image suffixes; files named explicitly are always tried.
            if p.suffix.lower() in IMAGE_SUFFIXES and not p.stem.endswith(CLEAN_MARK):
                found.append(p)
    return found
