"""One router per resource, all mounted under /v1 by `create_app`.

health      GET  /health                     no token
pair        POST /pair                       no token; extension origins only
inspect     POST /inspect, GET /inspect/{id}/cleaned
sparse      POST /inspect/sparse             a video sent in part
clean       POST /clean
decisions   POST /decisions
history     GET/DELETE /history, DELETE /history/{id}, GET /stats
"""

from __future__ import annotations

from fastapi import APIRouter

from . import clean, decisions, health, history, inspect, pair, sparse

ROUTERS: tuple[APIRouter, ...] = (
    health.router,
    pair.router,
    inspect.router,
    sparse.router,
    clean.router,
    decisions.router,
    history.router,
)
