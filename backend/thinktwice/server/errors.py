"""The one place where failures become HTTP responses.

The exceptions themselves form one tree, drawn in thinktwice/errors.py: the
engine's, and under ServiceError the service's own. This module gives each its
status. The API answers them as JSON; the dashboard's pages (server/dashboard/pages.py)
answer with the same statuses, as pages people read.

Every error the service returns has the same body, `{"error": code, "message":
reason}`: `code` is stable and meant for programs, `message` is a sentence meant
for people. Messages come from the engine's exceptions (which never hold image
bytes) or from here; nothing a client uploaded is ever echoed back.

    UnsupportedFormat       415  not an image format ThinkTwice handles (or empty)
    CorruptImage            422  truncated or malformed
    ImageTooLarge           413  over the pixel cap (decompression bombs) or byte cap
    CleaningFailed          422  the engine could not produce a verified clean copy
    AnalysisUnavailable     503  faces cannot be hidden: the model is missing or broken
    HistoryUnavailable      503  the history database cannot be used right now
    ProcessingTimeout       504  the engine ran past the per-request deadline
    PairingError            403  (AlreadyPaired: 409, TooManyPairingAttempts: 429)
    request validation      422  `invalid_request`, naming the field
    ApiError                its own status: 401, 403, 404, 413, 415, 421...
                            (the dashboard's NotOnThisChannel and PageProblem are ApiErrors)

CleaningFailed is a 422, not a 500: it depends on what this file holds, a retry
never helps, and the extension must treat it like any refusal to clean (fail
closed), not as a service outage.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

from ..errors import (
    AnalysisUnavailable,
    CleaningFailed,
    CorruptImage,
    ImageTooLarge,
    ServiceError,
    ThinkTwiceError,
    UnsupportedFormat,
)
from ..history import HistoryUnavailable
from .pairing import AlreadyPaired, PairingError, TooManyPairingAttempts
from .schemas import ErrorBody
from .workers import ProcessingTimeout

MAX_MESSAGE = 500  # characters; longer reasons are cut, never a dump of anything

STATUS: dict[type[Exception], int] = {
    UnsupportedFormat: 415,
    CorruptImage: 422,
    ImageTooLarge: 413,
    CleaningFailed: 422,
    AnalysisUnavailable: 503,
    ThinkTwiceError: 422,
    HistoryUnavailable: 503,
    ProcessingTimeout: 504,
    AlreadyPaired: 409,
    TooManyPairingAttempts: 429,
    PairingError: 403,
}
# Starlette's own HTTP errors (unknown route, wrong method...) get a code too.
HTTP_CODES = {
    400: "bad_request",
    404: "not_found",
    405: "method_not_allowed",
    408: "request_timeout",
    413: "request_too_large",
    503: "busy",  # the only 503 raised as an HTTPException: the upload budget (inflight.py)
}

DESCRIPTIONS = {
    400: "The body could not be read (for instance, JSON that is not UTF-8).",
    401: "The X-ThinkTwice-Token header is missing or wrong.",
    403: "The origin or the pairing is refused.",
    404: "Unknown id, or the cleaned copy has expired.",
    413: "The request or the image is over a size or pixel limit.",
    415: "Not a supported image format, or not multipart/form-data.",
    409: "The origin is already paired: pairing it again needs a new code.",
    421: "The Host header is not this service's loopback address (DNS rebinding).",
    422: "The request is malformed, or the image is corrupt or cannot be cleaned.",
    429: "Too many wrong pairing codes.",
    503: "The history database is unavailable.",
    504: "Processing took longer than the service's deadline.",
}


class ApiError(ServiceError):
    """An HTTP-level refusal raised by the service's own code, with its status."""

    def __init__(
        self, status: int, code: str, message: str, headers: dict[str, str] | None = None
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.headers = headers


def error_response(
    status: int, code: str, message: str, headers: Mapping[str, str] | None = None
) -> JSONResponse:
    """The JSON error every failure is answered with."""
    body = {"error": code, "message": message[:MAX_MESSAGE]}
    return JSONResponse(body, status_code=status, headers=headers)


def status_of(exc: Exception) -> int:
    """The HTTP status for an exception of the tables above (500 if it is not one)."""
    if isinstance(exc, ApiError):
        return exc.status
    for cls in type(exc).__mro__:
        if cls in STATUS:
            return STATUS[cls]
    return 500


def responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for a route that may answer with these error statuses."""
    return {s: {"model": ErrorBody, "description": DESCRIPTIONS[s]} for s in statuses}


def install(app: FastAPI) -> None:
    """Register the handlers that turn every failure into the JSON error form."""

    async def api_error(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, ApiError)
        return error_response(exc.status, exc.code, exc.message, exc.headers)

    async def known(_: Request, exc: Exception) -> JSONResponse:
        code = getattr(exc, "code", "error")
        return error_response(status_of(exc), str(code), str(exc))

    async def invalid(_: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        return error_response(422, "invalid_request", _describe(exc))

    async def unexpected(_: Request, exc: Exception) -> JSONResponse:
        # The traceback goes to the log (Starlette re-raises it); the client
        # learns only that something broke, never what was being processed.
        return error_response(500, "internal_error", "The service hit an unexpected error.")

    app.add_exception_handler(ApiError, api_error)
    for cls in STATUS:
        app.add_exception_handler(cls, known)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(Exception, unexpected)


async def http_error(request: Request, exc: Exception) -> JSONResponse:
    """Starlette's own HTTP errors (unknown route, wrong method...) in the JSON form."""
    assert isinstance(exc, StarletteHTTPException)
    code = HTTP_CODES.get(exc.status_code, "http_error")
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        headers["Allow"] = _allowed_methods(request)
    return error_response(exc.status_code, code, str(exc.detail), headers)


def _allowed_methods(request: Request) -> str:
    # Starlette's 405 names the methods of the first route matching the path only;
    # /v1/history has a GET route and a DELETE route, and Allow must name both.
    # The OpenAPI schema (built once, then cached) lists every operation per path.
    methods: set[str] = set()
    for template, operations in request.app.openapi().get("paths", {}).items():
        if compile_path(template)[0].fullmatch(request.url.path):
            methods |= {m.upper() for m in operations if m in _HTTP_METHODS}
    return ", ".join(sorted(methods))


_HTTP_METHODS = frozenset({"get", "put", "post", "delete", "options", "head", "patch", "trace"})


def _describe(exc: RequestValidationError) -> str:
    # Each error's location and message only: pydantic's "input" would echo the request.
    parts = []
    for error in exc.errors()[:5]:
        where = ".".join(str(p) for p in error.get("loc", ()) if p != "body")
        parts.append(f"{where}: {error.get('msg', 'invalid')}" if where else error.get("msg", ""))
    return "Invalid request: " + "; ".join(parts)
