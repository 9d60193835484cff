"""The security headers on every dashboard response.

The pages reach a browser only through the extension's dashboard page, which
parses them and shows a cleaned copy (extension/dashboard/content.js): no
browser renders a response as a document of its own. The headers stay as a
second lock, for anything that ever did:
- Content-Security-Policy: scripts, styles, images, form targets only from the
  service itself (images also as data: URLs); no plugins; no <base>; no framing.
  Inline styles and scripts are refused, so the templates have none.
- X-Frame-Options DENY for browsers that predate frame-ancestors.
- Referrer-Policy same-origin: the pages link nowhere else anyway.
- nosniff, and the opener and resource policies that keep other sites' pages
  from holding a handle on a dashboard window or embedding its files.
The service adds `Cache-Control: no-store` to every response (nostore.py).
"""

from __future__ import annotations

from collections.abc import Callable

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self'",
        "script-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    )
)
HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}


class PageHeaders:
    """Add HEADERS to every response for a path `covers` accepts."""

    def __init__(self, app: ASGIApp, covers: Callable[[str], bool]) -> None:
        self.app = app
        self.covers = covers

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.covers(scope["path"]):
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)
