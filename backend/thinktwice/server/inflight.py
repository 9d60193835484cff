"""The budget for upload bytes held in memory across all requests in flight.

Each upload is read into memory (upload.py), and `BodyLimit` caps one upload;
this caps them together, so that many slow or stalled uploads cannot make the
service hold gigabytes. Bytes count from the moment they are read until their
request is answered. When the budget is spent, a new upload is answered 503
`busy` before a byte of it is read, and one whose next chunk does not fit fails
with the same 503 (the extension reports either as "not checked").
"""

from __future__ import annotations

from collections.abc import Collection

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .errors import error_response

BUSY_HEADERS = {"Connection": "close", "Retry-After": "5"}


class UploadBudget:
    """At most `budget` bytes of bodies held at once by requests to `paths`."""

    def __init__(self, app: ASGIApp, budget: int, paths: Collection[str]) -> None:
        self.app = app
        self.budget = budget
        self.paths = frozenset(paths)
        self.held = 0  # one event loop: no lock needed

    @property
    def busy_message(self) -> str:
        """Why an upload is refused while the budget is spent."""
        return (
            f"The service is busy: uploads in progress already hold its {self.budget:,} "
            "bytes for images in flight. Try again shortly."
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] not in self.paths:
            await self.app(scope, receive, send)
            return
        if self.held >= self.budget:
            response = error_response(503, "busy", self.busy_message, BUSY_HEADERS)
            await response(scope, receive, send)
            return
        taken = 0

        async def counted_receive() -> Message:
            nonlocal taken
            message = await receive()
            if message["type"] == "http.request":
                size = len(message.get("body", b""))
                if self.held + size > self.budget:
                    # An HTTPException, as in BodyLimit: it reaches errors.py's handler.
                    raise HTTPException(503, self.busy_message, headers=BUSY_HEADERS)
                self.held += size
                taken += size
            return message

        try:
            await self.app(scope, counted_receive, send)
        finally:
            self.held -= taken
