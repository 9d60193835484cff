"""Which files a command works on: the paths named, and images and videos inside folders."""

from __future__ import annotations

import os
from dataclasses import dataclass

from ..formats.suffixes import IMAGE_SUFFIXES, VIDEO_SUFFIXES

CLEAN_MARK = ".clean"
WALKED_SUFFIXES = IMAGE_SUFFIXES | VIDEO_SUFFIXES


@dataclass(frozen=True, slots=True)
class Target:
    """A file to work on, and the folder it was found under (for mirrored output)."""

    path: str
    root: str | None = None


@dataclass(frozen=True, slots=True)
class Refusal:
    """A named path that cannot be worked on, and why."""

    path: str
    reason: str


def collect(paths: list[str], recursive: bool) -> tuple[list[Target], list[Refusal]]:
    """Expand `paths` into files; folders need `recursive`. Skips earlier `.clean` outputs."""
    targets: list[Target] = []
    refused: list[Refusal] = []
    seen: set[str] = set()
    for path in paths:
        if os.path.isdir(path):
            if not recursive:
                refused.append(Refusal(path, "is a folder (use -r to include folders)"))
                continue
            found = [Target(file, path) for file in _walk(path)]
        elif os.path.exists(path):
            found = [Target(path)]
        else:
            refused.append(Refusal(path, "does not exist"))
            continue
        for target in found:
            real = os.path.realpath(target.path)
            if real not in seen:
                seen.add(real)
                targets.append(target)
    return targets, refused


def _walk(root: str) -> list[str]:
    found = []
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            stem, suffix = os.path.splitext(name)
            # Folder walks take image and video suffixes; files named explicitly are
            # always tried.
            if suffix.lower() in WALKED_SUFFIXES and not stem.endswith(CLEAN_MARK):
                found.append(os.path.join(folder, name))
    return found
