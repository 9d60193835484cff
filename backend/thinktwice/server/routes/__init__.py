"""One router per resource, all mounted under /v1 by `create_app`.

health      GET  /health                     no token
pair        POST /pair                       no token; extension origins only
inspect     POST /inspect, GET /inspect/{id}/cleaned
clean       POST /clean
decisions   POST /decisions
history     GET/DELETE /history, DELETE /history/{id}, GET /stats
"""

from __future__ import annotations

from fastapi import APIRouter

from . import clean, decisions, health, history, inspect, pair

ROUTERS: tuple[APIRouter, ...] = (
    health.router,
    pair.router,
    inspect.router,
    clean.router,
    decisions.router,
    history.router,
)
