"""POST /v1/pair: the extension gets the token (see pairing.py for the rules)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool

from ..deps import ServicesDep
from ..errors import responses
from ..schemas import Paired, PairIn

router = APIRouter(tags=["pairing"])


@router.post(
    "/pair", summary="Pair the browser extension", responses=responses(400, 403, 409, 422, 429)
)
async def pair(request: Request, services: ServicesDep, body: PairIn | None = None) -> Paired:
    """Give the calling extension the token.

    Every origin must send the code `thinktwice pair` prints, the first one
    too (403 without it or when wrong, 429 after too many wrong codes). An
    origin that already paired gets 409 without a code, never the token: an
    Origin header can be forged; with a valid code it pairs again. Requests
    without an extension Origin never pair.
    """
    origin = request.headers.get("origin")
    code = body.code if body is not None else None
    # Pairing writes paired.json (fsync): keep file I/O off the event loop.
    paired = await run_in_threadpool(services.pairing.pair, origin, code)
    return Paired(
        token=services.token,
        origin=paired.origin,
        paired_at=paired.paired_at,
        method=paired.method,
    )
