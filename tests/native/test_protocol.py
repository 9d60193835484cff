"""The messages of protocol 1: requests and chunks are checked field by field; answers fit
the cap."""

from __future__ import annotations

import base64

import pytest

from thinktwice.native import protocol
from thinktwice.native.framing import encode_message
from thinktwice.native.protocol import PART_CHARS, ProtocolError, Request
from thinktwice.native.uploads import MAX_UPLOADS, Uploads


def test_a_request_for_an_inspection_carries_its_file_in_parts() -> None:
    request = Request.parse(
        {
            "type": "request",
            "id": 3,
            "method": "POST",
            "path": "/v1/inspect",
            "timeout": 60,
            "fields": {"site": "https://web.whatsapp.com"},
            "file": {"field": "file", "name": "IMG_1.jpg", "type": "image/jpeg", "upload": "u1"},
        }
    )
    assert request.file is not None and request.file.upload == "u1"
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
        (
            {"file": {"field": "file", "name": "a.jpg", "type": "image/jpeg", "upload": ""}},
            "upload",
        ),
        ({"file": {"field": "", "name": "a.jpg", "type": "image/jpeg", "upload": "u"}}, "'field'"),
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


def test_chunks_are_kept_until_their_request_takes_them() -> None:
    uploads = Uploads()
    uploads.add("u1", 1, 2, base64.b64encode(b"world").decode())
    uploads.add("u1", 0, 2, base64.b64encode(b"hello ").decode())  # in any order
    assert uploads.take("u1") == b"hello world"
    with pytest.raises(ProtocolError, match="has not arrived"):
        uploads.take("u1")  # taken once


@pytest.mark.parametrize(
    ("chunk", "reason"),
    [
        (("", 0, 1, "QUJD"), "'upload'"),
        (("u", 1, 1, "QUJD"), "'index'"),
        (("u", 0, 0, "QUJD"), "'count'"),
        (("u", 0, 1, "not base64!"), "not base64"),
        (("u", 0, 1, 7), "'data'"),
    ],
)
def test_a_malformed_chunk_is_refused_naming_the_field(
    chunk: tuple[object, ...], reason: str
) -> None:
    with pytest.raises(ProtocolError, match=reason):
        Uploads().add(*chunk)


def test_an_incomplete_upload_says_which_chunk_is_missing() -> None:
    uploads = Uploads()
    uploads.add("u1", 0, 3, "QUJD")
    uploads.add("u1", 2, 3, "QUJD")
    with pytest.raises(ProtocolError, match="lacks chunk 1 of 3"):
        uploads.take("u1")


def test_uploads_held_are_bounded_the_oldest_dropped_first() -> None:
    uploads = Uploads()
    for n in range(MAX_UPLOADS + 1):
        uploads.add(f"u{n}", 0, 1, "QUJD")
    with pytest.raises(ProtocolError):
        uploads.take("u0")
    assert uploads.take(f"u{MAX_UPLOADS}") == b"ABC"


def test_a_dropped_upload_is_gone() -> None:
    uploads = Uploads()
    uploads.add("u1", 0, 1, "QUJD")
    uploads.drop("u1")
    with pytest.raises(ProtocolError, match="has not arrived"):
        uploads.take("u1")
