"""The messages of protocol 1: requests are checked field by field; answers fit the cap."""

from __future__ import annotations

import base64

import pytest

from thinktwice.native import protocol
from thinktwice.native.framing import encode_message
from thinktwice.native.protocol import PART_CHARS, ProtocolError, Request


def test_a_request_for_an_inspection_carries_its_file_in_parts() -> None:
    request = Request.parse(
        {
            "type": "request",
            "id": 3,
            "method": "POST",
            "path": "/v1/inspect",
            "timeout": 60,
            "fields": {"site": "https://web.whatsapp.com"},
            "file": {"field": "file", "name": "IMG_1.jpg", "type": "image/jpeg", "parts": 2},
        }
    )
    assert request.file is not None and request.file.parts == 2
    assert request.fields == (("site", "https://web.whatsapp.com"),)
    assert request.timeout_s == 60.0 and not request.has_json


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"id": -1}, "'id'"),
        ({"id": True}, "'id'"),
        ({"method": "PUT"}, "'method'"),
        ({"path": "v1/health"}, "'path'"),
        ({"path": "//evil.example/v1"}, "'path'"),
        ({"path": "/v1/health\r\nX: y"}, "'path'"),
        ({"timeout": 0}, "'timeout'"),
        ({"timeout": 10_000}, "'timeout'"),
        ({"fields": {"site": 3}}, "'fields'"),
        ({"file": {"field": "file", "name": "a.jpg", "type": "image/jpeg", "parts": 99}}, "parts"),
        ({"file": {"field": "", "name": "a.jpg", "type": "image/jpeg", "parts": 1}}, "'field'"),
    ],
)
def test_a_malformed_request_is_refused_naming_the_field(
    change: dict[str, object], field: str
) -> None:
    message = {"type": "request", "id": 1, "method": "GET", "path": "/v1/health", **change}
    with pytest.raises(ProtocolError, match=field):
        Request.parse(message)


def test_a_large_answer_is_split_into_parts_each_under_the_cap() -> None:
    body = base64.b64encode(bytes(range(256)) * 12_000).decode()  # 3 MB of base64
    parts = protocol.response_parts(9, 200, {"content-type": "image/jpeg"}, body)
    assert len(parts) == -(-len(body) // PART_CHARS) > 1
    assert "".join(p["body"] for p in parts) == body
    assert [p["index"] for p in parts] == list(range(len(parts)))
    assert parts[0]["headers"] == {"content-type": "image/jpeg"}
    for part in parts:
        encode_message(part)  # raises past 1 MiB


def test_the_hello_says_who_answers() -> None:
    assert protocol.hello("0.1.0") == {
        "type": "hello",
        "app": "thinktwice",
        "protocol": protocol.PROTOCOL,
        "version": "0.1.0",
    }
