"""Reading an uploaded image into memory, and nowhere else.

Starlette's form parser spools file parts over 1 MiB to a temporary file on
disk; a photo must never touch the disk, so uploads are read here instead: the
request stream goes straight into python-multipart's streaming parser and the
file part is collected in memory. The size cap is enforced on the stream by
`BodyLimit` before a byte gets here; this module bounds the rest (the number
of parts, the size of text fields).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

from fastapi import Request
from python_multipart.exceptions import FormParserError
from python_multipart.multipart import MultipartParser, parse_options_header

from .errors import ApiError

# A malformed body is answered 422 with a reason; the parser's own warnings would
# only repeat that in the service's log, once per bad request.
logging.getLogger("python_multipart").setLevel(logging.ERROR)

FILE_FIELD = "file"
MAX_PARTS = 8
MAX_FIELD_BYTES = 4096  # a text field such as `site`
# Fields allowed to be longer: where the pieces of a video sent in part go (routes/sparse.py).
LONG_FIELDS = {"pieces": 1024 * 1024}

# The OpenAPI description of an upload route's body (the route reads it itself).
UPLOAD_PROPERTIES = {
    FILE_FIELD: {
        "type": "string",
        "format": "binary",
        "description": "The image, with its file name (JPEG, PNG, WebP, GIF, TIFF, HEIC, AVIF).",
    }
}
SITE_PROPERTY = {
    "site": {
        "type": "string",
        "maxLength": 2048,
        "description": "The page the image is being sent to (URL, origin or host); "
        "only its host name is kept in the history.",
        "examples": ["https://web.whatsapp.com"],
    }
}


def upload_body(*, with_site: bool, extra: Mapping[str, object] | None = None) -> dict[str, object]:
    """`openapi_extra` documenting a multipart body with `file` (and `site`, and `extra`)."""
    properties = {**UPLOAD_PROPERTIES, **(SITE_PROPERTY if with_site else {}), **(extra or {})}
    schema = {"type": "object", "required": [FILE_FIELD], "properties": properties}
    return {
        "requestBody": {
            "required": True,
            "content": {"multipart/form-data": {"schema": schema}},
        }
    }


@dataclass(frozen=True, slots=True)
class Upload:
    """An uploaded file in memory, its name, the text fields beside it, and timings."""

    data: bytes
    filename: str | None
    fields: dict[str, str]
    started: float  # time.perf_counter() when the request reached the route
    receive_ms: float


@dataclass(slots=True)
class _Part:
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    name: str = ""
    filename: str | None = None
    chunks: list[bytes] = field(default_factory=list)
    size: int = 0
    complete: bool = False


class _Collector:
    """python-multipart callbacks that keep every part in memory, within bounds."""

    def __init__(self) -> None:
        self.parts: list[_Part] = []
        self.finished = False
        self._header_name = b""
        self._header_value = b""

    def on_part_begin(self) -> None:
        if len(self.parts) >= MAX_PARTS:
            raise ApiError(422, "invalid_multipart", f"More than {MAX_PARTS} multipart parts.")
        self.parts.append(_Part())

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self._header_name += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self._header_value += data[start:end]

    def on_header_end(self) -> None:
        self.parts[-1].headers.append((self._header_name.lower(), self._header_value))
        self._header_name = self._header_value = b""

    def on_headers_finished(self) -> None:
        part = self.parts[-1]
        disposition = dict(part.headers).get(b"content-disposition")
        _, options = parse_options_header(disposition)
        if b"name" not in options:
            raise ApiError(422, "invalid_multipart", "A multipart part has no field name.")
        part.name = options[b"name"].decode("utf-8", "replace")
        if b"filename" in options:
            part.filename = options[b"filename"].decode("utf-8", "replace")

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        part = self.parts[-1]
        part.size += end - start
        limit = LONG_FIELDS.get(part.name, MAX_FIELD_BYTES)
        if part.filename is None and part.size > limit:
            raise ApiError(
                422,
                "invalid_multipart",
                f"Field {part.name!r:.40} is over {limit} bytes.",
            )
        part.chunks.append(data[start:end])

    def on_part_end(self) -> None:
        self.parts[-1].complete = True

    def on_end(self) -> None:
        self.finished = True


async def read_upload(request: Request) -> Upload:
    """The multipart upload in `request`: its `file` part in memory, and text fields.

    415 when the body is not multipart/form-data, 422 when it is malformed or has
    no `file` part (413 comes from `BodyLimit` while streaming).
    """
    started = time.perf_counter()
    media_type, params = parse_options_header(request.headers.get("content-type"))
    if media_type != b"multipart/form-data" or not params.get(b"boundary"):
        raise ApiError(
            415,
            "unsupported_media_type",
            "Send the image as multipart/form-data, in a field named `file`.",
        )
    collector = _Collector()
    try:
        parser = MultipartParser(
            params[b"boundary"],
            {
                "on_part_begin": collector.on_part_begin,
                "on_header_field": collector.on_header_field,
                "on_header_value": collector.on_header_value,
                "on_header_end": collector.on_header_end,
                "on_headers_finished": collector.on_headers_finished,
                "on_part_data": collector.on_part_data,
                "on_part_end": collector.on_part_end,
                "on_end": collector.on_end,
            },
        )
        async for chunk in request.stream():
            parser.write(chunk)
        parser.finalize()
    except FormParserError:
        raise ApiError(422, "invalid_multipart", "The multipart body is malformed.") from None
    if not collector.finished or not all(p.complete for p in collector.parts):
        # A body cut short would otherwise hand the engine half an image.
        raise ApiError(
            422, "invalid_multipart", "The multipart body ends before its last boundary."
        )
    return _upload(collector.parts, started)


def _upload(parts: list[_Part], started: float) -> Upload:
    files = [p for p in parts if p.name == FILE_FIELD]
    if len(files) != 1 or files[0].filename is None:
        found = "none" if not files else f"{len(files)}, or one without a file name"
        raise ApiError(
            422,
            "invalid_request",
            f"Expected exactly one file in the multipart field `{FILE_FIELD}` (found {found}).",
        )
    fields: dict[str, str] = {}
    for part in parts:
        if part.filename is None:
            try:
                fields[part.name] = b"".join(part.chunks).decode("utf-8")
            except UnicodeDecodeError:
                raise ApiError(
                    422, "invalid_request", f"Field {part.name!r:.40} is not UTF-8 text."
                ) from None
    data = b"".join(files[0].chunks)
    return Upload(
        data=data,
        filename=files[0].filename,
        fields=fields,
        started=started,
        receive_ms=(time.perf_counter() - started) * 1000,
    )
