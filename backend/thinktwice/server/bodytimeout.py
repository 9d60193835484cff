"""The body read timeout: a request whose body stops arriving is answered 408.

uvicorn waits for the rest of a body as long as the client keeps the connection
open, and whatever was read so far stays in memory meanwhile. Here each read of
the body must deliver within `idle_s`; when it does not, reading fails with 408
(and `Connection: close`, as the rest of the body will never be read), the
route's buffers go with the failed request, and the connection is closed once
the 408 is sent. Reads after the body is complete (waiting for a disconnect)
are not timed.
"""

from __future__ import annotations

import asyncio

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class BodyTimeout:
    """Fail a request with 408 when its body sends nothing for `idle_s` seconds."""

    def __init__(self, app: ASGIApp, idle_s: float) -> None:
        self.app = app
        self.idle_s = idle_s

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        complete = False

        async def timed_receive() -> Message:
            nonlocal complete
            if complete:
                return await receive()
            try:
                message = await asyncio.wait_for(receive(), self.idle_s)
            except TimeoutError:
                # An HTTPException, so that FastAPI's own body reading lets it through.
                raise HTTPException(
                    408,
                    f"The request body stopped arriving: nothing for {self.idle_s:g} s.",
                    headers={"Connection": "close"},
                ) from None
            complete = message["type"] != "http.request" or not message.get("more_body", False)
            return message

        await self.app(scope, timed_receive, send)
