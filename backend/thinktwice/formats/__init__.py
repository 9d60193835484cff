"""Container formats: one module per family, each with the same small surface.

A format module offers:

- ``NAME``: a short name ("jpeg");
- ``sniff(head) -> bool``: whether the first bytes are this format;
- ``read(data) -> Container``: every metadata block it holds, still as bytes;
- ``strip(data) -> bytes``: the same image with every non-rendering block removed,
  by editing the container (never re-encoding).

They are registered here, explicitly, in the order they are tried.
"""

from __future__ import annotations

from typing import Protocol

from ..errors import UnsupportedFormat
from ..models import Container
from . import gif, heif, jpeg, png, tiff, webp
from .magic import describe


class Format(Protocol):
    """The contract every module in this package fulfils."""

    NAME: str

    def sniff(self, head: bytes) -> bool: ...

    def read(self, data: bytes) -> Container: ...

    def strip(self, data: bytes) -> bytes: ...


FORMATS: tuple[Format, ...] = (jpeg, png, webp, gif, tiff, heif)

HEAD_SIZE = 64


def detect(data: bytes) -> Format:
    """The format module for `data`; `UnsupportedFormat` naming what it is otherwise."""
    if not data:
        raise UnsupportedFormat("an empty file", "The file is empty: there is no image in it.")
    head = bytes(data[:HEAD_SIZE])
    for fmt in FORMATS:
        if fmt.sniff(head):
            return fmt
    raise UnsupportedFormat(describe(head))
