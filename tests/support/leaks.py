"""Looking for what must not be on disk: text in any encoding SQLite stores, positions.

SQLite writes text as UTF-8 or UTF-16 (either byte order, by the database's
encoding), so a secret is looked for in all three. A position is looked for by
its shapes (decimal degrees, degrees-minutes-seconds, XMP's "48,49.314N").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

_DECIMAL_DEGREES = re.compile(r"(?<![\d.,])[-+]?\d{1,3}[.,]\d{4,}")
_COORDINATE_SHAPES = (
    re.compile(r"\d{1,3}\s*(?:°|º|deg\b)\s*\d{1,2}\s*['’′]\s*\d{1,2}(?:[.,]\d+)?\s*(?:\"|”|″|'')"),
    re.compile(r"\b\d{1,3},\d{1,2}(?:,\d{1,2})?(?:\.\d+)?[NSEW]\b"),
)


def contains_coordinates(text: str) -> bool:
    """Whether `text` looks like it holds a geographic position (two decimal degrees
    make one; one degrees-minutes-seconds or XMP value is enough)."""
    if len(_DECIMAL_DEGREES.findall(text)) >= 2:
        return True
    return any(shape.search(text) for shape in _COORDINATE_SHAPES)


def encodings(text: str) -> tuple[bytes, ...]:
    """`text` as SQLite could have written it: UTF-8, UTF-16 LE and BE."""
    return text.encode("utf-8"), text.encode("utf-16-le"), text.encode("utf-16-be")


def leaks(directory: Path, secrets: Iterable[str]) -> dict[str, list[str]]:
    """Each secret found in a file of `directory` (database, -wal, -shm...), with the
    names of the files that hold it; empty when none holds any."""
    contents = {p.name: p.read_bytes() for p in sorted(directory.iterdir()) if p.is_file()}
    found = {
        secret: [
            name for name, data in contents.items() if any(e in data for e in encodings(secret))
        ]
        for secret in secrets
    }
    return {secret: names for secret, names in found.items() if names}
