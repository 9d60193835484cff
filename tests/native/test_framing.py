"""Native messaging's framing: what the browser sends is read whole or refused with a reason."""

from __future__ import annotations

import io
import json
import struct

import pytest

from thinktwice.native.framing import (
    MAX_INCOMING,
    MAX_OUTGOING,
    FramingError,
    encode_message,
    read_message,
)


def framed(body: bytes) -> bytes:
    return struct.pack("=I", len(body)) + body


def test_a_message_is_a_native_endian_length_then_json() -> None:
    stream = io.BytesIO(framed(b'{"type":"hello","protocol":1}'))
    assert read_message(stream) == {"type": "hello", "protocol": 1}
    assert read_message(stream) is None  # the browser closed the pipe


def test_what_the_host_writes_reads_back() -> None:
    message = {"type": "response", "id": 7, "body": "QUJD"}
    assert read_message(io.BytesIO(encode_message(message))) == message


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x05\x00", "length is cut short (2 of 4 bytes)"),
        (framed(b'{"type":')[:-2], "message is cut short"),
        (framed(b"not json"), "not JSON"),
        (framed(b"[1, 2]"), "must be a JSON object, not list"),
        (struct.pack("=I", MAX_INCOMING + 1), f"over the {MAX_INCOMING}-byte cap"),
    ],
)
def test_a_broken_message_is_refused_with_its_reason(data: bytes, reason: str) -> None:
    with pytest.raises(FramingError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        read_message(io.BytesIO(data))


def test_the_host_never_writes_past_the_browsers_1_mib_cap() -> None:
    with pytest.raises(ValueError, match="1 MiB cap"):
        encode_message({"body": "A" * MAX_OUTGOING})
    assert len(json.dumps({"body": "A" * (MAX_OUTGOING - 100)})) < MAX_OUTGOING
