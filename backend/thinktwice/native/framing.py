"""Native messaging's framing: a 32-bit length in native byte order, then UTF-8 JSON.

Chrome and Firefox cap a message from the host at 1 MiB, so larger payloads
travel in parts (protocol.py). Messages from the browser are capped here too:
a message bigger than MAX_INCOMING is refused, not read into memory.
"""

from __future__ import annotations

import json
import struct
from typing import IO, Any

from ..errors import ServiceError

_LENGTH = struct.Struct("=I")
MAX_OUTGOING = 1024 * 1024  # the browsers' limit for a message from the host
MAX_INCOMING = 16 * 1024 * 1024  # the extension sends files in parts of at most 8 MiB


class FramingError(ServiceError):
    """A message from the browser is cut short, too large, or not a JSON object."""

    code = "bad_message"


def read_message(stream: IO[bytes]) -> dict[str, Any] | None:
    """The next message on `stream`; None once the browser has closed it."""
    head = stream.read(_LENGTH.size)
    if not head:
        return None
    if len(head) < _LENGTH.size:
        raise FramingError(f"The message length is cut short ({len(head)} of 4 bytes).")
    (length,) = _LENGTH.unpack(head)
    if length > MAX_INCOMING:
        raise FramingError(f"A message of {length} bytes is over the {MAX_INCOMING}-byte cap.")
    body = stream.read(length)
    if len(body) < length:
        raise FramingError(f"The message is cut short ({len(body)} of {length} bytes).")
    try:
        message = json.loads(body)
    except (UnicodeDecodeError, ValueError) as exc:
        raise FramingError(f"The message is not JSON ({exc}).") from None
    if not isinstance(message, dict):
        raise FramingError(f"A message must be a JSON object, not {type(message).__name__}.")
    return message


def encode_message(message: dict[str, Any]) -> bytes:
    """`message` framed for the browser; ValueError when it is over MAX_OUTGOING."""
    body = json.dumps(message, separators=(",", ":")).encode("utf-8")
    if len(body) > MAX_OUTGOING:
        raise ValueError(f"A message of {len(body)} bytes is over the browser's 1 MiB cap.")
    return _LENGTH.pack(len(body)) + body
