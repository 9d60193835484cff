"""The dependencies routes declare, typed with `Annotated` so signatures say it all.

    ServicesDep   the running service's state
    WorkersDep    the engine's and the history's worker pools
    HistoryDep    the open history (503 `history_unavailable` otherwise)
    UploadDep     the multipart upload, read into memory (see upload.py)
    PixelsDep     whether to analyse the pixels: `?pixels=`, else the service's setting
    DropHdrDep    whether the clean copy loses its HDR gain map too: `?drop_hdr=`
    require_token the X-ThinkTwice-Token check (401), on every router but health/pair;
                  requests over the Unix socket need none (channel.py)
    single_valued_query  refuses a query parameter given twice (422), on every route

All are `async def`: FastAPI would run plain functions in a thread pool, a
needless hop for work this small.
"""

from __future__ import annotations

from typing import Annotated, cast

from fastapi import Depends, Query, Request, Security
from fastapi.security import APIKeyHeader

from ..history import History
from .channel import is_channel
from .errors import ApiError
from .security import TOKEN_HEADER, tokens_match
from .services import Services
from .upload import Upload, read_upload
from .workers import Workers

token_header = APIKeyHeader(
    name=TOKEN_HEADER,
    scheme_name="token",
    description="The pairing token: `thinktwice token` prints it; the extension gets it "
    "from POST /v1/pair.",
    auto_error=False,
)


async def get_services(request: Request) -> Services:
    """The service state `create_app` put on the application."""
    return cast(Services, request.app.state.services)


ServicesDep = Annotated[Services, Depends(get_services)]


async def get_workers(services: ServicesDep) -> Workers:
    """The running worker pools."""
    return services.running_workers()


async def get_history(services: ServicesDep) -> History:
    """The open history; HistoryUnavailable (503) when it could not be opened."""
    return services.open_history()


async def require_token(
    request: Request, services: ServicesDep, given: Annotated[str | None, Security(token_header)]
) -> None:
    """Refuse the request (401) unless it came over the Unix socket or carries the
    token; constant-time compare."""
    if not is_channel(request.scope) and not tokens_match(given, services.token):
        raise ApiError(
            401,
            "unauthorized",
            f"The {TOKEN_HEADER} header is missing or wrong. Pair the extension, "
            "or use the token `thinktwice token` prints.",
            headers={"WWW-Authenticate": TOKEN_HEADER},
        )


async def wants_pixels(
    services: ServicesDep,
    pixels: Annotated[
        bool | None,
        Query(
            description="Analyse the pixels too (nudity, faces, codes, text); the "
            "service's setting when not given. `false` reads the metadata only (faster)."
        ),
    ] = None,
) -> bool:
    """Whether this request wants pixel analysis."""
    return services.settings.pixels if pixels is None else pixels


async def drops_hdr(
    drop_hdr: Annotated[
        bool,
        Query(
            description="Remove an HDR gain map from the clean copy too (`thinktwice clean "
            "--drop-hdr`). By default it is kept, stripped of anything identifying, so that "
            "HDR screens still show the photo's HDR look."
        ),
    ] = False,
) -> bool:
    """Whether this request's clean copy drops HDR gain maps."""
    return drop_hdr


async def single_valued_query(request: Request) -> None:
    """Refuse a query parameter given more than once: no route takes a list, and
    which of two values should win would be a guess."""
    names = [name for name, _ in request.query_params.multi_items()]
    repeated = sorted({name[:40] for name in names if names.count(name) > 1})
    if repeated:
        raise ApiError(
            422,
            "invalid_request",
            f"Query parameter(s) given more than once: {', '.join(repeated)}.",
        )


WorkersDep = Annotated[Workers, Depends(get_workers)]
PixelsDep = Annotated[bool, Depends(wants_pixels)]
DropHdrDep = Annotated[bool, Depends(drops_hdr)]
HistoryDep = Annotated[History, Depends(get_history)]
UploadDep = Annotated[Upload, Depends(read_upload)]
