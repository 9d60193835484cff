"""The language of each request: its Accept-Language header picks the catalog.

The extension sends its UI language (the native host turns it into this header);
a script over TCP may send one too. Sentences built while the request is handled,
in the engine's threads included (workers.py runs them in the request's context),
are said in it; the response says which with Content-Language.
"""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import i18n


class Language:
    """Speak each HTTP request's Accept-Language (English when none is supported)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        with i18n.using(Headers(scope=scope).get("accept-language") or i18n.SOURCE) as language:

            async def send_language(message: Message) -> None:
                if message["type"] == "http.response.start":
                    MutableHeaders(scope=message)["Content-Language"] = language
                await send(message)

            await self.app(scope, receive, send_language)
