"""One HTTP request to the service over its Unix socket, after checking who listens there.

The socket's peer credentials must be this account's: a socket left by another
account (in a data directory someone opened up) is refused, so no other user
can stand in for the service even then.
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import socket
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

from ..errors import ServiceError
from ..server.channel import peer_uid
from .protocol import HEADERS_KEPT, Request


class ServiceUnreachable(ServiceError):
    """Nothing listens at the service's socket (it is not running)."""

    code = "not_running"


class NotOurService(ServiceError):
    """What listens at the socket runs under another account: not this person's service."""

    code = "not_our_service"


@dataclass(frozen=True, slots=True)
class Answer:
    """The service's response: status, the headers the extension reads, the body."""

    status: int
    headers: dict[str, str]
    body: bytes


def connect(path: Path, timeout_s: float) -> socket.socket:
    """A connection to the service's socket, its peer checked to be this account."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(timeout_s)
    try:
        sock.connect(os.fspath(path))
    except (FileNotFoundError, ConnectionRefusedError):
        sock.close()
        raise ServiceUnreachable(
            f"The ThinkTwice service is not running (no answer at {path})."
        ) from None
    except OSError:
        sock.close()
        raise
    uid = peer_uid(sock)
    if uid != os.getuid():
        sock.close()
        raise NotOurService(
            f"The socket {path} is served by another account (uid {uid}), not this one: "
            "refusing to send it anything."
        )
    return sock


class _UnixConnection(http.client.HTTPConnection):
    def __init__(self, path: Path, timeout_s: float) -> None:
        super().__init__("thinktwice", timeout=timeout_s)
        self._path = path

    def connect(self) -> None:
        self.sock = connect(self._path, self.timeout or 30.0)


def send(path: Path, request: Request, file_data: bytes | None = None) -> Answer:
    """Send `request` (with `file_data`, the bytes of its file) to the service at `path`."""
    body, content_type = _body(request, file_data)
    headers = {"Content-Type": content_type} if content_type else {}
    if request.language:
        headers["Accept-Language"] = request.language
    connection = _UnixConnection(path, request.timeout_s)
    try:
        connection.request(request.method, request.path, body=body, headers=headers)
        response = connection.getresponse()
        data = response.read()
    finally:
        connection.close()
    kept = {k: v for k in HEADERS_KEPT if (v := response.getheader(k)) is not None}
    return Answer(response.status, kept, data)


def _body(request: Request, file_data: bytes | None) -> tuple[bytes | None, str | None]:
    if request.has_json:
        return json.dumps(request.json).encode("utf-8"), "application/json"
    if request.file is not None:
        return _multipart(request, file_data or b"")
    if request.fields:
        return urlencode(request.fields).encode("ascii"), "application/x-www-form-urlencoded"
    return None, None


def _multipart(request: Request, data: bytes) -> tuple[bytes, str]:
    assert request.file is not None
    boundary = f"thinktwice-{secrets.token_hex(16)}"
    out = bytearray()
    for name, value in request.fields:
        disposition = f'form-data; name="{_quoted(name)}"'
        out += f"--{boundary}\r\nContent-Disposition: {disposition}\r\n\r\n".encode()
        out += value.encode("utf-8") + b"\r\n"
    spec = request.file
    out += (
        f'--{boundary}\r\nContent-Disposition: form-data; name="{_quoted(spec.field)}"; '
        f'filename="{_quoted(spec.name)}"\r\n'
        f"Content-Type: {spec.media_type or 'application/octet-stream'}\r\n\r\n"
    ).encode()
    out += data + f"\r\n--{boundary}--\r\n".encode()
    return bytes(out), f"multipart/form-data; boundary={boundary}"


def _quoted(text: str) -> str:
    # What browsers do to a form field's name or file name (WHATWG multipart encoding).
    return text.replace("\r", "%0D").replace("\n", "%0A").replace('"', "%22")
