"""Container formats: one module per family, each with the same small surface.

A format module offers:

- ``NAME``: a short name ("jpeg");
- ``sniff(head) -> bool``: whether the first bytes are this format;
- ``read(data) -> Container``: every metadata block it holds, still as bytes;
- ``strip(data) -> bytes``: the same image with every non-rendering block removed,
  by editing the container (never re-encoding).

They are registered here, explicitly, in the order they are tried. A module is
imported when detection first reaches it, so cleaning a folder of JPEGs never
loads the HEIF box parser: the command line's start-up is part of every batch.
"""

from __future__ import annotations

from importlib import import_module

from ..errors import UnsupportedFormat
from .magic import describe

TYPE_CHECKING = False  # typing is not imported at run time (see records.py)
if TYPE_CHECKING:
    from typing import Protocol

    from ..records import Container

    class Format(Protocol):
        """The contract every module in this package fulfils."""

        NAME: str

        def sniff(self, head: bytes) -> bool: ...

        def read(self, data: bytes) -> Container: ...

        def strip(self, data: bytes) -> bytes: ...


# The registry, most common first: module names under thinktwice.formats.
FORMATS: tuple[str, ...] = ("jpeg", "png", "webp", "heif", "gif", "tiff")

HEAD_SIZE = 64


def load(name: str) -> Format:
    """The format module registered as `name`."""
    if name not in FORMATS:
        raise ValueError(f"Format {name!r} is not registered; known: {', '.join(FORMATS)}")
    module: Format = import_module(f"{__name__}.{name}")
    return module


def detect(data: bytes) -> Format:
    """The format module for `data`; `UnsupportedFormat` naming what it is otherwise."""
    if not data:
        raise UnsupportedFormat("an empty file", "The file is empty: there is no image in it.")
    head = bytes(data[:HEAD_SIZE])
    for name in FORMATS:
        fmt = load(name)
        if fmt.sniff(head):
            return fmt
    raise UnsupportedFormat(describe(head))
