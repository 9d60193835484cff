"""`create_app(settings)`: the service, wired. Nothing here decides anything.

Requests pass, outermost first: TrackActivity (idle stop) -> NoStore ->
PageHeaders (the dashboard's CSP...) -> HostGuard (421) -> CorsGuard (403,
preflights) -> BodyLimit (413) -> UploadBudget (503 busy) -> BodyTimeout (408)
-> the routers, where
`require_token` (401) guards everything under /v1 but health and pairing, and the
dashboard's pages answer over the Unix socket only (see dashboard/routes.py).
The connection cap, the request-head timeout and the Unix socket's peer check are
uvicorn's side (connections.py); requests over that socket skip the Host, Origin
and token checks (channel.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from starlette.exceptions import HTTPException

from .. import __version__
from ..history import History, HistoryUnavailable
from . import errors
from .bodylimit import JSON_CAP, BodyLimit, upload_cap
from .bodytimeout import BodyTimeout
from .cache import CleanedCache
from .dashboard import routes as dashboard
from .dashboard.headers import PageHeaders
from .dashboard.pages import refusal_page
from .dashboard.paths import API_PREFIX, is_dashboard
from .deps import single_valued_query
from .engine import warm_up
from .guards import CorsGuard, HostGuard
from .idle import Activity, TrackActivity
from .inflight import UploadBudget
from .language import Language
from .nostore import NoStore
from .pairing import Pairing
from .private import ensure_private_dir
from .routes import ROUTERS
from .security import load_or_create_token
from .services import Services
from .settings import Settings
from .workers import Workers

UPLOAD_PATHS = ("/v1/inspect", "/v1/inspect/sparse", "/v1/clean")
log = logging.getLogger("thinktwice.server")


def create_app(settings: Settings | None = None) -> FastAPI:
    """A new service instance for `settings` (defaults: 127.0.0.1:8765, user data dir).

    Creates the data directory (0700) and the token (0600) if they do not exist.
    The history and the worker pools open when the app starts and close when it stops.
    """
    settings = settings if settings is not None else Settings()
    ensure_private_dir(settings.data_dir)
    services = Services(
        settings=settings,
        token=load_or_create_token(settings.token_path),
        pairing=Pairing(settings.data_dir),
        cache=CleanedCache(settings.cache_items, settings.cache_bytes, settings.cache_ttl_s),
    )

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        workers = services.workers = Workers(settings.workers, settings.timeout_s)
        try:
            services.history = await workers.history(
                History, settings.history_path, retention_days=settings.retention_days
            )
        except HistoryUnavailable as exc:
            # Inspecting does not need the history; its routes answer 503 and say why.
            services.history_problem = exc.problem
            log.warning("%s", exc)
        # In the background: the service answers health checks at once meanwhile.
        warming = asyncio.ensure_future(_warm(workers, settings.pixels))
        try:
            yield
        finally:
            warming.cancel()
            if services.history is not None:
                await workers.history(services.history.close)
            services.history = None
            services.cache.clear()
            workers.close()
            services.workers = None

    app = FastAPI(
        title="ThinkTwice local service",
        version=__version__,
        description="Inspect and clean images before they are sent; pairing, history. "
        "Listens on loopback only; every call but health and pairing needs the token.",
        lifespan=lifespan,
        docs_url=None,  # the docs pages load scripts from a CDN; the service stays offline
        redoc_url=None,
        dependencies=[Depends(single_valued_query)],
    )
    app.state.services = services
    app.state.activity = Activity()
    errors.install(app)
    # An unknown address outside /v1, over the socket, is a page in the dashboard's look.
    app.add_exception_handler(HTTPException, refusal_page)
    for router in ROUTERS:
        app.include_router(router, prefix=API_PREFIX)
    app.include_router(dashboard.pages)
    # Starlette runs the middleware added last first: this is the list above, reversed.
    app.add_middleware(BodyTimeout, idle_s=settings.body_timeout_s)
    app.add_middleware(UploadBudget, budget=settings.inflight_bytes, paths=UPLOAD_PATHS)
    uploads = upload_cap(settings.max_upload_bytes)
    app.add_middleware(BodyLimit, default=JSON_CAP, caps=dict.fromkeys(UPLOAD_PATHS, uploads))
    # The dashboard's forms come over the socket now, so no page origin needs an exception.
    app.add_middleware(CorsGuard, pairing=services.pairing)
    app.add_middleware(HostGuard, allowed=settings.allowed_hosts)
    app.add_middleware(PageHeaders, covers=is_dashboard)
    app.add_middleware(NoStore)
    app.add_middleware(Language)
    app.add_middleware(TrackActivity, activity=app.state.activity)
    return app


async def _warm(workers: Workers, pixels: bool) -> None:
    # A failed warm-up only means the first inspection pays the loading itself.
    with contextlib.suppress(Exception):
        await workers.engine(warm_up, pixels)
