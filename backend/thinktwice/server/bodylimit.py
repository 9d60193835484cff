"""The request size cap, enforced before and while a body is read.

A request whose Content-Length is over the cap is answered 413 at once, before
routing and before a byte of the body is read. One that does not declare its
length (chunked) is counted as it streams in, and reading fails with 413 the
moment it passes the cap, so no route ever holds more than the cap in memory.
Upload routes get the upload cap; every other route a small one, because their
bodies are short JSON documents.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import error_response

JSON_BODY_LIMIT = 64 * 1024
# Room for the multipart boundaries, part headers and the `site` field around a
# file of the largest accepted size.
MULTIPART_OVERHEAD = 64 * 1024


@dataclass(frozen=True, slots=True)
class Cap:
    """At most `bytes` of body; `message` tells the client what the limit is."""

    bytes: int
    message: str


def upload_cap(max_upload_bytes: int) -> Cap:
    """The cap for an upload route: the largest image plus the multipart around it."""
    return Cap(
        max_upload_bytes + MULTIPART_OVERHEAD,
        f"The upload is too large: images over {max_upload_bytes:,} bytes are refused.",
    )


JSON_CAP = Cap(JSON_BODY_LIMIT, f"The request body is over {JSON_BODY_LIMIT:,} bytes.")


class BodyLimit:
    """Refuse request bodies over `caps[path]` (or `default`) with 413."""

    def __init__(self, app: ASGIApp, default: Cap, caps: Mapping[str, Cap]) -> None:
        self.app = app
        self.default = default
        self.caps = dict(caps)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cap = self.caps.get(scope["path"], self.default)
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > cap.bytes:
            await error_response(413, "request_too_large", cap.message)(scope, receive, send)
            return
        received = 0

        async def counted_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > cap.bytes:
                    # An HTTPException, so that FastAPI's own body reading lets it
                    # through to the handler in errors.py instead of making it a 400.
                    raise HTTPException(413, cap.message)
            return message

        await self.app(scope, counted_receive, send)
