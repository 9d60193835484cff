"""Who is talking: the Host and Origin checks every request passes before routing.

- `HostGuard`: the Host header must be one of the service's own loopback names
  with its port (127.0.0.1, localhost, [::1]). A web page that rebinds its own
  domain name to 127.0.0.1 (DNS rebinding) still sends its own name as the Host,
  so it gets 421 Misdirected Request and nothing else.
- `CorsGuard`: requests without an Origin (the CLI, curl, tests) pass through to
  the token check. A request with an Origin must come from an extension, and,
  except for health and pairing, from a paired one; anything else (a web page,
  "null") gets 403 and no Access-Control-Allow-Origin, preflight or not.
  (The dashboard's pages answer over the socket only: no page origin of the
  service's own is ever allowed.) Starlette's CORSMiddleware cannot say
  "paired extension ids only", hence this.

Requests over the Unix socket (channel.py) pass both: DNS rebinding and page
origins do not exist there, and only this account can connect.

Both are plain ASGI middleware: they run before FastAPI builds a Request.
"""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .channel import is_channel
from .errors import error_response
from .pairing import Pairing
from .security import TOKEN_HEADER, is_extension_origin

# Any extension may reach these before pairing: to see the service runs, and to pair.
OPEN_PATHS = frozenset({"/v1/health", "/v1/pair"})
ALLOW_METHODS = "GET, POST, DELETE"
ALLOW_HEADERS = f"{TOKEN_HEADER}, Content-Type"
# The headers the extension reads from /v1/clean (routes/clean.py).
EXPOSE_HEADERS = (
    "Content-Disposition, X-ThinkTwice-Verdict, X-ThinkTwice-Findings, X-ThinkTwice-Lossless"
)
PREFLIGHT_MAX_AGE = "600"  # seconds a browser may reuse a preflight answer


class HostGuard:
    """Answer 421 unless the Host header is one of `allowed` ("127.0.0.1:8765"...)."""

    def __init__(self, app: ASGIApp, allowed: frozenset[str]) -> None:
        self.app = app
        self.allowed = allowed

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or is_channel(scope):
            await self.app(scope, receive, send)
            return
        host = Headers(scope=scope).get("host", "").lower()
        if host in self.allowed:
            await self.app(scope, receive, send)
            return
        response = error_response(
            421,
            "misdirected_request",
            f"This service answers only to {', '.join(sorted(self.allowed))}; "
            f"the Host header was {host[:100]!r}.",
        )
        await response(scope, receive, send)


class CorsGuard:
    """CORS for extension origins only: paired ones everywhere, any one on OPEN_PATHS."""

    def __init__(self, app: ASGIApp, pairing: Pairing) -> None:
        self.app = app
        self.pairing = pairing

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or is_channel(scope):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        if origin is None:
            await self.app(scope, receive, send)
            return
        if not self.allows(origin, scope["path"]):
            response: Response = error_response(
                403,
                "origin_not_allowed",
                "Requests from this origin are refused: only the paired ThinkTwice "
                "extension may call the service.",
            )
            await response(scope, receive, send)
            return
        if scope["method"] == "OPTIONS" and "access-control-request-method" in headers:
            await self._preflight(origin, headers)(scope, receive, send)
            return

        async def send_with_cors(message: Message) -> None:
            if message["type"] == "http.response.start":
                out = MutableHeaders(scope=message)
                out["Access-Control-Allow-Origin"] = origin
                out["Access-Control-Expose-Headers"] = EXPOSE_HEADERS
                out.add_vary_header("Origin")
            await send(message)

        await self.app(scope, receive, send_with_cors)

    def allows(self, origin: str, path: str) -> bool:
        """Whether a request from `origin` to `path` may proceed."""
        if not is_extension_origin(origin):
            return False
        return path in OPEN_PATHS or self.pairing.is_paired(origin)

    def _preflight(self, origin: str, headers: Headers) -> Response:
        answer = {
            "Access-Control-Allow-Origin": origin,
            "Access-Control-Allow-Methods": ALLOW_METHODS,
            "Access-Control-Allow-Headers": ALLOW_HEADERS,
            "Access-Control-Max-Age": PREFLIGHT_MAX_AGE,
            "Vary": "Origin",
        }
        # Chrome's Private Network Access asks before a page-less extension context
        # reaches a loopback address; the paired extension is allowed to.
        if headers.get("access-control-request-private-network") == "true":
            answer["Access-Control-Allow-Private-Network"] = "true"
        return Response(status_code=204, headers=answer)
