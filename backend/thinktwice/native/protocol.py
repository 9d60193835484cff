"""What the extension and the host say to each other (protocol version 1).

From the extension:
    {"type": "hello", "protocol": 1}
        -> {"type": "hello", "app": "thinktwice", "protocol": 1, "version": "0.1.0"}
    {"type": "chunk", "upload": KEY, "index": i, "count": K, "data": base64}
        chunk i of K of a file, sent before the request that names it (uploads.py):
        the extension forwards a photo's chunks as the page hands them over
    {"type": "drop", "upload": KEY}       that file will not be sent after all
    {"type": "request", "id": N, "method": "GET"|"POST"|"DELETE", "path": "/v1/...",
     "timeout": seconds?, "json": value?, "fields": {name: text}?,
     "file": {"field": "file", "name": ..., "type": ..., "upload": KEY}?,
     "language": "es"?}
        `language` (the browser's UI language) reaches the service as Accept-Language:
        the findings and the dashboard are said in it
From the host, for request N:
    {"type": "response", "id": N, "status": 200, "headers": {...}, "index": i,
     "parts": K, "body": base64}      K messages: each under the browser's 1 MiB cap
    {"type": "error", "id": N, "reason": REASON, "message": "..."}
        when no answer came from the service; REASON is one of REASONS.

`fields` and `file` make a multipart form (or, without a file, a urlencoded
one); `json` a JSON body. Every request reaches the service over its Unix socket.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any, TypeGuard

from ..errors import ServiceError

PROTOCOL = 1
APP = "thinktwice"
METHODS = ("GET", "POST", "DELETE")
REASONS = ("not_running", "timeout", "failed", "rejected")
# Base64 characters per response part: with the JSON around it, under 1 MiB.
PART_CHARS = 768 * 1024
DEFAULT_TIMEOUT_S = 30.0
MAX_TIMEOUT_S = 600.0
MAX_PATH = 4096
MAX_UPLOAD_KEY = 64
MAX_LANGUAGE = 64
_LANGUAGE = re.compile(r"^[A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8})*$")
HEADERS_KEPT = (
    "content-type",
    "content-disposition",
    "location",
    "x-thinktwice-verdict",
    "x-thinktwice-findings",
    "x-thinktwice-lossless",
)


class ProtocolError(ServiceError):
    """A message from the extension that does not follow the protocol; says which field."""

    code = "bad_message"


@dataclass(frozen=True, slots=True)
class FileSpec:
    """The file a request carries: the upload its chunks came in."""

    field: str
    name: str
    media_type: str
    upload: str


@dataclass(frozen=True, slots=True)
class Request:
    """One HTTP request for the service, as the extension asked for it."""

    id: int
    method: str
    path: str
    timeout_s: float
    json: Any = None
    has_json: bool = False
    fields: tuple[tuple[str, str], ...] = ()
    file: FileSpec | None = None
    language: str | None = None

    @classmethod
    def parse(cls, message: dict[str, Any]) -> Request:
        """The request in `message`; ProtocolError naming the field that is wrong."""
        ident = message.get("id")
        if not isinstance(ident, int) or isinstance(ident, bool) or not 0 <= ident < 2**31:
            raise ProtocolError(f"Field 'id' is {ident!r}: not a request number.")
        method = message.get("method")
        if method not in METHODS:
            raise ProtocolError(f"Field 'method' is {method!r}: not one of {', '.join(METHODS)}.")
        path = message.get("path")
        if not isinstance(path, str) or not _is_path(path):
            raise ProtocolError(f"Field 'path' is {str(path)[:80]!r}: not a path on the service.")
        timeout = message.get("timeout", DEFAULT_TIMEOUT_S)
        if not isinstance(timeout, int | float) or not 0 < timeout <= MAX_TIMEOUT_S:
            raise ProtocolError(f"Field 'timeout' is {timeout!r}: not 0 to {MAX_TIMEOUT_S:g} s.")
        fields = message.get("fields", {})
        if not isinstance(fields, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in fields.items()
        ):
            raise ProtocolError("Field 'fields' must map names to strings.")
        spec = message.get("file")
        language = message.get("language")
        if language is not None and not (
            isinstance(language, str)
            and len(language) <= MAX_LANGUAGE
            and _LANGUAGE.match(language)
        ):
            raise ProtocolError(f"Field 'language' is {str(language)[:40]!r}: not a language tag.")
        return cls(
            id=ident,
            method=method,
            path=path,
            timeout_s=float(timeout),
            json=message.get("json"),
            has_json="json" in message,
            fields=tuple(fields.items()),
            file=None if spec is None else _file_spec(spec),
            language=language,
        )


def is_upload_key(key: object) -> TypeGuard[str]:
    """Whether `key` can name an upload (a chunk's, a request's file)."""
    return isinstance(key, str) and 0 < len(key) <= MAX_UPLOAD_KEY


def _is_path(path: str) -> bool:
    return (
        path.startswith("/")
        and not path.startswith("//")
        and len(path) <= MAX_PATH
        and all(33 <= ord(ch) < 127 for ch in path)
    )


def _file_spec(spec: object) -> FileSpec:
    if not isinstance(spec, dict):
        raise ProtocolError("Field 'file' must be an object.")
    field, name, kind, upload = (spec.get(k) for k in ("field", "name", "type", "upload"))
    if not all(isinstance(v, str) and 0 < len(v) <= 1024 for v in (field, name)):
        raise ProtocolError("Field 'file' needs a 'field' and a 'name' (1 to 1024 characters).")
    if not isinstance(kind, str) or len(kind) > 255:
        raise ProtocolError(f"Field 'file.type' is {str(kind)[:40]!r}: not a media type.")
    if not is_upload_key(upload):
        raise ProtocolError(f"Field 'file.upload' is {str(upload)[:80]!r}: not an upload key.")
    return FileSpec(str(field), str(name), kind, upload)


def hello(version: str) -> dict[str, Any]:
    """The host's answer to the extension's hello: who it is and what it speaks."""
    return {"type": "hello", "app": APP, "protocol": PROTOCOL, "version": version}


def error(ident: int, reason: str, message: str) -> dict[str, Any]:
    """The host could not get an answer from the service for request `ident`."""
    assert reason in REASONS, reason
    return {"type": "error", "id": ident, "reason": reason, "message": message}


def response_parts(
    ident: int, status: int, headers: dict[str, str], body_base64: str
) -> list[dict[str, Any]]:
    """The service's answer to request `ident`, in messages each under the browser's cap."""
    count = max(1, math.ceil(len(body_base64) / PART_CHARS))
    return [
        {
            "type": "response",
            "id": ident,
            "status": status,
            "headers": headers if index == 0 else {},
            "index": index,
            "parts": count,
            "body": body_base64[index * PART_CHARS : (index + 1) * PART_CHARS],
        }
        for index in range(count)
    ]
